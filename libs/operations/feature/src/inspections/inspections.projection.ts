import { eventProjection } from '@ooh/eventing';
import type { InspectionEvent } from '@ooh/operations-domain';

export const INSPECTIONS = 'operations_inspections';
export const INSPECTION_DAYS = 'operations_inspection_days';

export interface InspectionDay {
  [key: string]: unknown;
  siteId: string;
  date: string;
  inspections: number;
}

/** Each inspection, and per site and local day how many were done (for compliance). */
export const inspectionsProjection = eventProjection<InspectionEvent>({
  name: 'operations.inspections',
  collections: [INSPECTIONS, INSPECTION_DAYS],
  categories: ['operations.inspection'],
  indexes: [
    { collection: INSPECTIONS, fields: ['siteId', 'localDate'] },
    { collection: INSPECTIONS, fields: ['localDate'] },
    { collection: INSPECTION_DAYS, fields: ['date'] },
  ],
  on: {
    async InspectionRecorded({ data: d }, { event, get, put }) {
      const { inspectionId, siteId, performedAt, localDate, checks, problems, notes, photos, by } = d;
      put(INSPECTIONS, inspectionId, {
        inspectionId,
        siteId,
        performedAt,
        localDate,
        checks,
        problems,
        notes,
        photos,
        by,
        recordedAt: event.recordedAt,
        revision: event.revision,
      });
      const dayId = `${siteId}|${localDate}`;
      const day = await get<InspectionDay>(INSPECTION_DAYS, dayId);
      put(INSPECTION_DAYS, dayId, { siteId, date: localDate, inspections: (day?.inspections ?? 0) + 1 });
    },
  },
});
