import { projectionSpec } from '@ooh/eventing-testing';
import type { InspectionRecorded } from '@ooh/operations-domain';
import { INSPECTION_DAYS, INSPECTIONS, inspectionsProjection } from './inspections.projection';

const staff = { userId: 'li', role: 'ops-staff' };
const recorded = (inspectionId: string, siteId: string, localDate: string): InspectionRecorded & { streamId: string; recordedAt: string } => ({
  streamId: `operations.inspection-${inspectionId}`,
  recordedAt: `${localDate}T02:00:00.000Z`,
  type: 'InspectionRecorded',
  data: {
    inspectionId,
    siteId,
    performedAt: `${localDate}T01:00:00.000Z`,
    localDate,
    checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
    problems: [],
    notes: null,
    photos: [],
    by: staff,
  },
});

describe('inspections projection', () => {
  it('keeps each inspection and counts inspections per site and local day', async () => {
    const documents = await projectionSpec(inspectionsProjection)
      .given(recorded('i1', 'S-1', '2026-11-25'), recorded('i2', 'S-1', '2026-11-25'), recorded('i3', 'S-2', '2026-11-25'), recorded('i4', 'S-1', '2026-11-26'))
      .documents();
    expect(documents[INSPECTION_DAYS]).toEqual({
      'S-1|2026-11-25': { siteId: 'S-1', date: '2026-11-25', inspections: 2 },
      'S-2|2026-11-25': { siteId: 'S-2', date: '2026-11-25', inspections: 1 },
      'S-1|2026-11-26': { siteId: 'S-1', date: '2026-11-26', inspections: 1 },
    });
    expect(documents[INSPECTIONS].i2).toMatchObject({
      inspectionId: 'i2',
      siteId: 'S-1',
      localDate: '2026-11-25',
      by: staff,
      revision: 0,
      status: 'recorded',
      updatedAt: '2026-11-25T02:00:00.000Z',
    });
  });
});
