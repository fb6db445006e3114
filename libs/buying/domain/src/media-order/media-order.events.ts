import { streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';
import type { PaymentTerms } from '../vendor/vendor.events';
import type { MaterialsCreative, OohBookingRequest, OohRequestState } from './media-order.ooh';
import type { OrderLine, OrderTotals } from './media-order.lines';
import { initialDeliveryState, type DeliveryEvent, type DeliveryState } from './media-order.delivery.events';

/** One stream per media order: `buying.media_order-<id>`. */
export const mediaOrderStream = (orderId: string): string => streamName('buying', 'media_order', orderId);

export type OrderStatus = 'none' | 'draft' | 'submitted' | 'returned' | 'signed' | 'sent' | 'confirmed' | 'declined' | 'cancelled';

export interface OrderVendorRef {
  vendorId: string;
  name: string;
  terms: PaymentTerms;
}

export interface OrderPlanRef {
  planId: string;
  version: number;
  contentHash: string;
  briefId: string;
  clientId: string;
  campaign: string;
  currency: string;
}

export interface OrderRevision {
  revision: number;
  lines: OrderLine[];
  totals: OrderTotals;
  materialsDueDate: string | null;
  reason: string | null;
  contributors: string[];
  draftedAt: string;
  draftedBy: Actor;
  submittedAt: string | null;
  returned: { reasons: string[]; at: string; by: Actor } | null;
  signedAt: string | null;
  signedBy: Actor | null;
  /** A revision given up before it was signed: the signed one stays in force. */
  withdrawn: { reason: string; at: string; by: Actor } | null;
}

export interface VendorPaymentRequest {
  requestId: string;
  milestone: 'prepayment';
  amountFen: number;
  dueDate: string;
  requestedAt: string;
  requestedBy: Actor;
  paid: { payableId: string; reference: string; paidOn: string } | null;
}

export type MediaOrderDrafted = DomainEvent<
  'MediaOrderDrafted',
  {
    orderId: string;
    revision: number;
    vendor: OrderVendorRef;
    plan: OrderPlanRef;
    contractId: string;
    lines: OrderLine[];
    totals: OrderTotals;
    materialsDueDate: string | null;
    at: string;
    by: Actor;
  }
>;
export type MediaOrderLinesReplaced = DomainEvent<
  'MediaOrderLinesReplaced',
  { orderId: string; revision: number; lines: OrderLine[]; totals: OrderTotals; materialsDueDate: string | null; at: string; by: Actor }
>;
export type MediaOrderSubmitted = DomainEvent<'MediaOrderSubmitted', { orderId: string; revision: number; at: string; by: Actor }>;
export type MediaOrderReturned = DomainEvent<'MediaOrderReturned', { orderId: string; revision: number; reasons: string[]; at: string; by: Actor }>;
/** A media director signed a revision: what it commits, per channel and month, and what it adds to the previous one. */
export type MediaOrderSigned = DomainEvent<
  'MediaOrderSigned',
  {
    orderId: string;
    revision: number;
    plan: OrderPlanRef;
    vendor: OrderVendorRef;
    contractId: string;
    totals: OrderTotals;
    committed: Array<{ channel: string; month: string; netFen: number }>;
    negotiatedUnits: string[];
    at: string;
    by: Actor;
  }
>;
/** Sent to the vendor; an order on the operator's own faces goes out as one booking request per line, with its creative. */
export type MediaOrderSent = DomainEvent<
  'MediaOrderSent',
  {
    orderId: string;
    revision: number;
    evidence: EvidenceRef[];
    ooh?: {
      advertiser: { name: string; clientId: string };
      currency: string;
      creative: MaterialsCreative & { files: EvidenceRef[] };
      requests: OohBookingRequest[];
    } | null;
    at: string;
    by: Actor;
  }
>;
export type OohBookingRefused = DomainEvent<'OohBookingRefused', { orderId: string; requestId: string; code: string; reason: string; at: string; by: Actor }>;
export type MediaOrderConfirmed = DomainEvent<
  'MediaOrderConfirmed',
  { orderId: string; revision: number; vendorReference: string; evidence: EvidenceRef[]; at: string; by: Actor }
>;
export type MediaOrderDeclined = DomainEvent<
  'MediaOrderDeclined',
  { orderId: string; revision: number; reason: string; evidence: EvidenceRef[]; at: string; by: Actor }
>;
export type MediaOrderRevisionOpened = DomainEvent<'MediaOrderRevisionOpened', { orderId: string; revision: number; reason: string; at: string; by: Actor }>;
export type MediaOrderRevisionWithdrawn = DomainEvent<
  'MediaOrderRevisionWithdrawn',
  { orderId: string; revision: number; reason: string; restoredStatus: OrderStatus; at: string; by: Actor }
>;
export type MediaOrderCancelled = DomainEvent<'MediaOrderCancelled', { orderId: string; reason: string; at: string; by: Actor }>;
export type MaterialsSent = DomainEvent<
  'MaterialsSent',
  {
    orderId: string;
    sentOn: string;
    dueDate: string | null;
    late: boolean;
    note: string;
    evidence: EvidenceRef[];
    creative?: MaterialsCreative | null;
    at: string;
    by: Actor;
  }
>;
export type MaterialsLateFlagged = DomainEvent<'MaterialsLateFlagged', { orderId: string; dueDate: string; flaggedOn: string; at: string; by: Actor }>;
export type VendorPaymentRequested = DomainEvent<
  'VendorPaymentRequested',
  {
    orderId: string;
    requestId: string;
    vendor: OrderVendorRef;
    milestone: 'prepayment';
    amountFen: number;
    currency: string;
    dueDate: string;
    at: string;
    by: Actor;
  }
>;
export type VendorPaymentPaid = DomainEvent<
  'VendorPaymentPaid',
  { orderId: string; requestId: string; payableId: string; reference: string; paidOn: string; at: string; by: Actor }
>;

/** An approved vendor invoice billed these units: they count as billed, and the prepayment it used is spent. */
export type VendorInvoiceApplied = DomainEvent<
  'VendorInvoiceApplied',
  { orderId: string; invoiceId: string; invoiceNumber: string; unitIds: string[]; payableFen: number; prepaymentDeductedFen: number; at: string; by: Actor }
>;

export interface AppliedInvoice {
  invoiceId: string;
  invoiceNumber: string;
  unitIds: string[];
  payableFen: number;
  prepaymentDeductedFen: number;
}

export type MediaOrderEvent =
  | MediaOrderDrafted
  | MediaOrderLinesReplaced
  | MediaOrderSubmitted
  | MediaOrderReturned
  | MediaOrderSigned
  | MediaOrderSent
  | OohBookingRefused
  | MediaOrderConfirmed
  | MediaOrderDeclined
  | MediaOrderRevisionOpened
  | MediaOrderRevisionWithdrawn
  | MediaOrderCancelled
  | MaterialsSent
  | MaterialsLateFlagged
  | VendorPaymentRequested
  | VendorPaymentPaid
  | VendorInvoiceApplied
  | DeliveryEvent;

export interface MediaOrderState extends DeliveryState {
  status: OrderStatus;
  orderId: string;
  vendor: OrderVendorRef | null;
  plan: OrderPlanRef | null;
  contractId: string;
  currentRevision: number;
  signedRevision: number;
  revisions: OrderRevision[];
  sent: { revision: number; at: string; by: Actor; evidence: EvidenceRef[] } | null;
  confirmation: { revision: number; vendorReference: string; evidence: EvidenceRef[]; at: string; by: Actor } | null;
  decline: { revision: number; reason: string; evidence: EvidenceRef[]; at: string; by: Actor } | null;
  materials: { sentOn: string; late: boolean; note: string; evidence: EvidenceRef[]; creative: MaterialsCreative | null; at: string; by: Actor } | null;
  /** Booking requests sent to the operator for lines on its own faces. */
  oohRequests: OohRequestState[];
  materialsLateFlaggedOn: string | null;
  payments: VendorPaymentRequest[];
  invoices: AppliedInvoice[];
  /** What vendor payments were requested for: once billed, a revision may not reduce the order (credits do). */
  billedFen: number;
  cancellation: { reason: string; at: string; by: Actor } | null;
  draftedBy: Actor | null;
}

export const initialMediaOrderState = (): MediaOrderState => ({
  status: 'none',
  orderId: '',
  vendor: null,
  plan: null,
  contractId: '',
  currentRevision: 0,
  signedRevision: 0,
  revisions: [],
  sent: null,
  confirmation: null,
  decline: null,
  materials: null,
  materialsLateFlaggedOn: null,
  oohRequests: [],
  payments: [],
  invoices: [],
  billedFen: 0,
  cancellation: null,
  draftedBy: null,
  ...initialDeliveryState(),
});

const revisionOf = (
  revision: number,
  lines: OrderLine[],
  totals: OrderTotals,
  materialsDueDate: string | null,
  reason: string | null,
  at: string,
  by: Actor,
): OrderRevision => ({
  revision,
  lines,
  totals,
  materialsDueDate,
  reason,
  contributors: [by.userId],
  draftedAt: at,
  draftedBy: by,
  submittedAt: null,
  returned: null,
  signedAt: null,
  signedBy: null,
  withdrawn: null,
});

function change(state: MediaOrderState, revision: number, f: (r: OrderRevision) => OrderRevision): OrderRevision[] {
  return state.revisions.map((r) => (r.revision === revision ? f(r) : r));
}

export function evolveMediaOrder(state: MediaOrderState, event: MediaOrderEvent): MediaOrderState {
  switch (event.type) {
    case 'MediaOrderDrafted': {
      const { orderId, revision, vendor, plan, contractId, lines, totals, materialsDueDate, at, by } = event.data;
      return {
        ...initialMediaOrderState(),
        status: 'draft',
        orderId,
        vendor,
        plan,
        contractId,
        currentRevision: revision,
        revisions: [revisionOf(revision, lines, totals, materialsDueDate, null, at, by)],
        draftedBy: by,
      };
    }
    case 'MediaOrderLinesReplaced': {
      const { revision, lines, totals, materialsDueDate, by } = event.data;
      return {
        ...state,
        status: 'draft',
        revisions: change(state, revision, (r) => ({
          ...r,
          lines,
          totals,
          materialsDueDate,
          returned: null,
          contributors: r.contributors.includes(by.userId) ? r.contributors : [...r.contributors, by.userId],
        })),
      };
    }
    case 'MediaOrderSubmitted':
      return { ...state, status: 'submitted', revisions: change(state, event.data.revision, (r) => ({ ...r, submittedAt: event.data.at })) };
    case 'MediaOrderReturned': {
      const { revision, reasons, at, by } = event.data;
      return { ...state, status: 'returned', revisions: change(state, revision, (r) => ({ ...r, returned: { reasons, at, by } })) };
    }
    case 'MediaOrderSigned': {
      const { revision, at, by } = event.data;
      return { ...state, status: 'signed', signedRevision: revision, revisions: change(state, revision, (r) => ({ ...r, signedAt: at, signedBy: by })) };
    }
    case 'MediaOrderSent': {
      const { revision, evidence, ooh, at, by } = event.data;
      const requests = (ooh?.requests ?? []).map((r) => ({ ...r, revision, refusal: null }));
      return { ...state, status: 'sent', sent: { revision, evidence, at, by }, oohRequests: [...state.oohRequests, ...requests] };
    }
    case 'OohBookingRefused': {
      const { requestId, code, reason } = event.data;
      return { ...state, oohRequests: state.oohRequests.map((r) => (r.requestId === requestId ? { ...r, refusal: { code, reason } } : r)) };
    }
    case 'MediaOrderConfirmed': {
      const { revision, vendorReference, evidence, at, by } = event.data;
      return { ...state, status: 'confirmed', confirmation: { revision, vendorReference, evidence, at, by }, decline: null };
    }
    case 'MediaOrderDeclined': {
      const { revision, reason, evidence, at, by } = event.data;
      return { ...state, status: 'declined', decline: { revision, reason, evidence, at, by } };
    }
    case 'MediaOrderRevisionOpened': {
      const { revision, reason, at, by } = event.data;
      const base = state.revisions.find((r) => r.revision === state.currentRevision) as OrderRevision;
      return {
        ...state,
        status: 'draft',
        currentRevision: revision,
        revisions: [...state.revisions, revisionOf(revision, base.lines, base.totals, base.materialsDueDate, reason, at, by)],
      };
    }
    case 'MediaOrderRevisionWithdrawn': {
      const { revision, reason, restoredStatus, at, by } = event.data;
      return {
        ...state,
        status: restoredStatus,
        currentRevision: state.signedRevision,
        revisions: change(state, revision, (r) => ({ ...r, withdrawn: { reason, at, by } })),
      };
    }
    case 'MediaOrderCancelled': {
      const { reason, at, by } = event.data;
      return { ...state, status: 'cancelled', cancellation: { reason, at, by } };
    }
    case 'MaterialsSent': {
      const { sentOn, late, note, evidence, at, by } = event.data;
      return { ...state, materials: { sentOn, late, note, evidence, creative: event.data.creative ?? null, at, by } };
    }
    case 'MaterialsLateFlagged':
      return { ...state, materialsLateFlaggedOn: event.data.flaggedOn };
    case 'VendorPaymentRequested': {
      const { requestId, milestone, amountFen, dueDate, at, by } = event.data;
      return {
        ...state,
        billedFen: state.billedFen + amountFen,
        payments: [...state.payments, { requestId, milestone, amountFen, dueDate, requestedAt: at, requestedBy: by, paid: null }],
      };
    }
    case 'VendorPaymentPaid': {
      const { requestId, payableId, reference, paidOn } = event.data;
      return { ...state, payments: state.payments.map((p) => (p.requestId === requestId ? { ...p, paid: { payableId, reference, paidOn } } : p)) };
    }
    case 'VendorInvoiceApplied': {
      const { invoiceId, invoiceNumber, unitIds, payableFen, prepaymentDeductedFen } = event.data;
      return {
        ...state,
        billedFen: state.billedFen + payableFen,
        invoices: [...state.invoices, { invoiceId, invoiceNumber, unitIds, payableFen, prepaymentDeductedFen }],
      };
    }
    case 'UnitProofsRecorded': {
      const proofs = { ...state.proofs };
      event.data.proofs.forEach((p) => (proofs[p.unitId] = p));
      return { ...state, proofs };
    }
    case 'MakegoodOffered':
      return { ...state, makegoods: [...state.makegoods, event.data.offer] };
    case 'MakegoodAccepted': {
      const { makegoodId, revision, lines, totals, reason, outsideRule, at, by } = event.data;
      const base = state.revisions.find((r) => r.revision === state.signedRevision) as OrderRevision;
      const accepted: OrderRevision = {
        ...revisionOf(revision, lines, totals, base.materialsDueDate, `Makegood ${makegoodId}: ${reason}`, at, by),
        submittedAt: at,
        signedAt: at,
        signedBy: by,
      };
      return {
        ...state,
        currentRevision: revision,
        signedRevision: revision,
        revisions: [...state.revisions, accepted],
        makegoods: state.makegoods.map((m) => (m.makegoodId === makegoodId ? { ...m, status: 'accepted', decision: { reason, outsideRule, at, by } } : m)),
      };
    }
    case 'MakegoodRejected': {
      const { makegoodId, reason, credit, at, by } = event.data;
      return {
        ...state,
        credits: [...state.credits, credit],
        makegoods: state.makegoods.map((m) =>
          m.makegoodId === makegoodId ? { ...m, status: 'rejected', decision: { reason, outsideRule: false, at, by } } : m,
        ),
      };
    }
    case 'ProofPackDelivered':
      return { ...state, proofPacks: [...state.proofPacks, event.data.pack] };
    case 'ProofPackAcknowledged': {
      const { packId, acknowledgedOn, evidence, at, by } = event.data;
      return { ...state, proofPacks: state.proofPacks.map((p) => (p.packId === packId ? { ...p, acknowledgement: { acknowledgedOn, evidence, at, by } } : p)) };
    }
    case 'AudienceDeliveryRecorded':
      return { ...state, audience: [...(state.audience ?? []), event.data.measurement] };
  }
}

/** Prepayment paid to the vendor that no approved invoice has used yet. */
export const prepaymentAvailable = (state: MediaOrderState): number =>
  state.payments.filter((p) => p.milestone === 'prepayment').reduce((s, p) => s + p.amountFen, 0) -
  state.invoices.reduce((s, i) => s + i.prepaymentDeductedFen, 0);

export const currentRevisionOf = (state: MediaOrderState): OrderRevision | undefined => state.revisions.find((r) => r.revision === state.currentRevision);
export const signedRevisionOf = (state: MediaOrderState): OrderRevision | undefined => state.revisions.find((r) => r.revision === state.signedRevision);
