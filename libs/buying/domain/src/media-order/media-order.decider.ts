import { addDays } from '@ooh/calendar';
import { AppError, forbidden, notFound, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import { blank, blocker, percentOf, requireReason, requireRole, type Blocker } from '../shared';
import type { PaymentTerms, RateCard } from '../vendor/vendor.events';
import { decideDelivery, type DeliveryCommand } from './media-order.delivery';
import { oohBlockers, oohRequestsOf, requireCreative, type MaterialsCreative } from './media-order.ooh';
import { signingCheck, type SigningFacts } from './media-order.gates';
import { orderLinesOf, spendByChannelMonth, totalsOf, type OrderLine, type OrderLineInput, type PlanLineSnapshot } from './media-order.lines';
import {
  currentRevisionOf,
  evolveMediaOrder,
  initialMediaOrderState,
  signedRevisionOf,
  type MediaOrderEvent,
  type MediaOrderState,
  type OrderPlanRef,
  type OrderRevision,
  type OrderStatus,
} from './media-order.events';

export const ORDER_BUYERS = ['media-manager'] as const;
export const ORDER_SIGNERS = ['media-director'] as const;

/** The vendor as the caller read it from the vendor library. */
export interface OrderVendorSnapshot {
  vendorId: string;
  exists: boolean;
  active: boolean;
  name: string;
  aliases: string[];
  terms: PaymentTerms;
  payee: { accountName: string; bank: string; accountNumber: string };
  rateCards: RateCard[];
}

/** The plan version an order buys from, as buying received it from planning. */
export interface OrderPlanSnapshot extends OrderPlanRef {
  exists: boolean;
  lines: PlanLineSnapshot[];
}

export interface OrderContent {
  lines: OrderLineInput[];
  materialsDueDate: string | null;
}

export type DraftMediaOrder = Command<
  'DraftMediaOrder',
  { orderId: string; vendor: OrderVendorSnapshot; plan: OrderPlanSnapshot; contractId: string; content: OrderContent; today: string; at: string; by: Actor }
>;
export type ReplaceOrderLines = Command<
  'ReplaceOrderLines',
  { orderId: string; plan: OrderPlanSnapshot; content: OrderContent; today: string; at: string; by: Actor }
>;
export type SubmitMediaOrder = Command<'SubmitMediaOrder', { orderId: string; at: string; by: Actor }>;
export type ReturnMediaOrder = Command<'ReturnMediaOrder', { orderId: string; revision: number; reasons: string[]; at: string; by: Actor }>;
export type SignMediaOrder = Command<'SignMediaOrder', { orderId: string; revision: number; facts: SigningFacts; at: string; by: Actor }>;
export type SendMediaOrder = Command<
  'SendMediaOrder',
  { orderId: string; evidence: EvidenceRef[]; advertiser: { name: string; clientId: string }; at: string; by: Actor }
>;
export type RecordOohBookingRefused = Command<
  'RecordOohBookingRefused',
  { orderId: string; requestId: string; code: string; reason: string; at: string; by: Actor }
>;
export type RecordVendorConfirmation = Command<
  'RecordVendorConfirmation',
  { orderId: string; vendorReference: string; evidence: EvidenceRef[]; at: string; by: Actor }
>;
export type RecordVendorDecline = Command<'RecordVendorDecline', { orderId: string; reason: string; evidence: EvidenceRef[]; at: string; by: Actor }>;
export type OpenOrderRevision = Command<'OpenOrderRevision', { orderId: string; reason: string; at: string; by: Actor }>;
export type WithdrawOrderRevision = Command<'WithdrawOrderRevision', { orderId: string; reason: string; at: string; by: Actor }>;
export type CancelMediaOrder = Command<'CancelMediaOrder', { orderId: string; reason: string; at: string; by: Actor }>;
export type RecordMaterialsSent = Command<
  'RecordMaterialsSent',
  { orderId: string; sentOn: string; note: string; evidence: EvidenceRef[]; creative: MaterialsCreative | null; today: string; at: string; by: Actor }
>;
export type FlagMaterialsLate = Command<'FlagMaterialsLate', { orderId: string; today: string; at: string; by: Actor }>;
export type RequestVendorPayment = Command<
  'RequestVendorPayment',
  { orderId: string; requestId: string; milestone: 'prepayment'; today: string; at: string; by: Actor }
>;
export type RecordVendorPaymentPaid = Command<
  'RecordVendorPaymentPaid',
  { orderId: string; requestId: string; payableId: string; reference: string; paidOn: string; at: string; by: Actor }
>;

export type ApplyVendorInvoice = Command<
  'ApplyVendorInvoice',
  { orderId: string; invoiceId: string; invoiceNumber: string; unitIds: string[]; payableFen: number; prepaymentDeductedFen: number; at: string; by: Actor }
>;

export type MediaOrderCommand =
  | ApplyVendorInvoice
  | DeliveryCommand
  | DraftMediaOrder
  | ReplaceOrderLines
  | SubmitMediaOrder
  | ReturnMediaOrder
  | SignMediaOrder
  | SendMediaOrder
  | RecordOohBookingRefused
  | RecordVendorConfirmation
  | RecordVendorDecline
  | OpenOrderRevision
  | WithdrawOrderRevision
  | CancelMediaOrder
  | RecordMaterialsSent
  | FlagMaterialsLate
  | RequestVendorPayment
  | RecordVendorPaymentPaid;

const norm = (s: string) => s.trim().toLowerCase();

function existing(state: MediaOrderState, orderId: string): MediaOrderState {
  if (state.status === 'none') throw notFound('MEDIA_ORDER_NOT_FOUND', `No media order ${orderId}`);
  return state;
}

function requireStatus(state: MediaOrderState, allowed: OrderStatus[], what: string): void {
  if (!allowed.includes(state.status)) throw ruleViolated('ORDER_STATUS', `${what}: the order is ${state.status}`, { status: state.status, allowed });
}

function current(state: MediaOrderState, revision?: number): OrderRevision {
  const r = currentRevisionOf(state) as OrderRevision;
  if (revision !== undefined && r.revision !== revision)
    throw ruleViolated('STALE_REVISION', `Revision ${revision} is not the one under way (${r.revision})`, { currentRevision: r.revision });
  return r;
}

/** The plan lines of this vendor in the plan version; every line bought must be one of them. */
function vendorLines(plan: OrderPlanSnapshot, vendor: { vendorId: string; name: string; aliases: string[] }, inputs: OrderLineInput[]): PlanLineSnapshot[] {
  const names = [vendor.name, ...vendor.aliases].map(norm);
  const own = (l: PlanLineSnapshot) => l.vendor.vendorId === vendor.vendorId || names.includes(norm(l.vendor.name));
  const foreign = inputs.map((i) => plan.lines.find((l) => l.lineId === i.planLineId)).find((l) => l !== undefined && !own(l));
  if (foreign)
    throw ruleViolated(
      'LINE_OF_ANOTHER_VENDOR',
      `Plan line ${foreign.lineId} is bought from ${foreign.vendor.name}, not ${vendor.name}: an order is for one vendor`,
    );
  return plan.lines;
}

function contentOf(
  content: OrderContent,
  plan: OrderPlanSnapshot,
  vendor: { vendorId: string; name: string; aliases: string[] },
  today: string,
  billed: OrderLine[] | null,
) {
  const lines = orderLinesOf(content.lines, vendorLines(plan, vendor, content.lines));
  const totals = totalsOf(lines);
  if (content.materialsDueDate !== null) {
    if (content.materialsDueDate < today)
      throw ruleViolated('MATERIALS_DUE_IN_PAST', `Materials cannot be due ${content.materialsDueDate}, before today (${today})`);
    if (totals.firstDate !== null && content.materialsDueDate > totals.firstDate)
      throw ruleViolated('MATERIALS_DUE_AFTER_AIRING', `Materials are due ${content.materialsDueDate}, after the first unit airs (${totals.firstDate})`);
  }
  if (billed) requireNoReduction(billed, lines);
  return { lines, totals, materialsDueDate: content.materialsDueDate };
}

/** After billing a revision may add, never remove or cheapen a unit: reductions are credits. */
function requireNoReduction(billed: OrderLine[], next: OrderLine[]): void {
  const after = new Map(next.flatMap((l) => l.units.map((u) => [u.unitId, u.netFen] as const)));
  const reduced = billed.flatMap((l) => l.units).find((u) => (after.get(u.unitId) ?? 0) < u.netFen);
  if (reduced)
    throw ruleViolated('REDUCTION_AFTER_BILLING', `Unit ${reduced.unitId} was billed: after billing a reduction is a credit from the vendor, never an edit`);
}

function requireSecondPair(r: OrderRevision, by: Actor, what: string): void {
  requireRole(by, ORDER_SIGNERS, what);
  if (r.contributors.includes(by.userId)) throw forbidden('FOUR_EYES_VIOLATION', `${what} is for a media director who did not draft revision ${r.revision}`);
}

/**
 * Media orders (媒介合同, 媒介购买): drafted by a media manager for one vendor from lines of a
 * client-approved plan version, signed by a media director who did not draft the revision once every
 * gate holds, sent and confirmed by the vendor; a signed order changes only by a revision signed
 * again.
 */
export function decideMediaOrder(command: MediaOrderCommand, state: MediaOrderState): MediaOrderEvent[] {
  switch (command.type) {
    case 'DraftMediaOrder': {
      const { orderId, vendor, plan, contractId, content, today, at, by } = command.data;
      requireRole(by, ORDER_BUYERS, 'Drafting a media order');
      if (state.status !== 'none') throw new AppError('conflict', 'MEDIA_ORDER_ALREADY_EXISTS', `Media order ${orderId} already exists`);
      if (!vendor.exists) throw notFound('VENDOR_NOT_FOUND', `No vendor ${vendor.vendorId}`);
      if (!vendor.active) throw ruleViolated('VENDOR_INACTIVE', `Vendor ${vendor.name} is inactive`);
      if (!plan.exists) throw notFound('PLAN_NOT_FOUND', `No client-approved plan ${plan.planId} version ${plan.version} is known to buying`);
      const { lines, totals, materialsDueDate } = contentOf(content, plan, vendor, today, null);
      const { exists: _e, lines: _l, ...planRef } = plan;
      return [
        {
          type: 'MediaOrderDrafted',
          data: {
            orderId,
            revision: 1,
            vendor: { vendorId: vendor.vendorId, name: vendor.name, terms: vendor.terms },
            plan: planRef,
            contractId,
            lines,
            totals,
            materialsDueDate,
            at,
            by,
          },
        },
      ];
    }
    case 'ReplaceOrderLines': {
      const { orderId, plan, content, today, at, by } = command.data;
      requireRole(by, ORDER_BUYERS, 'Changing a media order');
      requireStatus(existing(state, orderId), ['draft', 'returned'], 'Changing the lines');
      const vendor = { vendorId: state.vendor?.vendorId ?? '', name: state.vendor?.name ?? '', aliases: [] };
      const billed = state.billedFen > 0 ? (signedRevisionOf(state)?.lines ?? null) : null;
      const { lines, totals, materialsDueDate } = contentOf(content, plan, vendor, today, billed);
      return [{ type: 'MediaOrderLinesReplaced', data: { orderId, revision: state.currentRevision, lines, totals, materialsDueDate, at, by } }];
    }
    case 'SubmitMediaOrder': {
      const { orderId, at, by } = command.data;
      requireRole(by, ORDER_BUYERS, 'Submitting a media order');
      requireStatus(existing(state, orderId), ['draft'], 'Submitting');
      return [{ type: 'MediaOrderSubmitted', data: { orderId, revision: state.currentRevision, at, by } }];
    }
    case 'ReturnMediaOrder': {
      const { orderId, revision, reasons, at, by } = command.data;
      requireStatus(existing(state, orderId), ['submitted'], 'Returning');
      requireSecondPair(current(state, revision), by, 'Returning a media order');
      if (reasons.length === 0 || reasons.some(blank)) throw ruleViolated('REASONS_REQUIRED', 'A returned order says why');
      return [{ type: 'MediaOrderReturned', data: { orderId, revision, reasons, at, by } }];
    }
    case 'SignMediaOrder': {
      const { orderId, revision, facts, at, by } = command.data;
      requireStatus(existing(state, orderId), ['submitted'], 'Signing');
      const r = current(state, revision);
      requireSecondPair(r, by, 'Signing a media order');
      const plan = state.plan as OrderPlanRef;
      const check = signingCheck(plan, r, facts);
      if (check.blockers.length > 0)
        throw ruleViolated('SIGNING_BLOCKED', `Revision ${revision} cannot be signed yet: ${check.blockers.map((b) => b.waitingFor).join('; ')}`, {
          blockedBy: check.blockers,
          rateMismatches: check.rateMismatches.slice(0, 100),
          budgetCheck: check.budget,
        });
      const negotiatedUnits = r.lines.flatMap((l) => l.units.filter((u) => u.negotiationNote !== null).map((u) => u.unitId));
      const { vendor, contractId } = state;
      return [
        {
          type: 'MediaOrderSigned',
          data: {
            orderId,
            revision,
            plan,
            vendor: vendor as NonNullable<typeof vendor>,
            contractId,
            totals: r.totals,
            committed: spendByChannelMonth(r.lines),
            negotiatedUnits,
            at,
            by,
          },
        },
      ];
    }
    case 'SendMediaOrder': {
      const { orderId, evidence, advertiser, at, by } = command.data;
      requireRole(by, ORDER_BUYERS, 'Sending a media order');
      requireStatus(existing(state, orderId), ['signed'], 'Sending to the vendor');
      const revision = state.signedRevision;
      const requests = oohRequestsOf(orderId, revision, signedRevisionOf(state)?.lines ?? []);
      const creative = state.materials?.creative ?? null;
      requireCreative(requests, creative);
      const ooh =
        requests.length > 0 && creative
          ? { advertiser, currency: state.plan?.currency ?? 'CNY', creative: { ...creative, files: state.materials?.evidence ?? [] }, requests }
          : null;
      return [{ type: 'MediaOrderSent', data: { orderId, revision, evidence, ...(ooh ? { ooh } : {}), at, by } }];
    }
    case 'RecordOohBookingRefused': {
      const { orderId, requestId, code, reason, at, by } = command.data;
      const request = existing(state, orderId).oohRequests.find((r) => r.requestId === requestId);
      if (!request) throw notFound('OOH_REQUEST_NOT_FOUND', `Order ${orderId} sent no booking request ${requestId}`);
      if (request.refusal) return [];
      return [{ type: 'OohBookingRefused', data: { orderId, requestId, code, reason, at, by } }];
    }
    case 'RecordVendorConfirmation': {
      const { orderId, vendorReference, evidence, at, by } = command.data;
      requireRole(by, ORDER_BUYERS, 'Recording the vendor’s confirmation');
      requireStatus(existing(state, orderId), ['sent'], 'Recording a confirmation');
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The vendor’s confirmation is recorded with its document (signed order, e-mail)');
      return [{ type: 'MediaOrderConfirmed', data: { orderId, revision: state.signedRevision, vendorReference, evidence, at, by } }];
    }
    case 'RecordVendorDecline': {
      const { orderId, reason, evidence, at, by } = command.data;
      requireRole(by, ORDER_BUYERS, 'Recording the vendor’s decline');
      requireStatus(existing(state, orderId), ['sent'], 'Recording a decline');
      requireReason(reason, 'A decline');
      return [{ type: 'MediaOrderDeclined', data: { orderId, revision: state.signedRevision, reason, evidence, at, by } }];
    }
    case 'OpenOrderRevision': {
      const { orderId, reason, at, by } = command.data;
      requireRole(by, ORDER_BUYERS, 'Revising a signed media order');
      requireStatus(existing(state, orderId), ['signed', 'sent', 'confirmed', 'declined'], 'Opening a revision');
      requireReason(reason, 'A revision');
      return [{ type: 'MediaOrderRevisionOpened', data: { orderId, revision: state.currentRevision + 1, reason, at, by } }];
    }
    case 'WithdrawOrderRevision': {
      const { orderId, reason, at, by } = command.data;
      requireRole(by, ORDER_BUYERS, 'Withdrawing a revision');
      requireStatus(existing(state, orderId), ['draft', 'returned'], 'Withdrawing a revision');
      if (state.signedRevision === 0) throw ruleViolated('NOTHING_SIGNED', 'The order was never signed: it is cancelled, not withdrawn to a signed revision');
      requireReason(reason, 'A withdrawn revision');
      const of = (fact: { revision: number } | null) => fact?.revision === state.signedRevision;
      const restoredStatus: OrderStatus = of(state.decline) ? 'declined' : of(state.confirmation) ? 'confirmed' : of(state.sent) ? 'sent' : 'signed';
      return [{ type: 'MediaOrderRevisionWithdrawn', data: { orderId, revision: state.currentRevision, reason, restoredStatus, at, by } }];
    }
    case 'CancelMediaOrder': {
      const { orderId, reason, at, by } = command.data;
      requireRole(by, [...ORDER_BUYERS, ...ORDER_SIGNERS], 'Cancelling a media order');
      requireStatus(existing(state, orderId), ['draft', 'submitted', 'returned', 'declined'], 'Cancelling');
      if (state.billedFen > 0) throw ruleViolated('ORDER_BILLED', 'The vendor was billed for this order: it is reduced by a credit, not cancelled');
      requireReason(reason, 'A cancellation');
      return [{ type: 'MediaOrderCancelled', data: { orderId, reason, at, by } }];
    }
    case 'RecordMaterialsSent': {
      const { orderId, sentOn, note, evidence, creative, today, at, by } = command.data;
      requireRole(by, ORDER_BUYERS, 'Recording materials sent');
      existing(state, orderId);
      if (state.signedRevision === 0 || state.status === 'cancelled')
        throw ruleViolated('ORDER_NOT_SIGNED', 'Materials go to the media owner once the order is signed');
      if (state.materials) throw ruleViolated('MATERIALS_ALREADY_SENT', `Materials were sent on ${state.materials.sentOn}`);
      if (sentOn > today) throw ruleViolated('SENT_IN_FUTURE', `Materials cannot be recorded as sent on ${sentOn}, after today (${today})`);
      const signedOn = signedRevisionOf(state)?.signedAt?.slice(0, 10) ?? today;
      if (sentOn < addDays(signedOn, -1)) throw ruleViolated('SENT_BEFORE_SIGNING', `Materials are recorded from the day the order was signed (${signedOn})`);
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'Sent materials are recorded with proof (courier receipt, upload confirmation)');
      const dueDate = signedRevisionOf(state)?.materialsDueDate ?? null;
      if (creative !== null && blank(creative.description)) throw ruleViolated('CREATIVE_DESCRIPTION_REQUIRED', 'The creative says what it is');
      const late = dueDate !== null && sentOn > dueDate;
      return [{ type: 'MaterialsSent', data: { orderId, sentOn, dueDate, late, note, evidence, ...(creative ? { creative } : {}), at, by } }];
    }
    case 'FlagMaterialsLate': {
      const { orderId, today, at, by } = command.data;
      existing(state, orderId);
      const dueDate = signedRevisionOf(state)?.materialsDueDate ?? null;
      if (state.materials || state.materialsLateFlaggedOn || dueDate === null || today <= dueDate || state.status === 'cancelled') return [];
      return [{ type: 'MaterialsLateFlagged', data: { orderId, dueDate, flaggedOn: today, at, by } }];
    }
    case 'RequestVendorPayment': {
      const { orderId, requestId, milestone, today, at, by } = command.data;
      requireRole(by, ORDER_BUYERS, 'Requesting a vendor payment');
      existing(state, orderId);
      if (state.payments.some((p) => p.milestone === milestone)) throw ruleViolated('PAYMENT_ALREADY_REQUESTED', `The ${milestone} was already requested`);
      const signed = signedRevisionOf(state);
      const vendor = state.vendor as NonNullable<MediaOrderState['vendor']>;
      if (state.status !== 'confirmed' || !signed)
        throw ruleViolated('ORDER_NOT_CONFIRMED', 'No purchase before the order is signed and confirmed by the vendor', {
          blockedBy: [blocker('vendor-confirmation', 'The vendor’s confirmation of the signed order', ORDER_BUYERS)],
        });
      // The balance is paid against the vendor's approved invoice, less this prepayment (never twice).
      if (vendor.terms.prepaymentPercent === 0)
        throw ruleViolated('NO_PREPAYMENT_TERMS', `${vendor.name} is not paid in advance: it is paid against its approved invoice`);
      const amountFen = percentOf(signed.totals.netFen, vendor.terms.prepaymentPercent);
      return [paymentRequested(state, requestId, milestone, amountFen, today, at, by)];
    }
    case 'RecordVendorPaymentPaid': {
      const { orderId, requestId, payableId, reference, paidOn, at, by } = command.data;
      const payment = existing(state, orderId).payments.find((p) => p.requestId === requestId);
      if (!payment) throw notFound('PAYMENT_REQUEST_NOT_FOUND', `Order ${orderId} has no payment request ${requestId}`);
      if (payment.paid) return [];
      return [{ type: 'VendorPaymentPaid', data: { orderId, requestId, payableId, reference, paidOn, at, by } }];
    }
    case 'ApplyVendorInvoice': {
      const { orderId, invoiceId, invoiceNumber, unitIds, payableFen, prepaymentDeductedFen, at, by } = command.data;
      if (existing(state, orderId).invoices.some((i) => i.invoiceId === invoiceId)) return [];
      return [{ type: 'VendorInvoiceApplied', data: { orderId, invoiceId, invoiceNumber, unitIds, payableFen, prepaymentDeductedFen, at, by } }];
    }
    case 'RecordUnitProofs':
    case 'OfferMakegood':
    case 'AcceptMakegood':
    case 'RejectMakegood':
    case 'DeliverProofPack':
    case 'RecordProofAcknowledgement':
    case 'RecordAudienceDelivery':
      return decideDelivery(command, existing(state, command.data.orderId));
  }
}

