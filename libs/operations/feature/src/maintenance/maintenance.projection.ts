import type { Projection } from '@ooh/eventing';
import type { MaintenanceRecorded } from '@ooh/operations-domain';

export const MAINTENANCE = 'operations_maintenance';
export const MAINTENANCE_WEEKS = 'operations_maintenance_weeks';

export interface MaintenanceWeek {
  [key: string]: unknown;
  siteId: string;
  week: string;
  visits: number;
}

/** Each maintenance visit, and per site and ISO week how many were done (for compliance). */
export const maintenanceProjection: Projection = {
  name: 'operations.maintenance',
  collections: [MAINTENANCE, MAINTENANCE_WEEKS],
  filter: { categories: ['operations.maintenance'] },
  indexes: [
    { collection: MAINTENANCE, fields: ['siteId', 'isoWeek'] },
    { collection: MAINTENANCE_WEEKS, fields: ['week'] },
  ],
  async apply({ event, get, put }) {
    if (event.type !== 'MaintenanceRecorded') return;
    const d = event.data as MaintenanceRecorded['data'];
    put(MAINTENANCE, d.maintenanceId, { ...d, recordedAt: event.recordedAt, revision: event.revision });
    const weekId = `${d.siteId}|${d.isoWeek}`;
    const week = await get<MaintenanceWeek>(MAINTENANCE_WEEKS, weekId);
    put(MAINTENANCE_WEEKS, weekId, { siteId: d.siteId, week: d.isoWeek, visits: (week?.visits ?? 0) + 1 });
  },
};
