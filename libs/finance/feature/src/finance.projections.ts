import { entityProjection } from '@ooh/eventing';
import { expenseDecider, payableDecider, receivableDecider } from '@ooh/finance-domain';

export const RECEIVABLES = 'finance_receivables';
export const PAYABLES = 'finance_payables';
export const EXPENSES = 'finance_expenses';

export const receivablesProjection = entityProjection({
  name: 'finance.receivables',
  collection: RECEIVABLES,
  category: 'finance.receivable',
  indexes: [['status', 'dueDate'], ['client.name'], ['source.id']],
  decider: receivableDecider,
  id: (e) => e.data.receivableId,
});

export const payablesProjection = entityProjection({
  name: 'finance.payables',
  collection: PAYABLES,
  category: 'finance.payable',
  indexes: [['status', 'dueDate'], ['vendor.vendorId']],
  decider: payableDecider,
  id: (e) => e.data.payableId,
});

export const expensesProjection = entityProjection({
  name: 'finance.expenses',
  collection: EXPENSES,
  category: 'finance.expense',
  indexes: [['month', 'department'], ['status']],
  decider: expenseDecider,
  id: (e) => e.data.expenseId,
});
