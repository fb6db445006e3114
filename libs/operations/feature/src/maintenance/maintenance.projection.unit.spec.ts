import { projectionSpec } from '@ooh/eventing-testing';
import type { MaintenanceRecorded } from '@ooh/operations-domain';
import { MAINTENANCE, MAINTENANCE_WEEKS, maintenanceProjection } from './maintenance.projection';

const staff = { userId: 'li', role: 'ops-staff' };
const recorded = (maintenanceId: string, siteId: string, isoWeek: string): MaintenanceRecorded & { streamId: string } => ({
  streamId: `operations.maintenance-${maintenanceId}`,
  type: 'MaintenanceRecorded',
  data: {
    maintenanceId,
    siteId,
    performedAt: '2026-11-25T01:00:00.000Z',
    localDate: '2026-11-25',
    isoWeek,
    powerCycle: null,
    powerOnAtNine: null,
    cleaning: 'done',
    notes: null,
    photos: [],
    by: staff,
  },
});

describe('maintenance projection', () => {
  it('keeps each visit and counts visits per site and ISO week', async () => {
    const documents = await projectionSpec(maintenanceProjection)
      .given(recorded('m1', 'S-1', '2026-W48'), recorded('m2', 'S-1', '2026-W48'), recorded('m3', 'S-1', '2026-W49'))
      .documents();
    expect(documents[MAINTENANCE_WEEKS]).toEqual({
      'S-1|2026-W48': { siteId: 'S-1', week: '2026-W48', visits: 2 },
      'S-1|2026-W49': { siteId: 'S-1', week: '2026-W49', visits: 1 },
    });
    expect(Object.keys(documents[MAINTENANCE]).sort()).toEqual(['m1', 'm2', 'm3']);
  });
});
