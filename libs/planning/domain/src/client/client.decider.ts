import { AppError, notFound, requireSecondPerson, ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import { evolveClient, initialClientState, type ClientEvent, type ClientState } from './client.events';

export type OpenClient = Command<'OpenClient', { clientId: string; title: string; at: string; by: Actor }>;
export type CloseClient = Command<'CloseClient', { clientId: string; reason: string; at: string; by: Actor }>;

export type ClientCommand = OpenClient | CloseClient;

export function decideClient(command: ClientCommand, state: ClientState): ClientEvent[] {
  switch (command.type) {
    case 'OpenClient': {
      const { clientId, title, at, by } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'CLIENT_ALREADY_EXISTS', `Client ${clientId} already exists`);
      if (title.trim() === '') throw ruleViolated('TITLE_REQUIRED', 'A client needs a title');
      return [{ type: 'ClientOpened', data: { clientId, title, at, by } }];
    }
    case 'CloseClient': {
      const { clientId, reason, at, by } = command.data;
      if (state.status === 'none') throw notFound('CLIENT_NOT_FOUND', `No client ${clientId}`);
      if (state.status === 'closed') throw ruleViolated('CLIENT_CLOSED', `Client ${clientId} is already closed`);
      requireSecondPerson(by, state.openedBy?.userId, 'Closing a client');
      if (reason.trim() === '') throw ruleViolated('REASON_REQUIRED', 'Closing a client needs a reason');
      return [{ type: 'ClientClosed', data: { clientId, reason, at, by } }];
    }
  }
}

export const clientDecider: Decider<ClientCommand, ClientEvent, ClientState> = {
  decide: decideClient,
  evolve: evolveClient,
  initialState: initialClientState,
};
