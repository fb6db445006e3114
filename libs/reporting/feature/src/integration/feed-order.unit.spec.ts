import type { IntegrationMessage } from '@ooh/eventing';
import { SYSTEM_ACTORS } from '@ooh/eventing';
import { campaign360, ledgerDecider, occupancy, postBuy, reconciliation, type LedgerEvent, type LedgerState } from '@ooh/reporting-domain';
import * as feed from './feed-facts';

const AT = '2027-01-10T02:00:00.000Z';
const message = (messageId: string, recordedAt: string): IntegrationMessage => ({
  messageId,
  type: 'test',
  version: 1,
  key: 'k',
  data: {},
  correlationId: 'c',
  causationId: 'c',
  occurredAt: recordedAt,
  recordedAt,
  producer: 'test',
});
const reader = (id: string, at: string) => new feed.FeedReader(message(id, at), 'Asia/Shanghai');
const vendor = { vendorId: 'v-1', name: 'CQTV' };
/** The two messages buying publishes when an order revision is signed. */
const signed = (revision: number, units: string[], at: string): feed.LedgerEntry[][] => [
  feed.orderSignedFacts(reader(`signed-${revision}`, at), {
    orderId: 'o-1',
    revision,
    vendor,
    planId: 'p-1',
    planVersion: 1,
    briefId: 'b-1',
    clientId: 'c-1',
    campaign: 'Winter',
    currency: 'CNY',
    grossFen: 0,
    netFen: units.length * 170,
    committed: [{ channel: 'tv', month: '2027-01', netFen: units.length * 170 }],
    signedAt: at,
  }),
  feed.orderUnitsFacts(reader(`units-${revision}`, at), {
    orderId: 'o-1',
    revision,
    briefId: 'b-1',
    vendor,
    currency: 'CNY',
    lines: [
      {
        planLineId: 'L1',
        channel: 'tv',
        units: units.map((unitId) => ({
          unitId,
          date: '2027-01-05',
          endDate: '2027-01-05',
          quantity: 1,
          netFen: 170,
          face: null,
          makegoodFor: null,
          replacedBy: null,
        })),
      },
    ],
    inForceAt: at,
  }),
];

/** Every service's messages about one campaign, each as the ledger entries it becomes. */
const entries = (): feed.LedgerEntry[][] => [
  feed.planApprovedFacts(reader('plan', '2026-12-01T02:00:00.000Z'), {
    planId: 'p-1',
    version: 1,
    contentHash: 'h',
    briefId: 'b-1',
    clientId: 'c-1',
    campaign: 'Winter',
    currency: 'CNY',
    lines: [
      {
        lineId: 'L1',
        channel: 'tv',
        vendor,
        property: 'CQTV-1',
        faces: [],
        market: 'Chongqing',
        flight: { start: '2027-01-05', end: '2027-01-10' },
        weeks: [],
        pricing: 'per-spot',
        grossRateFen: 200,
        commissionPercent: 15,
        units: 3,
        grossFen: 600,
        netFen: 510,
      },
    ],
    totals: { grossFen: 600, netFen: 510, byChannel: { tv: 510 }, byMonth: { '2027-01': 510 } },
    approvedAt: '2026-12-01T02:00:00.000Z',
  }),
  ...signed(1, ['u1', 'u2', 'u3'], '2026-12-02T02:00:00.000Z'),
  feed.unitDeliveryFacts(
    reader('proof', '2027-01-06T02:00:00.000Z'),
    {
      orderId: 'o-1',
      units: [{ unitId: 'u1', outcome: 'aired', airedAt: '2027-01-05T12:00:00.000Z', source: 'log', late: false }],
      recordedAt: '2027-01-06T02:00:00.000Z',
    },
    'proof',
  ),
  ...signed(2, ['u1', 'u2'], '2027-01-03T02:00:00.000Z'),
  feed.invoiceLinesFacts(reader('invoice', '2027-01-08T02:00:00.000Z'), {
    invoiceId: 'i-1',
    orderId: 'o-1',
    invoiceNumber: 'INV-1',
    currency: 'CNY',
    lines: [{ lineNo: 1, unitId: 'u1', result: 'matched', invoicedFen: 200, orderedNetFen: 170, acceptedFen: 170, disposition: null }],
    approvedAt: '2027-01-08T02:00:00.000Z',
  }),
  feed.paymentReceivedFacts(reader('payment', '2027-01-09T02:00:00.000Z'), {
    receivableId: 'r-1',
    paymentId: 'pay-1',
    source: { context: 'buying', kind: 'client-contract', id: 'k-1' },
    amountFen: 100,
    currency: 'CNY',
    receivedOn: '2027-01-09',
    outstandingFen: 0,
    recordedAt: '2027-01-09T02:00:00.000Z',
  }),
];

/** Applies messages to ledgers in the order given, as the consumer does (a redelivery included). */
function apply(messages: Array<{ id: string; entries: feed.LedgerEntry[] }>): LedgerState[] {
  const states = new Map<string, LedgerState>();
  for (const { id, entries: list } of messages)
    for (const entry of list) {
      const state = states.get(entry.ledgerId) ?? ledgerDecider.initialState();
      const events: LedgerEvent[] = ledgerDecider.decide({ type: 'RecordFacts', data: { ...entry, messageId: id, at: AT, by: SYSTEM_ACTORS.feed } }, state);
      states.set(entry.ledgerId, events.reduce(ledgerDecider.evolve, state));
    }
  return [...states.values()].sort((a, b) => a.ledgerId.localeCompare(b.ledgerId));
}

