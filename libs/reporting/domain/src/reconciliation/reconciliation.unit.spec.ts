import { SYSTEM_ACTORS } from '@ooh/eventing';
import { evolveLedger, initialLedgerState, type DocumentKind, type Fact, type FactDetail, type LedgerState } from '../ledger/ledger.events';
import { reconciliation } from './reconciliation';

let n = 0;
const fact = (measure: Fact['measure'], amount: number, detail: FactDetail, over: Partial<Fact> = {}): Fact => ({
  factId: `f-${++n}`,
  measure,
  amount,
  businessDate: '2027-01-05',
  recordedAt: '2027-01-05T02:00:00.000Z',
  channel: null,
  month: null,
  supersedes: null,
  label: `fact ${n}`,
  message: { messageId: `m-${n}`, type: 'test' },
  detail,
  ...over,
});
const ledger = (kind: DocumentKind, id: string, links: { orderId?: string }, ...facts: Fact[]): LedgerState =>
  evolveLedger(initialLedgerState(), {
    type: 'FactsRecorded',
    data: { ledgerId: `${kind}:${id}`, kind, documentId: id, links, messageId: 'm', facts, at: '2027-01-05T02:00:00.000Z', by: SYSTEM_ACTORS.feed },
  });
const unit = (unitId: string, date: string, netFen: number, over: FactDetail = {}, revision = 1) =>
  fact(
    'unitOrdered',
    netFen,
    { unitId, lineId: 'L1', channel: 'tv', date, makegoodFor: null, replacedBy: null, ...over },
    {
      supersedes: { key: 'units:o-1', rank: String(revision).padStart(6, '0') },
    },
  );
const proof = (unitId: string, measure: 'unitsAired' | 'unitsMissed', recordedAt: string) =>
  fact(measure, 1, { unitId }, { supersedes: { key: `unit:${unitId}`, rank: recordedAt }, recordedAt });
const invoiceLine = (unitId: string | null, acceptedFen: number, result = 'matched', disposition: string | null = null) =>
  fact('unitInvoiced', acceptedFen, { unitId, lineNo: 1, result, invoicedFen: 200, orderedNetFen: 170, disposition });