function paymentRequested(
  state: MediaOrderState,
  requestId: string,
  milestone: 'prepayment',
  amountFen: number,
  dueDate: string,
  at: string,
  by: Actor,
): MediaOrderEvent {
  const vendor = state.vendor as NonNullable<MediaOrderState['vendor']>;
  return {
    type: 'VendorPaymentRequested',
    data: { orderId: state.orderId, requestId, vendor, milestone, amountFen, currency: state.plan?.currency ?? 'CNY', dueDate, at, by },
  };
}

export const mediaOrderDecider: Decider<MediaOrderCommand, MediaOrderEvent, MediaOrderState> = {
  decide: decideMediaOrder,
  evolve: evolveMediaOrder,
  initialState: initialMediaOrderState,
};

/** Why the order cannot move on, and who can release it. */
export function orderBlockers(state: MediaOrderState): Blocker[] {
  const r = currentRevisionOf(state);
  switch (state.status) {
    case 'draft':
      return [blocker('submission', `Revision ${r?.revision} to be submitted for signature`, ORDER_BUYERS)];
    case 'submitted':
      return [
        blocker(
          'signature',
          `Signature of revision ${r?.revision} by a media director who did not draft it, once the client contract, plan approval, budget and rate cards allow it`,
          ORDER_SIGNERS,
        ),
      ];
    case 'returned':
      return [blocker('revision', `Changes answering: ${r?.returned?.reasons.join('; ')}`, ORDER_BUYERS)];
    case 'signed':
      return [blocker('sending', 'The signed order to be sent to the vendor', ORDER_BUYERS)];
    case 'sent':
      if (oohBlockers(state.oohRequests, state.signedRevision).length > 0) return oohBlockers(state.oohRequests, state.signedRevision);
      return [blocker('vendor-confirmation', `${state.vendor?.name} to confirm or decline the order (recorded with its document)`, ORDER_BUYERS)];
    case 'declined':
      return [blocker('revision', `A revision answering the vendor’s decline: ${state.decline?.reason}`, ORDER_BUYERS)];
    case 'none':
    case 'confirmed':
    case 'cancelled':
      return [];
  }
}
