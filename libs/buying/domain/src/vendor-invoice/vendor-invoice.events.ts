import { streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';

/** One stream per vendor invoice: `buying.vendor_invoice-<id>` (the id derives from vendor and invoice number). */
export const vendorInvoiceStream = (invoiceId: string): string => streamName('buying', 'vendor_invoice', invoiceId);

export const MATCH_RESULTS = ['matched', 'ordered-not-run', 'run-not-ordered', 'rate-discrepancy', 'time-discrepancy', 'length-discrepancy'] as const;
export type MatchResult = (typeof MATCH_RESULTS)[number];

export const DISPOSITIONS = ['makegood', 'credit', 'accept-as-bonus', 'dispute'] as const;
export type DispositionKind = (typeof DISPOSITIONS)[number];

export interface InvoiceLineInput {
  lineNo: number;
  unitId: string | null;
  date: string;
  airedAt: string | null;
  lengthSeconds: number | null;
  rateFen: number;
  quantity: number;
  amountFen: number;
}

/** One invoice line against the order and its proof: what it bills, what the order says, and the decision on a difference. */
export interface InvoiceMatch {
  lineNo: number;
  unitId: string | null;
  result: MatchResult;
  detail: string;
  invoicedFen: number;
  /** The order's net for the unit (0 when it was not ordered). */
  orderedNetFen: number;
  disposition: { kind: DispositionKind; reason: string; at: string; by: Actor } | null;
}

export type InvoiceStatus = 'none' | 'matching' | 'approved' | 'rejected' | 'paid';

export type VendorInvoiceRecorded = DomainEvent<
  'VendorInvoiceRecorded',
  {
    invoiceId: string;
    orderId: string;
    vendor: { vendorId: string; name: string };
    invoiceNumber: string;
    invoiceDate: string;
    currency: string;
    lines: InvoiceLineInput[];
    totalFen: number;
    matches: InvoiceMatch[];
    file: EvidenceRef | null;
    evidence: EvidenceRef[];
    at: string;
    by: Actor;
  }
>;
export type DiscrepancyDispositioned = DomainEvent<
  'DiscrepancyDispositioned',
  { invoiceId: string; lineNo: number; kind: DispositionKind; reason: string; at: string; by: Actor }
>;
/** Finance approved the invoice: what is payable after dispositions and the prepayment already paid on the order. */
export type VendorInvoiceApproved = DomainEvent<
  'VendorInvoiceApproved',
  {
    invoiceId: string;
    orderId: string;
    vendor: { vendorId: string; name: string };
    invoiceNumber: string;
    currency: string;
    linesFen: number;
    prepaymentDeductedFen: number;
    payableFen: number;
    withheldFen: number;
    dueDate: string;
    at: string;
    by: Actor;
  }
>;
export type VendorInvoiceRejected = DomainEvent<'VendorInvoiceRejected', { invoiceId: string; reason: string; at: string; by: Actor }>;
export type VendorInvoicePaid = DomainEvent<
  'VendorInvoicePaid',
  { invoiceId: string; payableId: string; reference: string; paidOn: string; at: string; by: Actor }
>;

export type VendorInvoiceEvent = VendorInvoiceRecorded | DiscrepancyDispositioned | VendorInvoiceApproved | VendorInvoiceRejected | VendorInvoicePaid;

export interface VendorInvoiceState {
  status: InvoiceStatus;
  invoiceId: string;
  orderId: string;
  vendor: { vendorId: string; name: string } | null;
  invoiceNumber: string;
  invoiceDate: string;
  currency: string;
  lines: InvoiceLineInput[];
  totalFen: number;
  matches: InvoiceMatch[];
  file: EvidenceRef | null;
  evidence: EvidenceRef[];
  recordedAt: string | null;
  recordedBy: Actor | null;
  /** Everyone who recorded or dispositioned it: none of them approves it. */
  handledBy: string[];
  approval: { linesFen: number; prepaymentDeductedFen: number; payableFen: number; withheldFen: number; dueDate: string; at: string; by: Actor } | null;
  rejection: { reason: string; at: string; by: Actor } | null;
  payment: { payableId: string; reference: string; paidOn: string } | null;
}

export const initialVendorInvoiceState = (): VendorInvoiceState => ({
  status: 'none',
  invoiceId: '',
  orderId: '',
  vendor: null,
  invoiceNumber: '',
  invoiceDate: '',
  currency: '',
  lines: [],
  totalFen: 0,
  matches: [],
  file: null,
  evidence: [],
  recordedAt: null,
  recordedBy: null,
  handledBy: [],
  approval: null,
  rejection: null,
  payment: null,
});

export function evolveVendorInvoice(state: VendorInvoiceState, event: VendorInvoiceEvent): VendorInvoiceState {
  switch (event.type) {
    case 'VendorInvoiceRecorded': {
      const d = event.data;
      return {
        ...initialVendorInvoiceState(),
        status: 'matching',
        invoiceId: d.invoiceId,
        orderId: d.orderId,
        vendor: d.vendor,
        invoiceNumber: d.invoiceNumber,
        invoiceDate: d.invoiceDate,
        currency: d.currency,
        lines: d.lines,
        totalFen: d.totalFen,
        matches: d.matches,
        file: d.file,
        evidence: d.evidence,
        recordedAt: d.at,
        recordedBy: d.by,
        handledBy: [d.by.userId],
      };
    }
    case 'DiscrepancyDispositioned': {
      const { lineNo, kind, reason, at, by } = event.data;
      return {
        ...state,
        matches: state.matches.map((m) => (m.lineNo === lineNo ? { ...m, disposition: { kind, reason, at, by } } : m)),
        handledBy: state.handledBy.includes(by.userId) ? state.handledBy : [...state.handledBy, by.userId],
      };
    }
    case 'VendorInvoiceApproved': {
      const { linesFen, prepaymentDeductedFen, payableFen, withheldFen, dueDate, at, by } = event.data;
      return { ...state, status: 'approved', approval: { linesFen, prepaymentDeductedFen, payableFen, withheldFen, dueDate, at, by } };
    }
    case 'VendorInvoiceRejected':
      return { ...state, status: 'rejected', rejection: { reason: event.data.reason, at: event.data.at, by: event.data.by } };
    case 'VendorInvoicePaid': {
      const { payableId, reference, paidOn } = event.data;
      return { ...state, status: 'paid', payment: { payableId, reference, paidOn } };
    }
  }
}
