import type { Actor, DomainEvent, EvidenceRef } from '@ooh/eventing';
import { statusAfterPartialApproval } from '../approval';

/**
 * 账务开销: a department's own spending, approved before it is spent, then reimbursed.
 * 'finance-approved' / 'executive-approved' are partial approvals of an expense above the executive threshold.
 */
export type ExpenseStatus =
  'none' | 'requested' | 'finance-approved' | 'executive-approved' | 'approved' | 'rejected' | 'withdrawn' | 'incurred' | 'reimbursed';

export type Department = 'operations' | 'media' | 'production' | 'accounts' | 'sales' | 'finance' | 'admin';
export type ExpenseCategory = 'office' | 'travel' | 'ad-production' | 'installation' | 'maintenance' | 'electricity' | 'other';

export type ExpenseRequested = DomainEvent<
  'ExpenseRequested',
  {
    expenseId: string;
    department: Department;
    category: ExpenseCategory;
    amountFen: number;
    currency: string;
    purpose: string;
    executiveThresholdFen: number;
    needsExecutive: boolean;
    at: string;
    by: Actor;
  }
>;
export type ExpenseFinanceApproved = DomainEvent<'ExpenseFinanceApproved', { expenseId: string; at: string; by: Actor }>;
export type ExpenseExecutiveApproved = DomainEvent<'ExpenseExecutiveApproved', { expenseId: string; at: string; by: Actor }>;
/** Every required approval is in; `by` gave the last one. */
export type ExpenseApproved = DomainEvent<
  'ExpenseApproved',
  {
    expenseId: string;
    amountFen: number;
    currency: string;
    financeApprovedBy: string;
    executiveApprovedBy: string | null;
    at: string;
    by: Actor;
  }
>;
export type ExpenseRejected = DomainEvent<'ExpenseRejected', { expenseId: string; reason: string; at: string; by: Actor }>;
/** The actual spend; `month` ('YYYY-MM' of `incurredOn`) is the ledger month. */
export type ExpenseIncurred = DomainEvent<
  'ExpenseIncurred',
  {
    expenseId: string;
    department: Department;
    category: ExpenseCategory;
    amountFen: number;
    currency: string;
    approvedAmountFen: number;
    incurredOn: string;
    month: string;
    receipt: EvidenceRef[];
    at: string;
    by: Actor;
  }
>;
export type ExpenseReimbursed = DomainEvent<
  'ExpenseReimbursed',
  {
    expenseId: string;
    amountFen: number;
    currency: string;
    /** userId of the requester who is paid back. */
    reimbursedTo: string;
    paymentReference: string;
    at: string;
    by: Actor;
  }
>;

/** The requester took the request back before anything was spent. */
export type ExpenseWithdrawn = DomainEvent<'ExpenseWithdrawn', { expenseId: string; reason: string; at: string; by: Actor }>;

export type ExpenseEvent =
  | ExpenseRequested
  | ExpenseFinanceApproved
  | ExpenseExecutiveApproved
  | ExpenseApproved
  | ExpenseRejected
  | ExpenseWithdrawn
  | ExpenseIncurred
  | ExpenseReimbursed;

export interface ExpenseState {
  status: ExpenseStatus;
  expenseId: string;
  department: Department;
  category: ExpenseCategory;
  currency: string;
  purpose: string;
  /** The approved ceiling. */
  requestedAmountFen: number;
  actualAmountFen: number | null;
  needsExecutive: boolean;
  /** userIds: the four-eyes checks compare people, not roles. */
  requestedBy: string;
  financeApprovedBy: string | null;
  executiveApprovedBy: string | null;
  rejectedBy: string | null;
  rejectionReason: string | null;
  withdrawalReason?: string;
  /** Who recorded what was spent: the requester, or finance for them. */
  incurredBy?: string;
  incurredOn: string | null;
  /** 'YYYY-MM' of incurredOn, for the ledger. */
  month: string | null;
  receipt: EvidenceRef[];
  paymentReference: string | null;
  requestedAt: string;
  approvedAt: string | null;
  reimbursedAt: string | null;
}

export const initialExpenseState = (): ExpenseState => ({
  status: 'none',
  expenseId: '',
  department: 'admin',
  category: 'other',
  currency: '',
  purpose: '',
  requestedAmountFen: 0,
  actualAmountFen: null,
  needsExecutive: false,
  requestedBy: '',
  financeApprovedBy: null,
  executiveApprovedBy: null,
  rejectedBy: null,
  rejectionReason: null,
  incurredOn: null,
  month: null,
  receipt: [],
  paymentReference: null,
  requestedAt: '',
  approvedAt: null,
  reimbursedAt: null,
});

export function evolveExpense(state: ExpenseState, event: ExpenseEvent): ExpenseState {
  switch (event.type) {
    case 'ExpenseRequested': {
      const { expenseId, department, category, amountFen, currency, purpose, needsExecutive, at, by } = event.data;
      return {
        ...initialExpenseState(),
        status: 'requested',
        expenseId,
        department,
        category,
        currency,
        purpose,
        requestedAmountFen: amountFen,
        needsExecutive,
        requestedBy: by.userId,
        requestedAt: at,
      };
    }
    case 'ExpenseFinanceApproved':
      return { ...state, status: statusAfterPartialApproval(state.status, 'finance'), financeApprovedBy: event.data.by.userId };
    case 'ExpenseExecutiveApproved':
      return { ...state, status: statusAfterPartialApproval(state.status, 'executive'), executiveApprovedBy: event.data.by.userId };
    case 'ExpenseApproved':
      return { ...state, status: 'approved', approvedAt: event.data.at };
    case 'ExpenseRejected':
      return { ...state, status: 'rejected', rejectedBy: event.data.by.userId, rejectionReason: event.data.reason };
    case 'ExpenseWithdrawn':
      return { ...state, status: 'withdrawn', withdrawalReason: event.data.reason };
    case 'ExpenseIncurred': {
      const { amountFen, incurredOn, month, receipt, by } = event.data;
      return { ...state, status: 'incurred', actualAmountFen: amountFen, incurredOn, month, receipt: [...receipt], incurredBy: by.userId };
    }
    case 'ExpenseReimbursed':
      return { ...state, status: 'reimbursed', paymentReference: event.data.paymentReference, reimbursedAt: event.data.at };
    default:
      return state;
  }
}
