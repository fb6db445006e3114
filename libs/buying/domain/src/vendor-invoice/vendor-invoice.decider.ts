import { addDays } from '@ooh/calendar';
import { AppError, forbidden, notFound, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import { blank, blocker, requireReason, requireRole, type Blocker } from '../shared';
import {
  evolveVendorInvoice,
  initialVendorInvoiceState,
  type DispositionKind,
  type InvoiceLineInput,
  type VendorInvoiceEvent,
  type VendorInvoiceState,
} from './vendor-invoice.events';
import { matchInvoice, payableOf, type InvoicedUnit } from './vendor-invoice.matching';

export const INVOICE_KEEPERS = ['media-manager'] as const;
export const INVOICE_APPROVERS = ['finance'] as const;
/** At most this many lines on one invoice. */
export const MAX_INVOICE_LINES = 5_000;

/** The order an invoice bills, as the caller read it: its units in force with their proof, and the vendor's terms. */
export interface InvoicedOrderSnapshot {
  orderId: string;
  exists: boolean;
  confirmed: boolean;
  vendor: { vendorId: string; name: string };
  currency: string;
  units: InvoicedUnit[];
}

export type RecordVendorInvoice = Command<
  'RecordVendorInvoice',
  {
    invoiceId: string;
    order: InvoicedOrderSnapshot;
    invoiceNumber: string;
    invoiceDate: string;
    lines: InvoiceLineInput[];
    file: EvidenceRef | null;
    evidence: EvidenceRef[];
    timeZone: string;
    today: string;
    at: string;
    by: Actor;
  }
>;
export type DispositionDiscrepancy = Command<
  'DispositionDiscrepancy',
  { invoiceId: string; lineNo: number; kind: DispositionKind; reason: string; at: string; by: Actor }
>;
export type ApproveVendorInvoice = Command<
  'ApproveVendorInvoice',
  { invoiceId: string; prepaymentAvailableFen: number; lastAiringDate: string; balanceDaysAfterAiring: number; at: string; by: Actor }
>;
export type RejectVendorInvoice = Command<'RejectVendorInvoice', { invoiceId: string; reason: string; at: string; by: Actor }>;
export type RecordVendorInvoicePaid = Command<
  'RecordVendorInvoicePaid',
  { invoiceId: string; payableId: string; reference: string; paidOn: string; at: string; by: Actor }
>;

export type VendorInvoiceCommand = RecordVendorInvoice | DispositionDiscrepancy | ApproveVendorInvoice | RejectVendorInvoice | RecordVendorInvoicePaid;

function existing(state: VendorInvoiceState, invoiceId: string): VendorInvoiceState {
  if (state.status === 'none') throw notFound('VENDOR_INVOICE_NOT_FOUND', `No vendor invoice ${invoiceId}`);
  return state;
}

function requireMatching(state: VendorInvoiceState, what: string): void {
  if (state.status !== 'matching') throw ruleViolated('INVOICE_STATUS', `${what}: the invoice is ${state.status}`, { status: state.status });
}

/** Why the invoice cannot be approved yet, and who releases it. */
export function invoiceBlockers(state: VendorInvoiceState): Blocker[] {
  if (state.status !== 'matching') return [];
  const open = state.matches.filter((m) => m.result !== 'matched' && m.disposition === null);
  if (open.length > 0)
    return [
      blocker('disposition', `A disposition (makegood, credit, accept as bonus, dispute) of line(s) ${open.map((m) => m.lineNo).join(', ')}`, INVOICE_KEEPERS),
    ];
  return [blocker('finance-approval', 'Approval for payment by finance (not whoever recorded or dispositioned it)', INVOICE_APPROVERS)];
}

/**
 * Vendor invoices: recorded by the buyer (keyed or imported) and matched per unit against the order
 * and its proof; every difference dispositioned with a reason; approved for payment by finance, never
 * by whoever handled it; then a payable, less the prepayment already paid on the order.
 */
export function decideVendorInvoice(command: VendorInvoiceCommand, state: VendorInvoiceState): VendorInvoiceEvent[] {
  switch (command.type) {
    case 'RecordVendorInvoice': {
      const { invoiceId, order, invoiceNumber, invoiceDate, lines, file, evidence, timeZone, today, at, by } = command.data;
      requireRole(by, INVOICE_KEEPERS, 'Recording a vendor invoice');
      if (state.status !== 'none')
        throw new AppError('conflict', 'VENDOR_INVOICE_ALREADY_EXISTS', `Invoice ${invoiceNumber} of ${order.vendor.name} is already recorded`);
      if (!order.exists) throw notFound('MEDIA_ORDER_NOT_FOUND', `No media order ${order.orderId}`);
      if (!order.confirmed) throw ruleViolated('ORDER_NOT_CONFIRMED', `Order ${order.orderId} is not signed and confirmed: there is nothing to bill`);
      if (blank(invoiceNumber)) throw ruleViolated('INVOICE_NUMBER_REQUIRED', 'An invoice has its number');
      if (invoiceDate > today) throw ruleViolated('INVOICE_DATED_IN_FUTURE', `An invoice cannot be dated ${invoiceDate}, after today (${today})`);
      if (lines.length === 0) throw ruleViolated('LINES_REQUIRED', 'An invoice has at least one line');
      if (lines.length > MAX_INVOICE_LINES) throw ruleViolated('TOO_MANY_LINES', `An invoice has at most ${MAX_INVOICE_LINES} lines`);
      if (file === null && evidence.length === 0)
        throw ruleViolated('EVIDENCE_REQUIRED', 'The invoice is recorded with its document (PDF, e-invoice, or the imported file)');
      const numbers = new Set<number>();
      const units = new Set<string>();
      for (const line of lines) {
        if (numbers.has(line.lineNo)) throw ruleViolated('DUPLICATE_LINE', `Line ${line.lineNo} appears twice`);
        numbers.add(line.lineNo);
        if (line.unitId !== null && units.has(line.unitId))
          throw ruleViolated('DUPLICATE_UNIT', `Unit ${line.unitId} is billed twice on this invoice (line ${line.lineNo})`);
        if (line.unitId !== null) units.add(line.unitId);
        if (line.amountFen !== line.rateFen * line.quantity)
          throw ruleViolated('LINE_AMOUNT_MISMATCH', `Line ${line.lineNo} bills ${line.amountFen} fen for ${line.quantity} × ${line.rateFen}`, {
            lineNo: line.lineNo,
          });
      }
      const matches = matchInvoice(lines, order.units, timeZone);
      const totalFen = lines.reduce((s, l) => s + l.amountFen, 0);
      return [
        {
          type: 'VendorInvoiceRecorded',
          data: {
            invoiceId,
            orderId: order.orderId,
            vendor: order.vendor,
            invoiceNumber,
            invoiceDate,
            currency: order.currency,
            lines,
            totalFen,
            matches,
            file,
            evidence,
            at,
            by,
          },
        },
      ];
    }
    case 'DispositionDiscrepancy': {
      const { invoiceId, lineNo, kind, reason, at, by } = command.data;
      requireRole(by, INVOICE_KEEPERS, 'Dispositioning a discrepancy');
      requireMatching(existing(state, invoiceId), 'Dispositioning');
      const match = state.matches.find((m) => m.lineNo === lineNo);
      if (!match) throw notFound('INVOICE_LINE_NOT_FOUND', `Invoice ${state.invoiceNumber} has no line ${lineNo}`);
      if (match.result === 'matched') throw ruleViolated('LINE_MATCHED', `Line ${lineNo} matches the order and its proof: there is nothing to disposition`);
      requireReason(reason, 'A disposition');
      if (kind === 'makegood' && match.result === 'run-not-ordered')
        throw ruleViolated('DISPOSITION_NOT_APPLICABLE', `Line ${lineNo} bills a unit that was not ordered: nothing to make good`);
      return [{ type: 'DiscrepancyDispositioned', data: { invoiceId, lineNo, kind, reason, at, by } }];
    }
    case 'ApproveVendorInvoice': {
      const { invoiceId, prepaymentAvailableFen, lastAiringDate, balanceDaysAfterAiring, at, by } = command.data;
      requireRole(by, INVOICE_APPROVERS, 'Approving a vendor invoice for payment');
      requireMatching(existing(state, invoiceId), 'Approving');
      if (state.handledBy.includes(by.userId))
        throw forbidden('FOUR_EYES_VIOLATION', `${by.userId} recorded or dispositioned invoice ${state.invoiceNumber}: someone else in finance approves it`);
      const blockers = invoiceBlockers(state).filter((b) => b.gate !== 'finance-approval');
      if (blockers.length > 0) throw ruleViolated('DISCREPANCIES_OPEN', blockers[0].waitingFor, { blockedBy: blockers });
      const linesFen = state.matches.reduce((s, m) => s + payableOf(m), 0);
      const prepaymentDeductedFen = Math.min(prepaymentAvailableFen, linesFen);
      const payableFen = linesFen - prepaymentDeductedFen;
      const withheldFen = state.matches.reduce((s, m) => s + (m.invoicedFen > 0 && payableOf(m) === 0 ? m.invoicedFen : 0), 0);
      const dueDate = addDays(lastAiringDate > state.invoiceDate ? lastAiringDate : state.invoiceDate, balanceDaysAfterAiring);
      const { orderId, invoiceNumber, currency } = state;
      const vendor = state.vendor as NonNullable<VendorInvoiceState['vendor']>;
      return [
        {
          type: 'VendorInvoiceApproved',
          data: { invoiceId, orderId, vendor, invoiceNumber, currency, linesFen, prepaymentDeductedFen, payableFen, withheldFen, dueDate, at, by },
        },
      ];
    }
    case 'RejectVendorInvoice': {
      const { invoiceId, reason, at, by } = command.data;
      requireRole(by, INVOICE_APPROVERS, 'Rejecting a vendor invoice');
      requireMatching(existing(state, invoiceId), 'Rejecting');
      requireReason(reason, 'A rejected invoice');
      return [{ type: 'VendorInvoiceRejected', data: { invoiceId, reason, at, by } }];
    }
    case 'RecordVendorInvoicePaid': {
      const { invoiceId, payableId, reference, paidOn, at, by } = command.data;
      if (existing(state, invoiceId).status === 'paid') return [];
      if (state.status !== 'approved') throw ruleViolated('INVOICE_STATUS', `Invoice ${state.invoiceNumber} is ${state.status}, not approved`);
      return [{ type: 'VendorInvoicePaid', data: { invoiceId, payableId, reference, paidOn, at, by } }];
    }
  }
}

export const vendorInvoiceDecider: Decider<VendorInvoiceCommand, VendorInvoiceEvent, VendorInvoiceState> = {
  decide: decideVendorInvoice,
  evolve: evolveVendorInvoice,
  initialState: initialVendorInvoiceState,
};
