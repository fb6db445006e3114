import { eventProjection } from '@ooh/eventing';
import type { MaintenanceEvent } from '@ooh/operations-domain';

export const MAINTENANCE = 'operations_maintenance';
export const MAINTENANCE_WEEKS = 'operations_maintenance_weeks';

export interface MaintenanceWeek {
  [key: string]: unknown;
  siteId: string;
  week: string;
  visits: number;
}

/** Each maintenance visit, and per site and ISO week how many were done (for compliance). */
export const maintenanceProjection = eventProjection<MaintenanceEvent>({
  name: 'operations.maintenance.v2',
  collections: [MAINTENANCE, MAINTENANCE_WEEKS],
  categories: ['operations.maintenance'],
  indexes: [
    { collection: MAINTENANCE, fields: ['siteId', 'isoWeek'] },
    { collection: MAINTENANCE_WEEKS, fields: ['week'] },
  ],
  on: {
    async MaintenanceRecorded({ data }, { event, get, put }) {
      // The aggregate's own state with its revision: the same shape as the view as of an instant.
      put(MAINTENANCE, data.maintenanceId, { status: 'recorded', ...data, revision: event.revision, updatedAt: event.recordedAt });
      const weekId = `${data.siteId}|${data.isoWeek}`;
      const week = await get<MaintenanceWeek>(MAINTENANCE_WEEKS, weekId);
      put(MAINTENANCE_WEEKS, weekId, { siteId: data.siteId, week: data.isoWeek, visits: (week?.visits ?? 0) + 1 });
    },
  },
});
