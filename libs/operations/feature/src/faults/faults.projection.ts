import { entityProjection } from '@ooh/eventing';
import { faultDecider, type FaultEvent } from '@ooh/operations-domain';

export const FAULTS = 'operations_faults';

/** Fault tickets for lists, SLA tracking and the breach scheduler: the fault's own state. */
export const faultsProjection = entityProjection({
  name: 'operations.faults',
  collection: FAULTS,
  category: 'operations.fault',
  indexes: [['status', 'slaDeadline'], ['siteId'], ['severity'], ['breached'], ['openedAt']],
  decider: faultDecider,
  id: (e: FaultEvent) => e.data.faultId,
});
