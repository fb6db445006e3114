import type { Projection } from '@ooh/eventing';
import type { FaultEvent } from '@ooh/operations-domain';

export const FAULTS = 'operations_faults';

/** Fault tickets for lists, SLA tracking and the breach scheduler. */
export const faultsProjection: Projection = {
  name: 'operations.faults',
  collections: [FAULTS],
  filter: { categories: ['operations.fault'] },
  indexes: [
    { collection: FAULTS, fields: ['status', 'slaDeadline'] },
    { collection: FAULTS, fields: ['siteId'] },
    { collection: FAULTS, fields: ['severity'] },
    { collection: FAULTS, fields: ['breached'] },
  ],
  async apply({ event, get, put }) {
    const e = { type: event.type, data: event.data } as FaultEvent;
    const id = e.data.faultId;
    const base = { revision: event.revision, updatedAt: event.recordedAt };
    if (e.type === 'FaultOpened') {
      const { by, ...rest } = e.data;
      put(FAULTS, id, { ...rest, status: 'open', breached: false, openedBy: by, ...base });
      return;
    }
    const current = await get(FAULTS, id);
    if (!current) return;
    switch (e.type) {
      case 'FaultAcknowledged':
        return put(FAULTS, id, { ...current, status: 'acknowledged', acknowledgedAt: e.data.at, acknowledgedBy: e.data.by, ...base });
      case 'FaultResolved':
        return put(FAULTS, id, {
          ...current,
          status: 'resolved',
          resolvedAt: e.data.resolvedAt,
          resolvedBy: e.data.by,
          resolution: e.data.action,
          resolutionPhotos: e.data.photos,
          withinSla: e.data.withinSla,
          ...base,
        });
      case 'FaultResolutionRejected':
        return put(FAULTS, id, { ...current, status: 'acknowledged', resolvedAt: null, resolvedBy: null, lastRejection: e.data.reason, ...base });
      case 'FaultClosed':
        return put(FAULTS, id, { ...current, status: 'closed', closedAt: e.data.at, closedBy: e.data.by, ...base });
      case 'FaultSlaBreached':
        return put(FAULTS, id, { ...current, breached: true, breachDetectedAt: e.data.detectedAt, ...base });
    }
  },
};
