import type { Projection } from '@ooh/eventing';
import type { InspectionRecorded } from '@ooh/operations-domain';

export const INSPECTIONS = 'operations_inspections';
export const INSPECTION_DAYS = 'operations_inspection_days';

export interface InspectionDay {
  [key: string]: unknown;
  siteId: string;
  date: string;
  inspections: number;
}

/** Each inspection, and per site and local day how many were done (for compliance). */
export const inspectionsProjection: Projection = {
  name: 'operations.inspections',
  collections: [INSPECTIONS, INSPECTION_DAYS],
  filter: { categories: ['operations.inspection'] },
  indexes: [
    { collection: INSPECTIONS, fields: ['siteId', 'localDate'] },
    { collection: INSPECTIONS, fields: ['localDate'] },
    { collection: INSPECTION_DAYS, fields: ['date'] },
  ],
  async apply({ event, get, put }) {
    if (event.type !== 'InspectionRecorded') return;
    const d = (event.data as InspectionRecorded['data']);
    put(INSPECTIONS, d.inspectionId, {
      inspectionId: d.inspectionId,
      siteId: d.siteId,
      performedAt: d.performedAt,
      localDate: d.localDate,
      checks: d.checks,
      problems: d.problems,
      notes: d.notes,
      photos: d.photos,
      by: d.by,
      recordedAt: event.recordedAt,
      revision: event.revision,
    });
    const dayId = `${d.siteId}|${d.localDate}`;
    const day = await get<InspectionDay>(INSPECTION_DAYS, dayId);
    put(INSPECTION_DAYS, dayId, { siteId: d.siteId, date: d.localDate, inspections: (day?.inspections ?? 0) + 1 });
  },
};
