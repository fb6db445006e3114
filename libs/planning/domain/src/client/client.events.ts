import { streamName, type Actor, type DomainEvent } from '@ooh/eventing';

/** One stream per client: `planning.client-<id>`. */
export const clientStream = (clientId: string): string => streamName('planning', 'client', clientId);

export type ClientOpened = DomainEvent<'ClientOpened', { clientId: string; title: string; at: string; by: Actor }>;
export type ClientClosed = DomainEvent<'ClientClosed', { clientId: string; reason: string; at: string; by: Actor }>;

export type ClientEvent = ClientOpened | ClientClosed;

export interface ClientState {
  status: 'none' | 'open' | 'closed';
  clientId: string;
  title: string;
  openedAt: string | null;
  openedBy: Actor | null;
  closedAt: string | null;
  closedBy: Actor | null;
  closeReason: string | null;
}

export const initialClientState = (): ClientState => ({
  status: 'none',
  clientId: '',
  title: '',
  openedAt: null,
  openedBy: null,
  closedAt: null,
  closedBy: null,
  closeReason: null,
});

export function evolveClient(state: ClientState, event: ClientEvent): ClientState {
  switch (event.type) {
    case 'ClientOpened': {
      const { clientId, title, at, by } = event.data;
      return { ...initialClientState(), status: 'open', clientId, title, openedAt: at, openedBy: by };
    }
    case 'ClientClosed':
      return { ...state, status: 'closed', closedAt: event.data.at, closedBy: event.data.by, closeReason: event.data.reason };
  }
}
