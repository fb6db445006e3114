import { forbidden, requireSecondPerson, ruleViolated, type Actor } from '@ooh/eventing';
import { isBlank } from './shared';

/**
 * Approval rules shared by payables and expenses:
 * - a finance approval is always required; an executive approval too when the amount is above the threshold;
 * - only the 'finance' and 'executive' roles approve or reject;
 * - four-eyes on the person: never the requester, and the finance and executive approvers are two different people.
 */
export type ApprovalKind = 'finance' | 'executive';

/** The statuses in which approvals are still being collected. */
export type AwaitingApprovalStatus = 'requested' | 'finance-approved' | 'executive-approved';

export interface ApprovalSnapshot {
  status: string;
  /** userId of the person who asked. */
  requestedBy: string;
  financeApprovedBy: string | null;
  executiveApprovedBy: string | null;
  needsExecutive: boolean;
}

export const isAwaitingApproval = (status: string): status is AwaitingApprovalStatus =>
  status === 'requested' || status === 'finance-approved' || status === 'executive-approved';

/** Above the threshold (strictly) both approvals are needed. */
export const needsExecutiveApproval = (amountFen: number, executiveThresholdFen: number): boolean => amountFen > executiveThresholdFen;

export function approvalKindOf(by: Actor, action: string): ApprovalKind {
  if (by.role === 'finance' || by.role === 'executive') return by.role;
  throw forbidden('ROLE_CANNOT_APPROVE', `The ${by.role} role cannot ${action}; only finance or an executive can`);
}

/** The status a partial approval leads to (the completing one is followed by the *Approved event). */
export const statusAfterPartialApproval = <S extends string>(status: S, kind: ApprovalKind): S | AwaitingApprovalStatus =>
  status === 'requested' ? (kind === 'finance' ? 'finance-approved' : 'executive-approved') : status;

export type ApprovalDecision = { record: false } | { record: true; kind: ApprovalKind; completes: boolean };

export function decideApproval(state: ApprovalSnapshot, by: Actor, what: string): ApprovalDecision {
  const kind = approvalKindOf(by, `approve ${what}`);
  requireSecondPerson(by, state.requestedBy, `Approving ${what}`);
  if (kind === 'executive' && !state.needsExecutive) {
    throw ruleViolated('EXECUTIVE_APPROVAL_NOT_NEEDED', `${capitalise(what)} is within the threshold; finance approval alone is enough`);
  }
  const mine = kind === 'finance' ? state.financeApprovedBy : state.executiveApprovedBy;
  if (mine !== null) return { record: false };
  if (!isAwaitingApproval(state.status)) throw ruleViolated('NOT_AWAITING_APPROVAL', `${capitalise(what)} is ${state.status}, not awaiting approval`);
  const other = kind === 'finance' ? state.executiveApprovedBy : state.financeApprovedBy;
  requireSecondPerson(by, other ?? undefined, `The ${kind} approval of ${what}`);
  const completes = kind === 'finance' ? !state.needsExecutive || other !== null : other !== null;
  return { record: true, kind, completes };
}

/** Validates a rejection and returns the reason. */
export function decideRejection(state: ApprovalSnapshot, by: Actor, reason: string, what: string): string {
  approvalKindOf(by, `reject ${what}`);
  if (!isAwaitingApproval(state.status)) throw ruleViolated('NOT_AWAITING_APPROVAL', `${capitalise(what)} is ${state.status}, not awaiting approval`);
  requireSecondPerson(by, state.requestedBy, `Rejecting ${what}`);
  if (isBlank(reason)) throw ruleViolated('REASON_REQUIRED', `Rejecting ${what} needs a reason`);
  return reason;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
