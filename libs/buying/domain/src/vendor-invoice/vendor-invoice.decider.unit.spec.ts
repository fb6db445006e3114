import type { Actor, EvidenceRef } from '@ooh/eventing';
import { deciderSpec, eventsFrom } from '@ooh/eventing-testing';
import { invoiceBlockers, vendorInvoiceDecider, type InvoicedOrderSnapshot, type VendorInvoiceCommand } from './vendor-invoice.decider';
import type { InvoiceLineInput } from './vendor-invoice.events';
import type { InvoicedUnit } from './vendor-invoice.matching';

const spec = deciderSpec(vendorInvoiceDecider);
const mm: Actor = { userId: 'li', role: 'media-manager' };
const fin: Actor = { userId: 'qian', role: 'finance' };
const finWhoKeyed: Actor = { userId: 'li', role: 'finance' };
const AT = '2027-02-10T02:00:00.000Z';
const pdf: EvidenceRef = { blobId: 'e'.repeat(64), sha256: 'e'.repeat(64), contentType: 'application/pdf' };
const unit = (unitId: string, date: string, proof: InvoicedUnit['proof'] = 'aired', over: Partial<InvoicedUnit> = {}): InvoicedUnit => ({
  unitId,
  date,
  endDate: date,
  spotLengthSeconds: 15,
  rateFen: 100_000,
  quantity: 1,
  netFen: 85_000,
  proof,
  airedAt: proof === 'aired' ? `${date}T12:00:00.000Z` : null,
  billedOn: null,
  ...over,
});
const order: InvoicedOrderSnapshot = {
  orderId: 'o-1',
  exists: true,
  confirmed: true,
  vendor: { vendorId: 'v-1', name: 'CQTV' },
  currency: 'CNY',
  units: [
    unit('u1', '2027-01-25'),
    unit('u2', '2027-01-26'),
    unit('u3', '2027-01-27', 'missed'),
    unit('u4', '2027-01-28'),
    unit('u5', '2027-01-29'),
    unit('u6', '2027-01-30', 'aired', { billedOn: 'INV-0' }),
  ],
};
const line = (lineNo: number, unitId: string | null, date: string, over: Partial<InvoiceLineInput> = {}): InvoiceLineInput => ({
  lineNo,
  unitId,
  date,
  airedAt: null,
  lengthSeconds: 15,
  rateFen: 100_000,
  quantity: 1,
  amountFen: 100_000,
  ...over,
});
const lines = [
  line(1, 'u1', '2027-01-25'),
  line(2, 'u2', '2027-01-26', { rateFen: 120_000, amountFen: 120_000 }),
  line(3, 'u3', '2027-01-27'),
  line(4, null, '2027-01-31'),
  line(5, 'u4', '2027-02-02'),
  line(6, 'u5', '2027-01-29', { lengthSeconds: 10 }),
  line(7, 'u6', '2027-01-30'),
];
const record = (l = lines, by = mm): VendorInvoiceCommand => ({
  type: 'RecordVendorInvoice',
  data: {
    invoiceId: 'i-1',
    order,
    invoiceNumber: 'INV-7',
    invoiceDate: '2027-02-05',
    lines: l,
    file: null,
    evidence: [pdf],
    timeZone: 'Asia/Shanghai',
    today: '2027-02-10',
    at: AT,
    by,
  },
});
const disposition = (
  lineNo: number,
  kind: 'makegood' | 'credit' | 'accept-as-bonus' | 'dispute',
  reason = 'Agreed with the station',
): VendorInvoiceCommand => ({
  type: 'DispositionDiscrepancy',
  data: { invoiceId: 'i-1', lineNo, kind, reason, at: AT, by: mm },
});
const approve = (by = fin, prepaymentAvailableFen = 50_000): VendorInvoiceCommand => ({
  type: 'ApproveVendorInvoice',
  data: { invoiceId: 'i-1', prepaymentAvailableFen, lastAiringDate: '2027-01-30', balanceDaysAfterAiring: 30, at: AT, by },
});

