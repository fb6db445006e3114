import { assertNever, notFound, requireSecondPerson, ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import { decideApproval, decideRejection, needsExecutiveApproval } from '../approval';
import { localDate, requireCalendarDate as requireDate, requireFactDate } from '@ooh/calendar';
import { isBlank, requireAmount, requireCurrency, requireThreshold, type SourceRef } from '../shared';
import { evolvePayable, initialPayableState, type PayableEvent, type PayableState, type Vendor } from './payable.events';

export type RequestPayable = Command<
  'RequestPayable',
  {
    payableId: string;
    vendor: Vendor;
    source: SourceRef | null;
    milestone: string;
    amountFen: number;
    currency: string;
    dueDate?: string | null;
    purpose: string;
    /** The department person who asked; for integration-event requests, the event's requester. */
    requestedBy: Actor;
    /** Configuration: above this amount (strictly) an executive approval is needed too. */
    executiveThresholdFen: number;
    at: string;
    by: Actor;
  }
>;
/** `by.role` picks the approval: 'finance' or 'executive'. */
export type ApprovePayable = Command<'ApprovePayable', { payableId: string; at: string; by: Actor }>;
export type RejectPayable = Command<'RejectPayable', { payableId: string; reason: string; at: string; by: Actor }>;
/** `timeZone`: the operator's, in which the payment date is judged against today and the approval. */
export type PayPayable = Command<'PayPayable', { payableId: string; paymentReference: string; paidOn: string; timeZone: string; at: string; by: Actor }>;

export type PayableCommand = RequestPayable | ApprovePayable | RejectPayable | PayPayable;

function requirePayable(state: PayableState, payableId: string): void {
  if (state.status === 'none') throw notFound('PAYABLE_NOT_FOUND', `Payable ${payableId} does not exist`);
}

export function decidePayable(command: PayableCommand, state: PayableState): PayableEvent[] {
  switch (command.type) {
    case 'RequestPayable': {
      const { payableId, vendor, source, milestone, amountFen, currency, dueDate, purpose, requestedBy, executiveThresholdFen, at, by } = command.data;
      if (state.status !== 'none') return [];
      requireAmount(amountFen, 'A payable');
      requireCurrency(currency);
      if (dueDate != null) requireDate(dueDate);
      requireThreshold(executiveThresholdFen);
      return [
        {
          type: 'PayableRequested',
          data: {
            payableId,
            vendor: { vendorId: vendor.vendorId, name: vendor.name },
            source: source ? { context: source.context, kind: source.kind, id: source.id } : null,
            milestone,
            amountFen,
            currency,
            dueDate: dueDate ?? null,
            purpose,
            requestedBy,
            executiveThresholdFen,
            needsExecutive: needsExecutiveApproval(amountFen, executiveThresholdFen),
            at,
            by,
          },
        },
      ];
    }
    case 'ApprovePayable': {
      const { payableId, at, by } = command.data;
      requirePayable(state, payableId);
      const decision = decideApproval(state, by, `payable ${payableId}`);
      if (!decision.record) return [];
      const events: PayableEvent[] = [
        decision.kind === 'finance' ? { type: 'FinanceApproved', data: { payableId, at, by } } : { type: 'ExecutiveApproved', data: { payableId, at, by } },
      ];
      if (decision.completes) {
        events.push({
          type: 'PayableApproved',
          data: {
            payableId,
            amountFen: state.amountFen,
            currency: state.currency,
            financeApprovedBy: decision.kind === 'finance' ? by.userId : state.financeApprovedBy!,
            executiveApprovedBy: decision.kind === 'executive' ? by.userId : state.executiveApprovedBy,
            at,
            by,
          },
        });
      }
      return events;
    }
    case 'RejectPayable': {
      const { payableId, reason, at, by } = command.data;
      requirePayable(state, payableId);
      decideRejection(state, by, reason, `payable ${payableId}`);
      return [{ type: 'PayableRejected', data: { payableId, reason, at, by } }];
    }
    case 'PayPayable': {
      const { payableId, paymentReference, paidOn, timeZone, at, by } = command.data;
      requirePayable(state, payableId);
      if (state.status === 'paid') return [];
      if (state.status !== 'approved') {
        throw ruleViolated('NOT_APPROVED', `Payable ${payableId} is ${state.status}; nothing is paid before every required approval`);
      }
      requireSecondPerson(by, state.requestedBy, `Paying payable ${payableId}`);
      if (isBlank(paymentReference)) throw ruleViolated('REFERENCE_REQUIRED', 'Paying a payable needs the payment reference');
      requireFactDate(paidOn, 'Paid on', {
        today: localDate(at, timeZone),
        earliest: state.approvedAt
          ? { date: localDate(state.approvedAt, timeZone), code: 'PAID_BEFORE_APPROVAL', because: 'the day every required approval was given' }
          : undefined,
      });
      return [
        {
          type: 'PayablePaid',
          data: {
            payableId,
            source: state.source ? { ...state.source } : null,
            vendor: { ...state.vendor },
            milestone: state.milestone,
            amountFen: state.amountFen,
            currency: state.currency,
            paymentReference,
            paidOn,
            at,
            by,
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

export const payableDecider: Decider<PayableCommand, PayableEvent, PayableState> = {
  decide: decidePayable,
  evolve: evolvePayable,
  initialState: initialPayableState,
};
