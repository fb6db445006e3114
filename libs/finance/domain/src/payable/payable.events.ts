import { localDate } from '@ooh/calendar';
import type { Actor, DomainEvent } from '@ooh/eventing';
import { statusAfterPartialApproval } from '../approval';
import type { SourceRef } from '../shared';

/**
 * 应付: money owed to a vendor (media owner, production house, printer, installer).
 * 'finance-approved' / 'executive-approved' are partial approvals of a payable above the executive threshold.
 */
export type PayableStatus = 'none' | 'requested' | 'finance-approved' | 'executive-approved' | 'approved' | 'paid' | 'rejected';

export interface Vendor {
  vendorId: string;
  name: string;
}

export type PayableRequested = DomainEvent<
  'PayableRequested',
  {
    payableId: string;
    vendor: Vendor;
    source: SourceRef | null;
    milestone: string;
    amountFen: number;
    currency: string;
    dueDate: string | null;
    purpose: string;
    /** The department person who asked (for integration-event requests, the event's requester). */
    requestedBy: Actor;
    executiveThresholdFen: number;
    needsExecutive: boolean;
    at: string;
    by: Actor;
  }
>;
export type FinanceApproved = DomainEvent<'FinanceApproved', { payableId: string; at: string; by: Actor }>;
export type ExecutiveApproved = DomainEvent<'ExecutiveApproved', { payableId: string; at: string; by: Actor }>;
/** Every required approval is in; `by` gave the last one. */
export type PayableApproved = DomainEvent<
  'PayableApproved',
  {
    payableId: string;
    amountFen: number;
    currency: string;
    financeApprovedBy: string;
    executiveApprovedBy: string | null;
    at: string;
    by: Actor;
  }
>;
export type PayableRejected = DomainEvent<'PayableRejected', { payableId: string; reason: string; at: string; by: Actor }>;
export type PayablePaid = DomainEvent<
  'PayablePaid',
  {
    payableId: string;
    source: SourceRef | null;
    vendor: Vendor;
    milestone: string;
    amountFen: number;
    currency: string;
    paymentReference: string;
    paidOn: string;
    at: string;
    by: Actor;
  }
>;

export type PayableEvent = PayableRequested | FinanceApproved | ExecutiveApproved | PayableApproved | PayableRejected | PayablePaid;

export interface PayableState {
  status: PayableStatus;
  payableId: string;
  vendor: Vendor;
  source: SourceRef | null;
  milestone: string;
  amountFen: number;
  currency: string;
  dueDate: string | null;
  purpose: string;
  needsExecutive: boolean;
  /** userIds: the four-eyes checks compare people, not roles. */
  requestedBy: string;
  financeApprovedBy: string | null;
  executiveApprovedBy: string | null;
  rejectedBy: string | null;
  rejectionReason: string | null;
  paymentReference: string | null;
  paidOn: string | null;
  requestedAt: string;
  approvedAt: string | null;
}

export const initialPayableState = (): PayableState => ({
  status: 'none',
  payableId: '',
  vendor: { vendorId: '', name: '' },
  source: null,
  milestone: '',
  amountFen: 0,
  currency: '',
  dueDate: null,
  purpose: '',
  needsExecutive: false,
  requestedBy: '',
  financeApprovedBy: null,
  executiveApprovedBy: null,
  rejectedBy: null,
  rejectionReason: null,
  paymentReference: null,
  paidOn: null,
  requestedAt: '',
  approvedAt: null,
});

export function evolvePayable(state: PayableState, event: PayableEvent): PayableState {
  switch (event.type) {
    case 'PayableRequested': {
      const { payableId, vendor, source, milestone, amountFen, currency, dueDate, purpose, needsExecutive, requestedBy, at } = event.data;
      return {
        ...initialPayableState(),
        status: 'requested',
        payableId,
        vendor: { ...vendor },
        source: source ? { ...source } : null,
        milestone,
        amountFen,
        currency,
        dueDate,
        purpose,
        needsExecutive,
        requestedBy: requestedBy.userId,
        requestedAt: at,
      };
    }
    case 'FinanceApproved':
      return { ...state, status: statusAfterPartialApproval(state.status, 'finance'), financeApprovedBy: event.data.by.userId };
    case 'ExecutiveApproved':
      return { ...state, status: statusAfterPartialApproval(state.status, 'executive'), executiveApprovedBy: event.data.by.userId };
    case 'PayableApproved':
      return { ...state, status: 'approved', approvedAt: event.data.at };
    case 'PayableRejected':
      return { ...state, status: 'rejected', rejectedBy: event.data.by.userId, rejectionReason: event.data.reason };
    case 'PayablePaid':
      return { ...state, status: 'paid', paymentReference: event.data.paymentReference, paidOn: event.data.paidOn };
    default:
      return state;
  }
}

/** When a payable is due: its own due date, or the local date it was requested (pay on request). */
export function payableDueOn(payable: Pick<PayableState, 'dueDate' | 'requestedAt'>, timeZone: string): string {
  return payable.dueDate ?? localDate(payable.requestedAt, timeZone);
}
