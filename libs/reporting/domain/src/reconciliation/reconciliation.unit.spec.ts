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

  it('counts an OOH line delivered once the booking of that line is posted', () => {
    const ooh = (unitId: string) => unit(unitId, '2027-01-04', 300, { lineId: 'L2', face: 'CQ-1/A' });
    const order = ledger('media-order', 'o-1', { orderId: 'o-1' }, ooh('f1'), ooh('f2'));
    const requested = fact('oohRequested', 600, { lineId: 'L2', date: '2027-01-04' });
    const posted = fact('oohPosted', 1, {});
    const notYet = reconciliation([order, ledger('ooh-booking', 'b-1', { orderId: 'o-1' }, requested)], {}, '2027-01-10');
    expect(notYet[0].lines.find((l) => l.lineId === 'L2')?.reasons.map((r) => r.code)).toEqual(['NOT_PROVEN']);
    const [o] = reconciliation([order, ledger('ooh-booking', 'b-1', { orderId: 'o-1' }, requested, posted)], {}, '2027-01-10');
    expect(o.lines.find((l) => l.lineId === 'L2')).toMatchObject({ aired: 2, deliveredFen: 600 });
  });
});
