import { entityProjection } from '@ooh/eventing';
import { clientDecider, type ClientEvent } from '@ooh/planning-domain';

export const CLIENTS = 'planning_clients';

/** Client files for lists, search by name prefix, and views: the aggregate's own state. */
export const clientsProjection = entityProjection({
  name: 'planning.clients',
  collection: CLIENTS,
  category: 'planning.client',
  indexes: [['status', 'nameKey'], ['nameKey'], ['industry']],
  decider: clientDecider,
  id: (e: ClientEvent) => e.data.clientId,
});
