import { streamName, type Actor, type DomainEvent } from '@ooh/eventing';

/** One stream per client file (客户档案): `planning.client-<id>`. */
export const clientStream = (clientId: string): string => streamName('planning', 'client', clientId);

export interface ClientContact {
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
}

/** What a client file says; an update names only what changed. */
export interface ClientProfile {
  name: string;
  industry: string;
  contacts: ClientContact[];
  needs: string | null;
  notes: string | null;
}

export type ClientRegistered = DomainEvent<'ClientRegistered', ClientProfile & { clientId: string; at: string; by: Actor }>;
export type ClientUpdated = DomainEvent<'ClientUpdated', { clientId: string; changes: Partial<ClientProfile>; at: string; by: Actor }>;
export type ClientArchived = DomainEvent<'ClientArchived', { clientId: string; reason: string; at: string; by: Actor }>;

export type ClientEvent = ClientRegistered | ClientUpdated | ClientArchived;

export interface ClientState extends ClientProfile {
  status: 'none' | 'active' | 'archived';
  clientId: string;
  /** The name in lower case, for a case-insensitive search by prefix. */
  nameKey: string;
  registeredAt: string | null;
  registeredBy: Actor | null;
  archivedAt: string | null;
  archivedBy: Actor | null;
  archiveReason: string | null;
}

export const initialClientState = (): ClientState => ({
  status: 'none',
  clientId: '',
  name: '',
  nameKey: '',
  industry: '',
  contacts: [],
  needs: null,
  notes: null,
  registeredAt: null,
  registeredBy: null,
  archivedAt: null,
  archivedBy: null,
  archiveReason: null,
});

export function evolveClient(state: ClientState, event: ClientEvent): ClientState {
  switch (event.type) {
    case 'ClientRegistered': {
      const { clientId, name, industry, contacts, needs, notes, at, by } = event.data;
      return {
        ...initialClientState(),
        status: 'active',
        clientId,
        name,
        nameKey: name.toLowerCase(),
        industry,
        contacts,
        needs,
        notes,
        registeredAt: at,
        registeredBy: by,
      };
    }
    case 'ClientUpdated': {
      const next = { ...state, ...event.data.changes };
      return { ...next, nameKey: next.name.toLowerCase() };
    }
    case 'ClientArchived':
      return { ...state, status: 'archived', archivedAt: event.data.at, archivedBy: event.data.by, archiveReason: event.data.reason };
  }
}
