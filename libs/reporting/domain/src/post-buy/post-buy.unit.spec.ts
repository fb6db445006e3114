import { SYSTEM_ACTORS } from '@ooh/eventing';
import { evolveLedger, initialLedgerState, type AudienceFigures, type DocumentKind, type Fact, type LedgerState } from '../ledger/ledger.events';
import { postBuy } from './post-buy';

let n = 0;
const figures = (over: Partial<AudienceFigures>): AudienceFigures => ({ impressions: null, grp: null, reach: null, frequency: null, ...over });
const fact = (measure: Fact['measure'], amount: number, over: Partial<Fact>): Fact => ({
  factId: `f-${++n}`,
  measure,
  amount,
  businessDate: '2027-02-10',
  recordedAt: `2027-02-10T0${n % 10}:00:00.000Z`,
  channel: 'tv',
  month: null,
  supersedes: null,
  label: `fact ${n}`,
  message: { messageId: `m-${n}`, type: 'test' },
  ...over,
});
const ledger = (kind: DocumentKind, id: string, ...facts: Fact[]): LedgerState =>
  evolveLedger(initialLedgerState(), {
    type: 'FactsRecorded',
    data: { ledgerId: `${kind}:${id}`, kind, documentId: id, links: {}, messageId: 'm', facts, at: '2027-02-10T00:00:00.000Z', by: SYSTEM_ACTORS.feed },
  });
const estimate = (lineId: string, netFen: number, vendor: string, audience: AudienceFigures, version = 1, channel = 'tv') =>
  fact('audienceEstimated', netFen, {
    channel,
    supersedes: { key: 'estimates:p-1', rank: String(version) },
    detail: { lineId, vendor, pricing: 'cpp', audience },
  });
const measured = (lineId: string, audience: AudienceFigures, recordedAt: string) =>
  fact('audienceDelivered', 0, {
    recordedAt,
    supersedes: { key: `audience:o-1:${lineId}`, rank: recordedAt },
    detail: { lineId, vendor: 'CQTV', source: 'ratings-panel', audience },
  });

describe('post-campaign evaluation', () => {
  const plan = ledger(
    'plan',
    'p-1',
    estimate('L1', 600_000, 'CQTV', figures({ grp: 120, reach: 40, frequency: 3, impressions: 6_000_000 })),
    estimate('L2', 400_000, 'CQTV', figures({ grp: 80, reach: 30, frequency: 2.67 })),
    estimate('L3', 300_000, 'Metro', figures({ impressions: 3_000_000 }), 1, 'outdoor'),
  );
  const spent = new Map([
    ['L1', 600_000],
    ['L2', 200_000],
  ]);

  it('compares each line’s promise with its latest measurement, and prices a point and a thousand as planned and as delivered', () => {
    const order = ledger(
      'media-order',
      'o-1',
      measured('L1', figures({ grp: 90, reach: 36, frequency: 2.5, impressions: 4_500_000 }), '2027-02-10T01:00:00.000Z'),
      measured('L1', figures({ grp: 132, reach: 44, frequency: 3, impressions: 6_600_000 }), '2027-02-11T01:00:00.000Z'),
    );
    const { lines } = postBuy([plan, order], {}, spent);
    expect(lines[0]).toMatchObject({
      lineId: 'L1',
      delivered: { grp: 132 },
      index: { grp: 110, impressions: 110, reachPoints: 4, frequency: 100 },
      cppFen: { planned: 5_000, actual: 4_545 },
      cpmFen: { planned: 100, actual: 91 },
    });
    expect(lines[1]).toMatchObject({ lineId: 'L2', delivered: null, index: { grp: null }, cppFen: { planned: 5_000, actual: null } });
    // As known before the second measurement: the first one.
    expect(postBuy([plan, order], { knownAt: '2027-02-10T12:00:00.000Z' }, spent).lines[0].index.grp).toBe(75);
  });

  it('sums impressions and GRP per vendor and channel, never reach or frequency, and indexes only the measured lines', () => {
    const order = ledger(
      'media-order',
      'o-1',
      measured('L1', figures({ grp: 108, reach: 36, frequency: 3 }), '2027-02-10T01:00:00.000Z'),
      measured('L2', figures({ grp: 88, reach: 32, frequency: 2.75 }), '2027-02-10T02:00:00.000Z'),
    );
    const report = postBuy([plan, order], {}, spent);
    const cqtv = report.byVendor.find((g) => g.key === 'CQTV')!;
    expect(cqtv).toMatchObject({ lines: 2, measured: 2, estimated: { grp: 200, reach: null, frequency: null }, delivered: { grp: 196, reach: null } });
    expect(cqtv.index.grp).toBe(98);
    expect(report.campaign).toMatchObject({ lines: 3, measured: 2, estimatedMeasured: { grp: 200 }, index: { grp: 98 }, plannedNetFen: 1_300_000 });
    expect(report.byChannel.map((g) => [g.key, g.measured])).toEqual([
      ['outdoor', 0],
      ['tv', 2],
    ]);
  });

  it('takes the estimates of the latest approved plan version', () => {
    const revised = ledger('plan', 'p-1', ...plan.facts, estimate('L1', 700_000, 'CQTV', figures({ grp: 140 }), 2));
    expect(postBuy([revised], {}, spent).lines.map((l) => [l.lineId, l.estimated.grp])).toEqual([['L1', 140]]);
  });
});