describe('the feed in any order', () => {
  const messages = entries().map((list, i) => ({ id: `m-${i}`, entries: list }));
  const report = (ledgers: LedgerState[]) => ({
    now: campaign360(ledgers),
    close: campaign360(ledgers, { knownAt: '2026-12-31T15:59:59.999Z' }),
    reconciliation: reconciliation(ledgers, {}, '2027-01-10'),
  });

  it('gives the same reports whatever order the services’ messages arrive in, and however often', () => {
    const inOrder = report(apply(messages));
    expect(inOrder.now.figures).toMatchObject({ planned: 510, ordered: 340, unitsAired: 1 });
    expect(inOrder.close.figures).toMatchObject({ ordered: 510, unitsAired: 0 });
    expect(inOrder.reconciliation[0].lines[0]).toMatchObject({ units: 2, aired: 1, invoicedFen: 170 });
    expect(report(apply([...messages].reverse()))).toEqual(inOrder);
    expect(report(apply([5, 2, 7, 0, 4, 6, 1, 3].map((i) => messages[i])))).toEqual(inOrder);
    expect(report(apply([...messages, ...messages.slice(1, 4)]))).toEqual(inOrder);
  });
});

/** The operator's side and the post-buy: sites, face holds, an OOH line's booking, its proof of play, the audience measured. */
const oohEntries = (): feed.LedgerEntry[][] => {
  const site = (status: 'in-service' | 'faulty', at: string) =>
    feed.siteChangedFacts(reader(`site-${at}`, at), {
      siteId: 'S-1',
      city: 'Chongqing',
      station: 'North',
      kind: 'led-screen',
      faces: ['A'],
      status,
      changedAt: at,
    });
  const hold = (change: 'held' | 'extended' | 'released', at: string, over: { start?: string; end?: string; releasedFrom?: string }) =>
    feed.faceHoldFacts(reader(`hold-${at}`, at), {
      siteId: 'S-1',
      face: 'A',
      bookingId: 'bk-1',
      change,
      start: over.start ?? null,
      end: over.end ?? null,
      releasedFrom: over.releasedFrom ?? null,
      changedAt: at,
    });
  const measured = (grp: number, at: string) =>
    feed.audienceDeliveredFacts(
      reader(`aud-${at}`, at),
      {
        orderId: 'o-2',
        planLineId: 'L9',
        channel: 'outdoor',
        vendor,
        measuredOn: at.slice(0, 10),
        source: 'traffic-count',
        impressions: null,
        grp,
        reach: null,
        frequency: null,
        evidence: [{ blobId: 'b', sha256: 'a'.repeat(64), contentType: 'application/pdf' }],
        recordedAt: at,
      },
      `aud-${at}`,
    );
  return [
    site('in-service', '2026-12-01T02:00:00.000Z'),
    site('faulty', '2027-01-20T02:00:00.000Z'),
    hold('held', '2026-12-05T02:00:00.000Z', { start: '2027-01-04', end: '2027-01-10' }),
    hold('extended', '2026-12-06T02:00:00.000Z', { end: '2027-01-17' }),
    hold('released', '2027-01-15T02:00:00.000Z', { releasedFrom: '2027-01-16' }),
    feed.planEstimatesFacts(reader('estimates', '2026-12-01T02:00:00.000Z'), {
      planId: 'p-9',
      version: 1,
      briefId: 'b-1',
      lines: [
        {
          lineId: 'L9',
          channel: 'outdoor',
          vendor,
          pricing: 'per-face-day',
          targetDemo: null,
          netFen: 1_400,
          estimates: { impressions: null, grp: 40, reach: null, frequency: null },
          cpmFen: null,
          cppFen: 35,
        },
      ],
      approvedAt: '2026-12-01T02:00:00.000Z',
    }),
    measured(30, '2027-01-20T02:00:00.000Z'),
    measured(36, '2027-01-22T02:00:00.000Z'),
  ];
};

describe('the operator’s feed and the post-buy in any order', () => {
  const messages = oohEntries().map((list, i) => ({ id: `o-${i}`, entries: list }));
  const report = (ledgers: LedgerState[]) => ({
    occupancy: occupancy(
      ledgers.filter((l) => l.kind === 'site'),
      ledgers.filter((l) => l.kind === 'ooh-booking'),
      { start: '2027-01-01', end: '2027-01-31' },
    ),
    closed: occupancy(
      ledgers.filter((l) => l.kind === 'site'),
      ledgers.filter((l) => l.kind === 'ooh-booking'),
      { start: '2027-01-01', end: '2027-01-31' },
      { knownAt: '2026-12-31T15:59:59.999Z' },
    ),
    postBuy: postBuy(ledgers, {}, new Map([['L9', 1_400]])),
  });

  it('applies face holds in the order the operator recorded them and takes the latest measurement, whatever order they arrive in', () => {
    const inOrder = report(apply(messages));
    // Held 4th–15th after the release (12 days) of 19 days in service (1st–19th, faulty from the 20th).
    expect(inOrder.occupancy.total).toMatchObject({ faceDaysInService: 19, faceDaysTaken: 12 });
    // As known at the close: in service all month, held 4th–17th.
    expect(inOrder.closed.total).toMatchObject({ faceDaysInService: 31, faceDaysTaken: 14 });
    expect(inOrder.postBuy.lines[0]).toMatchObject({ delivered: { grp: 36 }, index: { grp: 90 } });
    expect(report(apply([...messages].reverse()))).toEqual(inOrder);
    expect(report(apply([4, 1, 7, 2, 0, 6, 3, 5].map((i) => messages[i])))).toEqual(inOrder);
    expect(report(apply([...messages, ...messages.slice(2, 6)]))).toEqual(inOrder);
  });
});