describe('reconciliation per order line', () => {
  it('balances a line whose units aired and were invoiced as ordered', () => {
    const order = ledger('media-order', 'o-1', { orderId: 'o-1' }, unit('u1', '2027-01-02', 170), proof('u1', 'unitsAired', '2027-01-03T00:00:00Z'));
    const invoice = ledger('vendor-invoice', 'i-1', { orderId: 'o-1' }, invoiceLine('u1', 170));
    const [o] = reconciliation([order, invoice], {}, '2027-01-10');
    expect(o.lines).toEqual([expect.objectContaining({ lineId: 'L1', orderedFen: 170, deliveredFen: 170, invoicedFen: 170, balanced: true, reasons: [] })]);
  });

  it('says why a line does not balance, unit by unit', () => {
    const order = ledger(
      'media-order',
      'o-1',
      { orderId: 'o-1' },
      unit('u1', '2027-01-02', 170),
      unit('u2', '2027-01-03', 170),
      unit('u3', '2027-01-04', 170),
      unit('u4', '2027-01-20', 170),
      unit('u5', '2027-01-04', 170),
      proof('u1', 'unitsAired', '2027-01-03T00:00:00Z'),
      proof('u3', 'unitsAired', '2027-01-04T00:00:00Z'),
      // A correction: u3 did not air after all.
      proof('u3', 'unitsMissed', '2027-01-06T00:00:00Z'),
      proof('u5', 'unitsAired', '2027-01-05T00:00:00Z'),
    );
    const invoice = ledger(
      'vendor-invoice',
      'i-1',
      { orderId: 'o-1' },
      invoiceLine('u1', 170, 'rate-discrepancy', 'accept-as-bonus'),
      invoiceLine('u3', 170),
      invoiceLine(null, 0, 'run-not-ordered'),
    );
    const [o] = reconciliation([order, invoice], {}, '2027-01-10');
    const line = o.lines[0];
    expect(line).toMatchObject({
      units: 5,
      aired: 2,
      missed: 1,
      unproven: 1,
      pending: 1,
      orderedFen: 850,
      deliveredFen: 340,
      invoicedFen: 340,
      balanced: false,
    });
    expect(line.reasons.map((r) => [r.code, r.unitIds])).toEqual([
      ['UNITS_PENDING', ['u4']],
      ['NOT_PROVEN', ['u2']],
      ['MISSED_NOT_MADE_GOOD', ['u3']],
      ['INVOICED_NOT_AIRED', ['u3']],
      ['AIRED_NOT_INVOICED', ['u5']],
      ['INVOICE_DIFFERENCE', ['u1']],
    ]);
    expect(line.reasons.at(-1)?.note).toContain('rate-discrepancy, settled as accept-as-bonus');
    expect(o.unmatchedInvoiceLines.map((r) => r.code)).toEqual(['INVOICE_LINE_NOT_ORDERED']);
  });

  it('counts a makegood instead of the unit it replaced, and the revision in force only', () => {
    const order = ledger(
      'media-order',
      'o-1',
      { orderId: 'o-1' },
      unit('u1', '2027-01-02', 170),
      unit('u1', '2027-01-02', 170, { replacedBy: 'mg-1' }, 2),
      unit('m1', '2027-01-06', 150, { makegoodFor: 'mg-1' }, 2),
      proof('u1', 'unitsMissed', '2027-01-03T00:00:00Z'),
      proof('m1', 'unitsAired', '2027-01-07T00:00:00Z'),
    );
    const [o] = reconciliation([order], {}, '2027-01-10');
    expect(o.lines[0]).toMatchObject({ units: 1, makegoods: 1, orderedFen: 150, deliveredFen: 150, missed: 0 });
    expect(o.lines[0].reasons.map((r) => r.code)).toEqual(['AIRED_NOT_INVOICED']);
  });

  it('settles a missed unit the vendor credited: the credit in the line’s lineage, the line due its order less the credit', () => {
    const credit = fact('creditDue', 170, { unitIds: ['u2'] }, { supersedes: { key: 'credit:c-1', rank: '1' } });
    const order = (...extra: Fact[]) =>
      ledger(
        'media-order',
        'o-1',
        { orderId: 'o-1' },
        unit('u1', '2027-01-02', 170),
        unit('u2', '2027-01-03', 170),
        proof('u1', 'unitsAired', '2027-01-03T00:00:00Z'),
        proof('u2', 'unitsMissed', '2027-01-04T00:00:00Z'),
        ...extra,
      );
    const invoice = ledger('vendor-invoice', 'i-1', { orderId: 'o-1' }, invoiceLine('u1', 170));
    const [before] = reconciliation([order(), invoice], {}, '2027-01-10');
    expect(before.lines[0].reasons.map((r) => r.code)).toEqual(['MISSED_NOT_MADE_GOOD']);
    const [after] = reconciliation([order(credit), invoice], {}, '2027-01-10');
    expect(after.lines[0]).toMatchObject({ orderedFen: 340, creditedFen: 170, deliveredFen: 170, invoicedFen: 170, balanced: true, reasons: [] });
    expect(after.lines[0].credits).toEqual([{ unitIds: ['u2'], amountFen: 170, note: credit.label }]);
  });

  describe('an OOH line: face-days bought against face-days live', () => {
    // Two faces bought 2027-01-04 to 2027-01-17 (14 days each) at 1,400 fen a face.
    const face = (unitId: string, f: string) => unit(unitId, '2027-01-04', 1_400, { lineId: 'L2', face: f, endDate: '2027-01-17' });
    const order = ledger(
      'media-order',
      'o-1',
      { orderId: 'o-1' },
      face('f1', 'CQ-1/A'),
      face('f2', 'CQ-1/B'),
      proof('f1', 'unitsAired', '2027-01-04T05:00:00Z'),
    );
    const requested = fact('oohRequested', 2_800, { lineId: 'L2', date: '2027-01-04' });
    const posted = fact('oohPosted', 1, {}, { businessDate: '2027-01-04' });
    const removed = (on: string) => fact('oohRemoved', 1, {}, { businessDate: on });
    const popOf = (f: string, days: string[], issuedAt: string) =>
      fact('faceDaysLive', days.length, { face: f, days }, { month: '2027-01', supersedes: { key: `pop:b-1:${f}:2027-01`, rank: issuedAt } });
    const l2 = (...bookingFacts: Fact[]) => {
      const [o] = reconciliation([order, ledger('ooh-booking', 'b-1', { orderId: 'o-1' }, requested, ...bookingFacts)], {}, '2027-01-31');
      return o.lines.find((l) => l.lineId === 'L2')!;
    };
    const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2027-01-${String(from + i).padStart(2, '0')}`);

    it('is short of every day before it was posted, whatever proof buying recorded for the unit', () => {
      const line = l2();
      expect(line).toMatchObject({ aired: 0, deliveredFen: 0, faceDays: { ordered: 28, live: 0, pending: 0, short: 28 } });
      expect(line.reasons.map((r) => [r.code, r.amountFen])).toEqual([['FACE_DAYS_SHORT', 2_800]]);
    });

    it('counts the days from the posting to the day before removal', () => {
      expect(l2(posted, removed('2027-01-18'))).toMatchObject({ aired: 2, deliveredFen: 2_800, faceDays: { ordered: 28, live: 28, short: 0 } });
    });

    it('keeps the days not yet due pending, and the days already live delivered', () => {
      const [o] = reconciliation([order, ledger('ooh-booking', 'b-1', { orderId: 'o-1' }, requested, posted)], {}, '2027-01-10');
      const line = o.lines.find((l) => l.lineId === 'L2')!;
      expect(line).toMatchObject({ aired: 0, deliveredFen: 1_400, faceDays: { ordered: 28, pending: 14, live: 14, short: 0 } });
      expect(line.reasons.map((r) => [r.code, r.amountFen])).toEqual([['UNITS_PENDING', 1_400]]);
    });

    it('prices a removal before the end date as face-days short', () => {
      const line = l2(posted, removed('2027-01-15'));
      expect(line).toMatchObject({ deliveredFen: 2_200, faceDays: { live: 22, short: 6 } });
      expect(line.reasons[0]).toMatchObject({ code: 'FACE_DAYS_SHORT', unitIds: ['f1', 'f2'], amountFen: 600 });
      expect(line.reasons[0].note).toContain('2027-01-15, 2027-01-16, 2027-01-17');
    });

    it('takes a month’s proof-of-play report over the posting record, and a report issued again over the first', () => {
      const outOfService = popOf('CQ-1/A', [...days(4, 9), ...days(12, 17)], '2027-02-01T01:00:00Z');
      const line = l2(posted, removed('2027-01-18'), outOfService, popOf('CQ-1/B', days(4, 17), '2027-02-01T01:00:00Z'));
      expect(line).toMatchObject({ aired: 1, deliveredFen: 2_600, faceDays: { live: 26, short: 2 } });
      expect(line.reasons[0]).toMatchObject({ code: 'FACE_DAYS_SHORT', unitIds: ['f1'], amountFen: 200 });
      const reissued = popOf('CQ-1/A', days(4, 17), '2027-02-03T01:00:00Z');
      expect(l2(posted, removed('2027-01-18'), outOfService, reissued)).toMatchObject({ aired: 2, deliveredFen: 2_800 });
    });
  });
});
