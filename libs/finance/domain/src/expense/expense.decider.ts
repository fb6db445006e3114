import {
  AppError,
  assertNever,
  forbidden,
  notFound,
  requireSecondPerson,
  ruleViolated,
  type Actor,
  type Command,
  type Decider,
  type EvidenceRef,
} from '@ooh/eventing';
import { decideApproval, decideRejection, needsExecutiveApproval } from '../approval';
import { localDate, monthOf, requireFactDate } from '@ooh/calendar';
import { isBlank, requireAmount, requireCurrency, requireSameCurrency, requireThreshold } from '../shared';
import { evolveExpense, initialExpenseState, type Department, type ExpenseCategory, type ExpenseEvent, type ExpenseState } from './expense.events';

/** `by` is the requester. */
export type RequestExpense = Command<
  'RequestExpense',
  {
    expenseId: string;
    department: Department;
    category: ExpenseCategory;
    amountFen: number;
    currency: string;
    purpose: string;
    /** Configuration: above this amount (strictly) an executive approval is needed too. */
    executiveThresholdFen: number;
    at: string;
    by: Actor;
  }
>;
/** `by.role` picks the approval: 'finance' or 'executive'. */
export type ApproveExpense = Command<'ApproveExpense', { expenseId: string; at: string; by: Actor }>;
export type RejectExpense = Command<'RejectExpense', { expenseId: string; reason: string; at: string; by: Actor }>;
export type RecordExpenseIncurred = Command<
  'RecordExpenseIncurred',
  { expenseId: string; amountFen: number; currency: string; incurredOn: string; receipt: EvidenceRef[]; timeZone: string; at: string; by: Actor }
>;
/** Only the requester, and only before anything is spent. */
export type WithdrawExpense = Command<'WithdrawExpense', { expenseId: string; reason: string; at: string; by: Actor }>;
export type ReimburseExpense = Command<'ReimburseExpense', { expenseId: string; paymentReference: string; at: string; by: Actor }>;

export type ExpenseCommand = RequestExpense | ApproveExpense | RejectExpense | WithdrawExpense | RecordExpenseIncurred | ReimburseExpense;

function requireExpense(state: ExpenseState, expenseId: string): void {
  if (state.status === 'none') throw notFound('EXPENSE_NOT_FOUND', `Expense ${expenseId} does not exist`);
}

