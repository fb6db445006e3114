import { defineAggregate } from '@ooh/eventing';
import { expenseDecider } from './expense/expense.decider';
import { payableDecider } from './payable/payable.decider';
import { receivableDecider } from './receivable/receivable.decider';
import { expenseStream, payableStream, receivableStream } from './shared';

/** The finance aggregates: each decider with its streams, the field of its id and its "not found" code. */
export const receivableAggregate = defineAggregate({
  name: 'receivable',
  decider: receivableDecider,
  stream: receivableStream,
  idField: 'receivableId',
  notFoundCode: 'RECEIVABLE_NOT_FOUND',
});

export const payableAggregate = defineAggregate({
  name: 'payable',
  decider: payableDecider,
  stream: payableStream,
  idField: 'payableId',
  notFoundCode: 'PAYABLE_NOT_FOUND',
});

export const expenseAggregate = defineAggregate({
  name: 'expense',
  decider: expenseDecider,
  stream: expenseStream,
  idField: 'expenseId',
  notFoundCode: 'EXPENSE_NOT_FOUND',
});
