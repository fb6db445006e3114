import type { RecordedEvent } from '@ooh/eventing';
import { siteDecider, type SiteState } from '@ooh/operations-domain';
import { siteRelay } from './site-relay';

const by = { userId: 'mei', role: 'ops-manager' };
const at = (d: number) => `2026-12-0${d}T02:00:00.000Z`;
let revision = 0;
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  eventId: `e-${revision}`,
  streamId: 'operations.site-S1',
  revision: revision,
  position: ++revision,
  type,
  data,
  metadata: { correlationId: 'c', causationId: 'r', actor: by, occurredAt: at(1), schemaVersion: 1 },
  recordedAt: at(1),
});

/** Given a site's events one after the other, which ones publish operations.site-changed. */
function published(events: RecordedEvent[]): Array<{ status: string; location?: unknown }> {
  let state: SiteState = siteDecider.initialState();
  return events.flatMap((event) => {
    const before = state;
    state = siteDecider.evolve(state, { type: event.type, data: event.data } as never);
    const message = siteRelay.map(event, before, state);
    return message ? [message.data as { status: string }] : [];
  });
}

describe('the site relay (operations.site-changed)', () => {
  it('publishes the registration and each change of what it carries, not a change of anything else', () => {
    revision = 0;
    const messages = published([
      recorded('SiteRegistered', {
        siteId: 'S1',
        city: 'Chongqing',
        station: 'North',
        location: 'Hall',
        kind: 'light-box',
        faces: ['A'],
        landlordAuthority: 'CRM',
        photos: [],
        registeredAt: at(1),
        by,
      }),
      recorded('SiteUpdated', { siteId: 'S1', changes: { location: 'Concourse A' }, at: at(2), by }),
      recorded('SiteUpdated', { siteId: 'S1', changes: { location: 'Concourse B' }, at: at(3), by }),
      recorded('SiteTakenOutOfService', { siteId: 'S1', status: 'faulty', note: 'dark', at: at(4), by }),
      recorded('SiteReturnedToService', { siteId: 'S1', note: 'fixed', at: at(5), by }),
      recorded('SiteUpdated', { siteId: 'S1', changes: { station: 'South' }, at: at(6), by }),
    ]);
    expect(messages.map((m) => [m.status, (m as { station?: string }).station])).toEqual([
      ['in-service', 'North'],
      ['faulty', 'North'],
      ['in-service', 'North'],
      ['in-service', 'South'],
    ]);
  });
});
