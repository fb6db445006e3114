import { AppError, notFound, ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import { evolveClient, initialClientState, type ClientEvent, type ClientProfile, type ClientState } from './client.events';

export type RegisterClient = Command<'RegisterClient', ClientProfile & { clientId: string; at: string; by: Actor }>;
export type UpdateClient = Command<'UpdateClient', { clientId: string; changes: Partial<ClientProfile>; at: string; by: Actor }>;
export type ArchiveClient = Command<'ArchiveClient', { clientId: string; reason: string; at: string; by: Actor }>;

export type ClientCommand = RegisterClient | UpdateClient | ArchiveClient;

const blank = (text: string | null | undefined) => text === undefined || text === null || text.trim() === '';

function requireProfile(profile: Partial<ClientProfile>): void {
  if (profile.name !== undefined && blank(profile.name)) throw ruleViolated('NAME_REQUIRED', 'A client needs a name');
  if (profile.industry !== undefined && blank(profile.industry)) throw ruleViolated('INDUSTRY_REQUIRED', 'A client needs an industry');
  if (profile.contacts?.some((c) => blank(c.name))) throw ruleViolated('CONTACT_NAME_REQUIRED', 'Every contact needs a name');
}

/** Client files: registered, updated, archived; never deleted, so their history stays readable. */
export function decideClient(command: ClientCommand, state: ClientState): ClientEvent[] {
  switch (command.type) {
    case 'RegisterClient': {
      if (state.status !== 'none') throw new AppError('conflict', 'CLIENT_ALREADY_EXISTS', `Client ${command.data.clientId} already exists`);
      requireProfile(command.data);
      return [{ type: 'ClientRegistered', data: command.data }];
    }
    case 'UpdateClient': {
      const { clientId, changes, at, by } = command.data;
      if (state.status === 'none') throw notFound('CLIENT_NOT_FOUND', `No client ${clientId}`);
      if (state.status === 'archived') throw ruleViolated('CLIENT_ARCHIVED', `Client ${clientId} is archived: its file is read-only`);
      requireProfile(changes);
      const changed = Object.fromEntries(
        Object.entries(changes).filter(([key, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(state[key as keyof ClientProfile])),
      ) as Partial<ClientProfile>;
      if (Object.keys(changed).length === 0) return [];
      return [{ type: 'ClientUpdated', data: { clientId, changes: changed, at, by } }];
    }
    case 'ArchiveClient': {
      const { clientId, reason, at, by } = command.data;
      if (state.status === 'none') throw notFound('CLIENT_NOT_FOUND', `No client ${clientId}`);
      if (state.status === 'archived') throw ruleViolated('CLIENT_ARCHIVED', `Client ${clientId} is already archived`);
      if (blank(reason)) throw ruleViolated('REASON_REQUIRED', 'Archiving a client needs a reason');
      return [{ type: 'ClientArchived', data: { clientId, reason, at, by } }];
    }
  }
}

export const clientDecider: Decider<ClientCommand, ClientEvent, ClientState> = {
  decide: decideClient,
  evolve: evolveClient,
  initialState: initialClientState,
};
