import { SYSTEM_ACTORS } from '@ooh/eventing';
import { evolveLedger, initialLedgerState, type DocumentKind, type Fact, type LedgerState } from '../ledger/ledger.events';
import { occupancy } from './occupancy';

let n = 0;
const fact = (measure: Fact['measure'], businessDate: string, recordedAt: string, detail: Fact['detail']): Fact => ({
  factId: `f-${String(++n).padStart(3, '0')}`,
  measure,
  amount: 0,
  businessDate,
  recordedAt,
  channel: null,
  month: null,
  supersedes: null,
  label: `fact ${n}`,
  message: { messageId: `m-${n}`, type: 'test' },
  detail,
});
const ledger = (kind: DocumentKind, id: string, ...facts: Fact[]): LedgerState =>
  facts.reduce(
    (state, f) =>
      evolveLedger(state, {
        type: 'FactsRecorded',
        data: {
          ledgerId: `${kind}:${id}`,
          kind,
          documentId: id,
          links: {},
          messageId: f.message.messageId,
          facts: [f],
          at: f.recordedAt,
          by: SYSTEM_ACTORS.feed,
        },
      }),
    initialLedgerState(),
  );
const site = (businessDate: string, recordedAt: string, status = 'in-service', faces = ['A', 'B']) =>
  fact('siteState', businessDate, recordedAt, { site: { city: 'Chongqing', station: 'Jiefangbei', kind: 'led-screen', faces, status } });
const hold = (face: string, change: string, recordedAt: string, over: { start?: string; end?: string; releasedFrom?: string | null } = {}) =>
  fact('faceHold', recordedAt.slice(0, 10), recordedAt, {
    face: `CQ-1/${face}`,
    hold: { change, start: over.start ?? null, end: over.end ?? null, releasedFrom: over.releasedFrom ?? null },
  });
const DECEMBER = { start: '2026-12-01', end: '2026-12-31' };

describe('OOH occupancy per city, station and kind', () => {
  const cq1 = ledger('site', 'CQ-1', site('2026-11-01', '2026-11-01T02:00:00Z'));

  it('takes the face-days a booking holds over the face-days in service', () => {
    const booking = ledger('ooh-booking', 'b-1', hold('A', 'held', '2026-11-20T02:00:00Z', { start: '2026-12-10', end: '2026-12-19' }));
    expect(occupancy([cq1], [booking], DECEMBER).rows).toEqual([
      { city: 'Chongqing', station: 'Jiefangbei', kind: 'led-screen', faces: 2, faceDaysInService: 62, faceDaysTaken: 10, occupancyPercent: 16.1 },
    ]);
  });

  it('follows extensions and releases in the order they were recorded, and counts no day twice', () => {
    const booking = ledger(
      'ooh-booking',
      'b-1',
      hold('A', 'held', '2026-11-20T02:00:00Z', { start: '2026-12-10', end: '2026-12-19' }),
      hold('A', 'extended', '2026-12-15T02:00:00Z', { end: '2026-12-24' }),
      hold('A', 'released', '2026-12-20T02:00:00Z', { releasedFrom: '2026-12-22' }),
      hold('B', 'held', '2026-11-21T02:00:00Z', { start: '2026-11-25', end: '2026-12-05' }),
      hold('B', 'released', '2026-11-22T02:00:00Z', { releasedFrom: null }),
    );
    const other = ledger('ooh-booking', 'b-2', hold('A', 'held', '2026-11-20T03:00:00Z', { start: '2026-12-20', end: '2026-12-21' }));
    // A: 10th to 21st (12 days; b-2's two days are within them); B: released whole.
    expect(occupancy([cq1], [booking, other], DECEMBER).rows[0]).toMatchObject({ faceDaysTaken: 12 });
  });

  it('leaves out the days a site was out of service, and the days before it was registered', () => {
    const late = ledger('site', 'CQ-1', site('2026-12-11', '2026-12-11T02:00:00Z'), site('2026-12-21', '2026-12-21T02:00:00Z', 'faulty'));
    const booking = ledger('ooh-booking', 'b-1', hold('A', 'held', '2026-11-20T02:00:00Z', { start: '2026-12-10', end: '2026-12-25' }));
    // In service 11th to 20th: 10 days × 2 faces; A taken on all 10 of them.
    expect(occupancy([late], [booking], DECEMBER).rows[0]).toMatchObject({ faceDaysInService: 20, faceDaysTaken: 10, occupancyPercent: 50 });
  });

  it('answers as the platform knew it at an instant: a hold recorded after the close does not change the closed month', () => {
    const booking = ledger(
      'ooh-booking',
      'b-1',
      hold('A', 'held', '2026-11-20T02:00:00Z', { start: '2026-12-10', end: '2026-12-19' }),
      hold('B', 'held', '2027-01-03T02:00:00Z', { start: '2026-12-01', end: '2026-12-31' }),
    );
    const close = { knownAt: '2026-12-31T16:00:00.000Z' };
    expect(occupancy([cq1], [booking], DECEMBER, close).total).toMatchObject({ faceDaysTaken: 10, occupancyPercent: 16.1 });
    expect(occupancy([cq1], [booking], DECEMBER).total).toMatchObject({ faceDaysTaken: 41 });
  });
});
