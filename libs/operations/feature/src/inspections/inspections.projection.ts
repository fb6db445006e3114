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
  name: 'operations.inspections.v2',
  collections: [INSPECTIONS, INSPECTION_DAYS],
  categories: ['operations.inspection'],
  indexes: [
    { collection: INSPECTIONS, fields: ['siteId', 'localDate'] },
    { collection: INSPECTIONS, fields: ['localDate'] },
    { collection: INSPECTION_DAYS, fields: ['date'] },
  ],
  on: {
    async InspectionRecorded({ data: d }, { event, get, put }) {
      const { siteId, localDate } = d;
      // The aggregate's own state with its revision: the same shape as the view as of an instant.
      put(INSPECTIONS, d.inspectionId, { status: 'recorded', ...d, revision: event.revision, updatedAt: event.recordedAt });
      const dayId = `${siteId}|${localDate}`;
      const day = await get<InspectionDay>(INSPECTION_DAYS, dayId);
      put(INSPECTION_DAYS, dayId, { siteId, date: localDate, inspections: (day?.inspections ?? 0) + 1 });
    },
  },
});
