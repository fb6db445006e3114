import { entityProjection } from '@ooh/eventing';
import { clientDecider, type ClientEvent } from '@ooh/planning-domain';

export const CLIENTS = 'planning_clients';

/** Clients for lists and views: the aggregate's own state. */
export const clientsProjection = entityProjection({
  name: 'planning.clients',
  collection: CLIENTS,
  category: 'planning.client',
  indexes: [['status'], ['openedAt']],
  decider: clientDecider,
  id: (e: ClientEvent) => e.data.clientId,
});
