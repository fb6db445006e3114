import { projectionSpec } from '@ooh/eventing-testing';
import type { SiteEvent } from '@ooh/operations-domain';
import { SITES, sitesProjection } from './sites.projection';

const manager = { userId: 'mei', role: 'ops-manager' };
const on = (event: SiteEvent, recordedAt: string) => ({ streamId: `operations.site-${event.data.siteId}`, recordedAt, ...event });
const registered = (siteId: string, at: string) =>
  on(
    {
      type: 'SiteRegistered',
      data: {
        siteId,
        city: 'Chongqing',
        station: 'North',
        location: 'Exit 2',
        kind: 'led-screen',
        faces: ['A'],
        landlordAuthority: 'CRM',
        photos: [],
        registeredAt: at,
        by: manager,
      },
    },
    at,
  );

describe('sites projection', () => {
  it('keeps each site with its details and every status it has had since when', async () => {
    await projectionSpec(sitesProjection)
      .given(
        registered('S-1', '2026-11-01T00:00:00.000Z'),
        registered('S-2', '2026-11-02T00:00:00.000Z'),
        on(
          { type: 'SiteTakenOutOfService', data: { siteId: 'S-1', status: 'faulty', note: 'Cracked', at: '2026-11-05T00:00:00.000Z', by: manager } },
          '2026-11-05T00:00:01.000Z',
        ),
        on(
          { type: 'SiteUpdated', data: { siteId: 'S-1', changes: { faces: ['A', 'B'] }, at: '2026-11-06T00:00:00.000Z', by: manager } },
          '2026-11-06T00:00:01.000Z',
        ),
        on({ type: 'SiteReturnedToService', data: { siteId: 'S-1', note: '', at: '2026-11-07T00:00:00.000Z', by: manager } }, '2026-11-07T00:00:01.000Z'),
      )
      .then({
        [SITES]: {
          'S-1': {
            status: 'in-service',
            siteId: 'S-1',
            city: 'Chongqing',
            station: 'North',
            location: 'Exit 2',
            kind: 'led-screen',
            faces: ['A', 'B'],
            landlordAuthority: 'CRM',
            photos: [],
            registeredAt: '2026-11-01T00:00:00.000Z',
            statusChangedAt: '2026-11-07T00:00:00.000Z',
            statusHistory: [
              { status: 'in-service', from: '2026-11-01T00:00:00.000Z' },
              { status: 'faulty', from: '2026-11-05T00:00:00.000Z' },
              { status: 'in-service', from: '2026-11-07T00:00:00.000Z' },
            ],
            revision: 3,
            updatedAt: '2026-11-07T00:00:01.000Z',
          },
          'S-2': {
            status: 'in-service',
            siteId: 'S-2',
            city: 'Chongqing',
            station: 'North',
            location: 'Exit 2',
            kind: 'led-screen',
            faces: ['A'],
            landlordAuthority: 'CRM',
            photos: [],
            registeredAt: '2026-11-02T00:00:00.000Z',
            statusChangedAt: '2026-11-02T00:00:00.000Z',
            statusHistory: [{ status: 'in-service', from: '2026-11-02T00:00:00.000Z' }],
            revision: 0,
            updatedAt: '2026-11-02T00:00:00.000Z',
          },
        },
      });
  });
});