describe('Vendor invoice decider', () => {
  it('matches each line per unit against the order and its proof', () => {
    const [recorded] = spec.given([]).when(record()).events();
    expect((recorded.data as { matches: Array<{ lineNo: number; result: string }> }).matches.map((m) => [m.lineNo, m.result])).toEqual([
      [1, 'matched'],
      [2, 'rate-discrepancy'],
      [3, 'ordered-not-run'],
      [4, 'run-not-ordered'],
      [5, 'time-discrepancy'],
      [6, 'length-discrepancy'],
      [7, 'run-not-ordered'],
    ]);
    spec
      .given([])
      .when(record([line(1, 'u1', '2027-01-25', { amountFen: 5 })]))
      .thenThrows('LINE_AMOUNT_MISMATCH', 'rule-violated');
    spec
      .given([])
      .when(record([line(1, 'u1', '2027-01-25'), line(2, 'u1', '2027-01-25')]))
      .thenThrows('DUPLICATE_UNIT', 'rule-violated');
    spec.given([]).when(record(lines, fin)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec
      .given([])
      .when({ ...record(), data: { ...(record().data as object), order: { ...order, confirmed: false } } } as VendorInvoiceCommand)
      .thenThrows('ORDER_NOT_CONFIRMED', 'rule-violated');
    spec.given([recorded]).when(record()).thenThrows('VENDOR_INVOICE_ALREADY_EXISTS', 'conflict');
  });

  it('is approved by finance only once every discrepancy is dispositioned, never by whoever handled it, less the prepayment', () => {
    const recorded = eventsFrom(vendorInvoiceDecider, [record()]);
    spec.given(recorded).when(approve()).thenThrows('DISCREPANCIES_OPEN', 'rule-violated');
    expect(invoiceBlockers(spec.given(recorded).state())[0]).toMatchObject({ gate: 'disposition', releasedBy: 'media-manager' });
    spec.given(recorded).when(disposition(1, 'credit')).thenThrows('LINE_MATCHED', 'rule-violated');
    spec.given(recorded).when(disposition(4, 'makegood')).thenThrows('DISPOSITION_NOT_APPLICABLE', 'rule-violated');
    spec
      .given(recorded)
      .when(disposition(2, 'credit', ' '))
      .thenThrows('REASON_REQUIRED', 'rule-violated');
    const dispositioned = eventsFrom(vendorInvoiceDecider, [
      record(),
      disposition(2, 'accept-as-bonus'),
      disposition(3, 'makegood'),
      disposition(4, 'accept-as-bonus'),
      disposition(5, 'dispute'),
      disposition(6, 'credit'),
      disposition(7, 'credit', 'Billed twice'),
    ]);
    expect(invoiceBlockers(spec.given(dispositioned).state())[0]).toMatchObject({ gate: 'finance-approval', releasedBy: 'finance' });
    spec.given(dispositioned).when(approve(finWhoKeyed)).thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    spec.given(dispositioned).when(approve(mm)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    const [approved] = spec.given(dispositioned).when(approve()).events();
    // Paid: u1 matched (85,000) and u2 accepted at the ordered net (85,000); the bonus line, the makegood, the dispute and the credits are not.
    expect(approved).toMatchObject({
      type: 'VendorInvoiceApproved',
      data: { linesFen: 170_000, prepaymentDeductedFen: 50_000, payableFen: 120_000, withheldFen: 500_000, dueDate: '2027-03-07' },
    });
  });

  it('is rejected with a reason, and paid once', () => {
    const recorded = eventsFrom(vendorInvoiceDecider, [record([line(1, 'u1', '2027-01-25')])]);
    spec
      .given(recorded)
      .when({ type: 'RejectVendorInvoice', data: { invoiceId: 'i-1', reason: '', at: AT, by: fin } })
      .thenThrows('REASON_REQUIRED', 'rule-violated');
    const approved = [...recorded, ...spec.given(recorded).when(approve(fin, 0)).events()];
    const paid = {
      type: 'RecordVendorInvoicePaid' as const,
      data: { invoiceId: 'i-1', payableId: 'p-1', reference: 'OUT-1', paidOn: '2027-02-11', at: AT, by: fin },
    };
    const events = spec.given(approved).when(paid).events();
    expect(events).toHaveLength(1);
    spec
      .given([...approved, ...events])
      .when(paid)
      .thenNothingHappens();
  });
});
