import type { IntegrationMessage } from '@ooh/eventing';
import * as feed from './feed-facts';

const message = (messageId: string, over: Partial<IntegrationMessage> = {}): IntegrationMessage => ({
  messageId,
  type: 'test',
  version: 1,
  key: 'k',
  data: {},
  correlationId: 'c',
  causationId: 'c',
  occurredAt: '2026-12-31T17:00:00.000Z',
  recordedAt: '2026-12-31T17:00:01.000Z',
  producer: 'test',
  ...over,
});
const reader = (messageId: string, over: Partial<IntegrationMessage> = {}) => new feed.FeedReader(message(messageId, over), 'Asia/Shanghai');

describe('facts from the feed', () => {
  it('dates a fact by the operator’s day and stamps it with when the producer recorded it', () => {
    const [entry] = feed.orderSignedFacts(reader('m-1'), {
      orderId: 'o-1',
      revision: 2,
      vendor: { vendorId: 'v-1', name: 'CQTV' },
      planId: 'p-1',
      planVersion: 1,
      briefId: 'b-1',
      clientId: 'c-1',
      campaign: 'Winter',
      currency: 'CNY',
      grossFen: 0,
      netFen: 300,
      committed: [
        { channel: 'tv', month: '2027-01', netFen: 200 },
        { channel: 'tv', month: '2027-02', netFen: 100 },
        { channel: 'tv', month: '2027-03', netFen: 0 },
      ],
      signedAt: '2026-12-31T17:00:00.000Z',
    });
    expect(entry).toMatchObject({ ledgerId: 'media-order:o-1', links: { briefId: 'b-1', orderId: 'o-1' } });
    // 01:00 on 1 January in Shanghai; the zero commitment is no fact.
    expect(entry.facts.map((f) => [f.factId, f.amount, f.businessDate, f.recordedAt, f.supersedes?.rank])).toEqual([
      ['m-1:0', 200, '2027-01-01', '2026-12-31T17:00:01.000Z', '000002'],
      ['m-1:1', 100, '2027-01-01', '2026-12-31T17:00:01.000Z', '000002'],
    ]);
  });

  it('falls back to the occurrence instant on a message published before it carried the recording instant', () => {
    expect(reader('m-1', { recordedAt: undefined }).recordedAt).toBe('2026-12-31T17:00:00.000Z');
  });

  it('takes only a client contract’s billing and collections into a campaign, and a vendor invoice’s payment to the invoice', () => {
    const source = (kind: string) => ({ context: kind === 'booking' ? 'operations' : 'buying', kind, id: 'x-1' });
    const invoice = (kind: string) =>
      feed.invoiceIssuedFacts(reader('m-2'), {
        receivableId: 'r-1',
        invoiceNumber: 'INV-1',
        source: source(kind),
        milestone: 'full',
        amountFen: 500,
        currency: 'CNY',
        dueDate: null,
        issuedAt: '2026-12-10T02:00:00.000Z',
      });
    expect(invoice('booking')).toEqual([]);
    expect(invoice('client-contract')[0]).toMatchObject({
      ledgerId: 'client-contract:x-1',
      facts: [{ measure: 'billed', amount: 500, businessDate: '2026-12-10' }],
    });
    const paid = feed.payablePaidFacts(reader('m-3'), {
      payableId: 'pa-1',
      source: source('vendor-invoice'),
      vendor: { vendorId: 'v-1', name: 'CQTV' },
      milestone: 'balance',
      amountFen: 700,
      currency: 'CNY',
      paymentReference: 'OUT-1',
      paidOn: '2027-01-31',
    });
    expect(paid[0]).toMatchObject({ ledgerId: 'vendor-invoice:x-1', facts: [{ measure: 'paidOut', amount: 700, businessDate: '2027-01-31' }] });
  });

  it('lets a unit’s later proof replace an earlier one', () => {
    const proof = (messageId: string, outcome: 'aired' | 'missed', recordedAt: string) =>
      feed.unitDeliveryFacts(
        reader(messageId, { recordedAt }),
        { orderId: 'o-1', units: [{ unitId: 'u1', outcome, airedAt: null, source: 'log', late: false }], recordedAt },
        messageId,
      )[0].facts[0];
    const first = proof('m-4', 'aired', '2027-01-26T02:00:00.000Z');
    const correction = proof('m-5', 'missed', '2027-01-27T02:00:00.000Z');
    expect(first.supersedes!.key).toBe(correction.supersedes!.key);
    expect(correction.supersedes!.rank > first.supersedes!.rank).toBe(true);
  });

  it('puts each booking’s faces of a proof-of-play report on that booking, a report issued again replacing the first face by face', () => {
    const line = (bookingId: string, face: string, daysLive: string[]) => ({ bookingId, siteId: 'CQ-1', face, daysLive, photos: [] });
    const report = (reportId: string, issuedAt: string, lines: ReturnType<typeof line>[]) =>
      feed.proofOfPlayFacts(reader(reportId), { reportId, advertiser: 'Acme', month: '2027-01', lines, issuedAt });
    const first = report('pop-1', '2027-02-01T01:00:00.000Z', [
      line('b-1', 'A', ['2027-01-05', '2027-01-04', '2027-01-04']),
      line('b-1', 'B', ['2027-01-04']),
      line('b-2', 'A', []),
    ]);
    expect(first.map((e) => e.ledgerId)).toEqual(['ooh-booking:b-1', 'ooh-booking:b-2']);
    expect(first[0].facts).toMatchObject([
      { measure: 'faceDaysLive', amount: 2, businessDate: '2027-01-05', month: '2027-01', detail: { face: 'CQ-1/A', days: ['2027-01-04', '2027-01-05'] } },
      { measure: 'faceDaysLive', amount: 1, detail: { face: 'CQ-1/B' } },
    ]);
    expect(first[1].facts[0]).toMatchObject({ amount: 0, businessDate: '2027-01-01', detail: { days: [] } });
    const again = report('pop-2', '2027-02-03T01:00:00.000Z', [line('b-1', 'A', ['2027-01-04'])])[0].facts[0];
    expect(again.supersedes!.key).toBe(first[0].facts[0].supersedes!.key);
    expect(again.supersedes!.rank > first[0].facts[0].supersedes!.rank).toBe(true);
  });

  it('keeps a brief’s objectives and targets, the plan’s audience estimates and a line’s post-buy measurement as facts a later version replaces', () => {
    const brief = (version: number) =>
      feed.briefIssuedFacts(reader(`m-b${version}`), {
        briefId: 'b-1',
        version,
        clientId: 'c-1',
        campaign: 'Winter',
        objectives: ['Awareness'],
        kpis: [
          { metric: 'grp', channel: 'tv', target: 300 },
          { metric: 'cpp', channel: null, target: 4_000 },
        ],
        markets: ['Chongqing'],
        period: { start: '2027-01-01', end: '2027-02-28' },
        budgetFen: 1_000_000,
        currency: 'CNY',
        issuedAt: '2026-12-31T17:00:00.000Z',
      })[0];
    const v1 = brief(1);
    expect(v1).toMatchObject({ ledgerId: 'brief:b-1', links: { briefId: 'b-1', clientId: 'c-1', campaign: 'Winter' } });
    expect(v1.facts.map((f) => [f.measure, f.amount, f.channel, f.detail])).toEqual([
      ['briefObjectives', 0, null, { objectives: ['Awareness'] }],
      ['kpiTarget', 0, 'tv', { metric: 'grp', target: 300 }],
      ['kpiTarget', 0, null, { metric: 'cpp', target: 4_000 }],
    ]);
    expect(brief(2).facts[0].supersedes!.rank > v1.facts[0].supersedes!.rank).toBe(true);
    const [estimates] = feed.planEstimatesFacts(reader('m-e'), {
      planId: 'p-1',
      version: 2,
      briefId: 'b-1',
      lines: [
        {
          lineId: 'L1',
          channel: 'tv',
          vendor: { vendorId: 'v-1', name: 'CQTV' },
          pricing: 'cpp',
          targetDemo: null,
          netFen: 600_000,
          estimates: { impressions: null, grp: 120, reach: 40, frequency: 3 },
          cpmFen: null,
          cppFen: 5_000,
        },
      ],
      approvedAt: '2026-12-31T17:00:00.000Z',
    });
    expect(estimates).toMatchObject({ ledgerId: 'plan:p-1', links: { briefId: 'b-1' } });
    expect(estimates.facts[0]).toMatchObject({
      measure: 'audienceEstimated',
      amount: 600_000,
      businessDate: '2027-01-01',
      supersedes: { key: 'estimates:p-1', rank: '000002' },
      detail: { lineId: 'L1', vendor: 'CQTV', audience: { grp: 120 } },
    });
    const measured = (messageId: string, recordedAt: string) =>
      feed.audienceDeliveredFacts(
        reader(messageId, { recordedAt }),
        {
          orderId: 'o-1',
          planLineId: 'L1',
          channel: 'tv',
          vendor: { vendorId: 'v-1', name: 'CQTV' },
          measuredOn: '2027-02-09',
          source: 'ratings-panel',
          impressions: null,
          grp: 100,
          reach: 40,
          frequency: 2.5,
          evidence: [{ blobId: 'x', sha256: 'a'.repeat(64), contentType: 'application/pdf' }],
          recordedAt,
        },
        messageId,
      )[0].facts[0];
    const first = measured('m-a1', '2027-02-09T02:00:00.000Z');
    expect(first).toMatchObject({ measure: 'audienceDelivered', amount: 0, businessDate: '2027-02-09', detail: { lineId: 'L1', source: 'ratings-panel' } });
    const second = measured('m-a2', '2027-02-10T02:00:00.000Z');
    expect(second.supersedes!.key).toBe(first.supersedes!.key);
    expect(second.supersedes!.rank > first.supersedes!.rank).toBe(true);
  });

  it('keeps every change of an operator site as its history, and each face hold on its booking', () => {
    const [site] = feed.siteChangedFacts(reader('m-s'), {
      siteId: 'CQ-1',
      city: 'Chongqing',
      station: 'Jiefangbei',
      kind: 'led-screen',
      faces: ['A', 'B'],
      status: 'faulty',
      changedAt: '2026-12-31T17:00:00.000Z',
    });
    expect(site).toMatchObject({ ledgerId: 'site:CQ-1', facts: [{ measure: 'siteState', amount: 2, businessDate: '2027-01-01', supersedes: null }] });
    expect(site.facts[0].detail!.site).toEqual({ city: 'Chongqing', station: 'Jiefangbei', kind: 'led-screen', faces: ['A', 'B'], status: 'faulty' });
    const [hold] = feed.faceHoldFacts(reader('m-h'), {
      siteId: 'CQ-1',
      face: 'A',
      bookingId: 'b-1',
      change: 'released',
      start: null,
      end: null,
      releasedFrom: '2027-01-10',
      changedAt: '2027-01-05T02:00:00.000Z',
    });
    expect(hold).toMatchObject({
      ledgerId: 'ooh-booking:b-1',
      facts: [{ measure: 'faceHold', detail: { face: 'CQ-1/A', hold: { change: 'released', releasedFrom: '2027-01-10' } } }],
    });
  });

  it('puts a vendor’s credit on its order, naming the units it settles', () => {
    const [entry] = feed.vendorCreditFacts(reader('m-c'), {
      orderId: 'o-1',
      creditId: 'c-1',
      unitIds: ['u2', 'u3'],
      amountFen: 340,
      reason: 'Makegood mg-1 rejected: outside the window',
      dueAt: '2027-01-20T02:00:00.000Z',
    });
    expect(entry).toMatchObject({
      ledgerId: 'media-order:o-1',
      facts: [{ measure: 'creditDue', amount: 340, businessDate: '2027-01-20', detail: { unitIds: ['u2', 'u3'] }, supersedes: { key: 'credit:c-1' } }],
    });
  });
});
