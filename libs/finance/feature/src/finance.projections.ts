import { aggregateProjection } from '@ooh/eventing';
import {
  evolveExpense,
  evolvePayable,
  evolveReceivable,
  initialExpenseState,
  initialPayableState,
  initialReceivableState,
  type ExpenseEvent,
  type PayableEvent,
  type ReceivableEvent,
} from '@ooh/finance-domain';

export const RECEIVABLES = 'finance_receivables';
export const PAYABLES = 'finance_payables';
export const EXPENSES = 'finance_expenses';

export const receivablesProjection = aggregateProjection<ReceivableEvent, ReturnType<typeof initialReceivableState>>({
  name: 'finance.receivables',
  collection: RECEIVABLES,
  category: 'finance.receivable',
  indexes: [['status', 'dueDate'], ['client.name'], ['source.id']],
  initialState: initialReceivableState,
  evolve: evolveReceivable,
  id: (e) => e.data.receivableId,
});

export const payablesProjection = aggregateProjection<PayableEvent, ReturnType<typeof initialPayableState>>({
  name: 'finance.payables',
  collection: PAYABLES,
  category: 'finance.payable',
  indexes: [['status', 'dueDate'], ['vendor.vendorId']],
  initialState: initialPayableState,
  evolve: evolvePayable,
  id: (e) => e.data.payableId,
});

export const expensesProjection = aggregateProjection<ExpenseEvent, ReturnType<typeof initialExpenseState>>({
  name: 'finance.expenses',
  collection: EXPENSES,
  category: 'finance.expense',
  indexes: [['month', 'department'], ['status']],
  initialState: initialExpenseState,
  evolve: evolveExpense,
  id: (e) => e.data.expenseId,
});