export function decideExpense(command: ExpenseCommand, state: ExpenseState): ExpenseEvent[] {
  switch (command.type) {
    case 'RequestExpense': {
      const { expenseId, department, category, amountFen, currency, purpose, executiveThresholdFen, at, by } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'EXPENSE_EXISTS', `Expense ${expenseId} already exists`);
      requireAmount(amountFen, 'An expense');
      requireCurrency(currency);
      if (isBlank(purpose)) throw ruleViolated('PURPOSE_REQUIRED', 'An expense needs a purpose');
      requireThreshold(executiveThresholdFen);
      return [
        {
          type: 'ExpenseRequested',
          data: {
            expenseId,
            department,
            category,
            amountFen,
            currency,
            purpose,
            executiveThresholdFen,
            needsExecutive: needsExecutiveApproval(amountFen, executiveThresholdFen),
            at,
            by,
          },
        },
      ];
    }
    case 'ApproveExpense': {
      const { expenseId, at, by } = command.data;
      requireExpense(state, expenseId);
      const decision = decideApproval(state, by, `expense ${expenseId}`);
      if (!decision.record) return [];
      const events: ExpenseEvent[] = [
        decision.kind === 'finance'
          ? { type: 'ExpenseFinanceApproved', data: { expenseId, at, by } }
          : { type: 'ExpenseExecutiveApproved', data: { expenseId, at, by } },
      ];
      if (decision.completes) {
        events.push({
          type: 'ExpenseApproved',
          data: {
            expenseId,
            amountFen: state.requestedAmountFen,
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
    case 'RejectExpense': {
      const { expenseId, reason, at, by } = command.data;
      requireExpense(state, expenseId);
      decideRejection(state, by, reason, `expense ${expenseId}`);
      return [{ type: 'ExpenseRejected', data: { expenseId, reason, at, by } }];
    }
    case 'WithdrawExpense': {
      const { expenseId, reason, at, by } = command.data;
      requireExpense(state, expenseId);
      if (by.userId !== state.requestedBy)
        throw forbidden('NOT_THE_REQUESTER', `Only ${state.requestedBy}, who requested expense ${expenseId}, can withdraw it`);
      if (!['requested', 'finance-approved', 'executive-approved', 'approved'].includes(state.status)) {
        throw ruleViolated('NOT_WITHDRAWABLE', `Expense ${expenseId} is ${state.status}; only an expense not yet spent or decided against can be withdrawn`);
      }
      if (isBlank(reason)) throw ruleViolated('REASON_REQUIRED', 'Withdrawing an expense needs a reason');
      return [{ type: 'ExpenseWithdrawn', data: { expenseId, reason, at, by } }];
    }
    case 'RecordExpenseIncurred': {
      const { expenseId, amountFen, currency, incurredOn, receipt, timeZone, at, by } = command.data;
      requireExpense(state, expenseId);
      // The requester records what was spent; finance may do it for them (a receipt handed in). Nobody else.
      if (by.userId !== state.requestedBy && by.role !== 'finance') {
        throw forbidden('NOT_THE_REQUESTER', `Only ${state.requestedBy}, who requested expense ${expenseId}, or finance records it as incurred`);
      }
      if (state.status === 'incurred' || state.status === 'reimbursed') {
        throw ruleViolated('ALREADY_INCURRED', `Expense ${expenseId} is already recorded as incurred`);
      }
      if (state.status !== 'approved') {
        throw ruleViolated('NOT_APPROVED', `Expense ${expenseId} is ${state.status}; nothing is spent without prior approval`);
      }
      requireAmount(amountFen, 'An expense');
      requireCurrency(currency);
      requireSameCurrency(state.currency, currency, 'The expense');
      if (amountFen > state.requestedAmountFen) {
        throw ruleViolated('EXCEEDS_APPROVED_AMOUNT', `Expense ${expenseId} spent ${amountFen} fen, above the ${state.requestedAmountFen} fen approved`, {
          approvedAmountFen: state.requestedAmountFen,
        });
      }
      if (!receipt || receipt.length === 0) throw ruleViolated('RECEIPT_REQUIRED', 'Recording an expense needs at least one receipt');
      requireFactDate(incurredOn, 'Incurred on', {
        today: localDate(at, timeZone),
        earliest: state.approvedAt
          ? {
              date: localDate(state.approvedAt, timeZone),
              code: 'SPENT_BEFORE_APPROVAL',
              because: 'the day it was approved: nothing is spent without prior approval',
            }
          : undefined,
      });
      const month = monthOf(incurredOn);
      return [
        {
          type: 'ExpenseIncurred',
          data: {
            expenseId,
            department: state.department,
            category: state.category,
            amountFen,
            currency,
            approvedAmountFen: state.requestedAmountFen,
            incurredOn,
            month,
            receipt: [...receipt],
            at,
            by,
          },
        },
      ];
    }
    case 'ReimburseExpense': {
      const { expenseId, paymentReference, at, by } = command.data;
      requireExpense(state, expenseId);
      if (state.status === 'reimbursed') return [];
      if (state.status !== 'incurred') {
        throw ruleViolated('NOT_INCURRED', `Expense ${expenseId} is ${state.status}; only an incurred expense is reimbursed`);
      }
      requireSecondPerson(by, state.requestedBy, `Reimbursing expense ${expenseId}`);
      if (isBlank(paymentReference)) throw ruleViolated('REFERENCE_REQUIRED', 'Reimbursing an expense needs the payment reference');
      return [
        {
          type: 'ExpenseReimbursed',
          data: {
            expenseId,
            amountFen: state.actualAmountFen!,
            currency: state.currency,
            reimbursedTo: state.requestedBy,
            paymentReference,
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

export const expenseDecider: Decider<ExpenseCommand, ExpenseEvent, ExpenseState> = {
  decide: decideExpense,
  evolve: evolveExpense,
  initialState: initialExpenseState,
};
