import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { expenseDecider, payableDecider, receivableDecider, type ExpenseCommand, type PayableCommand, type ReceivableCommand } from '@ooh/finance-domain';
import { EXPENSES, expensesProjection, PAYABLES, payablesProjection, RECEIVABLES, receivablesProjection } from './finance.projections';

const system: Actor = { userId: 'system:finance', role: 'system' };
const fang: Actor = { userId: 'fang', role: 'finance' };
const chen: Actor = { userId: 'chen', role: 'media-manager' };
const tan: Actor = { userId: 'tan', role: 'executive' };
const AT = '2026-11-20T01:00:00.000Z';
const receipt = { blobId: 'd'.repeat(64), sha256: 'd'.repeat(64), contentType: 'image/jpeg' };
const inStream =
  (streamId: string, recordedAt = '2026-11-20T01:00:01.000Z') =>
  (e: { type: string; data: unknown }) => ({ streamId, recordedAt, ...e });

describe('finance projections: each document is its aggregate folded by the decider', () => {
  it('receivables: opened, invoiced, paid in part', async () => {
    const events = eventsFrom(receivableDecider, [
      {
        type: 'OpenReceivable',
        data: {
          receivableId: 'r1',
          client: { name: 'Beer Co.', clientId: null },
          source: { context: 'operations', kind: 'booking', id: 'b1' },
          milestone: 'full',
          amountFen: 1000,
          currency: 'CNY',
          dueDate: '2026-12-20',
          description: 'Booking b1',
          at: AT,
          by: system,
        },
      },
      { type: 'IssueInvoice', data: { receivableId: 'r1', invoiceNumber: 'INV-1', dueDate: null, at: AT, by: fang } },
      {
        type: 'RecordPayment',
        data: { receivableId: 'r1', paymentId: 'p1', amountFen: 400, currency: 'CNY', reference: 'ICBC-1', receivedOn: '2026-11-19', at: AT, by: fang },
      },
    ] as ReceivableCommand[]);
    await projectionSpec(receivablesProjection)
      .given(...events.map(inStream('finance.receivable-r1')))
      .then({ [RECEIVABLES]: { r1: { ...fold(receivableDecider, events), revision: events.length - 1, updatedAt: '2026-11-20T01:00:01.000Z' } } });
  });

  it('payables: requested, approved by finance and an executive', async () => {
    const events = eventsFrom(payableDecider, [
      {
        type: 'RequestPayable',
        data: {
          payableId: 'p1',
          vendor: { vendorId: 'v1', name: 'Rail Media' },
          source: null,
          milestone: 'full',
          amountFen: 6_000_000,
          currency: 'CNY',
          dueDate: '2026-12-10',
          purpose: 'Rent',
          requestedBy: chen,
          executiveThresholdFen: 5_000_000,
          at: AT,
          by: chen,
        },
      },
      { type: 'ApprovePayable', data: { payableId: 'p1', at: AT, by: fang } },
      { type: 'ApprovePayable', data: { payableId: 'p1', at: AT, by: tan } },
    ] as PayableCommand[]);
    const documents = await projectionSpec(payablesProjection)
      .given(...events.map(inStream('finance.payable-p1')))
      .documents();
    expect(documents[PAYABLES].p1).toEqual({ ...fold(payableDecider, events), revision: events.length - 1, updatedAt: '2026-11-20T01:00:01.000Z' });
    expect(documents[PAYABLES].p1).toMatchObject({ status: 'approved' });
  });

  it('expenses: requested, approved, incurred with a receipt', async () => {
    const events = eventsFrom(expenseDecider, [
      {
        type: 'RequestExpense',
        data: {
          expenseId: 'e1',
          department: 'operations',
          category: 'maintenance',
          amountFen: 30_000,
          currency: 'CNY',
          purpose: 'Bulbs',
          executiveThresholdFen: 100_000,
          at: AT,
          by: chen,
        },
      },
      { type: 'ApproveExpense', data: { expenseId: 'e1', at: AT, by: fang } },
      {
        type: 'RecordExpenseIncurred',
        data: { expenseId: 'e1', amountFen: 28_000, currency: 'CNY', incurredOn: '2026-11-20', receipt: [receipt], at: AT, by: chen },
      },
    ] as ExpenseCommand[]);
    const documents = await projectionSpec(expensesProjection)
      .given(...events.map(inStream('finance.expense-e1')))
      .documents();
    expect(documents[EXPENSES].e1).toEqual({ ...fold(expenseDecider, events), revision: events.length - 1, updatedAt: '2026-11-20T01:00:01.000Z' });
    expect(documents[EXPENSES].e1).toMatchObject({ status: 'incurred' });
  });
});
