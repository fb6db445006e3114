import { deciderSpec } from '@ooh/eventing-testing';
import type { Actor, EvidenceRef } from '@ooh/eventing';
import { expenseDecider, type ExpenseCommand, type RecordExpenseIncurred, type RequestExpense } from './expense.decider';
import type {
  ExpenseApproved,
  ExpenseEvent,
  ExpenseExecutiveApproved,
  ExpenseFinanceApproved,
  ExpenseIncurred,
  ExpenseReimbursed,
  ExpenseRejected,
  ExpenseRequested,
} from './expense.events';

const spec = deciderSpec(expenseDecider);
const requester: Actor = { userId: 'u-ops', role: 'operations' };
const colleague: Actor = { userId: 'u-ops-2', role: 'operations' };
const finance: Actor = { userId: 'u-fin', role: 'finance' };
const otherFinance: Actor = { userId: 'u-fin-2', role: 'finance' };
const executive: Actor = { userId: 'u-exec', role: 'executive' };
const receipt: EvidenceRef = { blobId: 'b-1', sha256: 'a'.repeat(64), contentType: 'image/jpeg', caption: 'Fapiao' };
const expenseId = 'e-1';
const THRESHOLD = 200_000;
const BELOW = 50_000;
const ABOVE = 300_000;
const AT = '2026-03-02T01:00:00.000Z';
const LATER = '2026-03-03T01:00:00.000Z';
const SPENT_AT = '2026-03-16T01:00:00.000Z';
const TZ = 'Asia/Shanghai';

const request = (data: Partial<RequestExpense['data']> = {}): ExpenseCommand => ({
  type: 'RequestExpense',
  data: {
    expenseId,
    department: 'operations',
    category: 'electricity',
    amountFen: BELOW,
    currency: 'CNY',
    purpose: 'Electricity for the Line 2 light boxes',
    executiveThresholdFen: THRESHOLD,
    at: AT,
    by: requester,
    ...data,
  },
});
const approve = (by: Actor): ExpenseCommand => ({ type: 'ApproveExpense', data: { expenseId, at: LATER, by } });
const reject = (by: Actor, reason = 'Use the framework contract'): ExpenseCommand => ({ type: 'RejectExpense', data: { expenseId, reason, at: LATER, by } });
const withdraw = (by: Actor = requester, reason = 'Bought by the landlord'): ExpenseCommand => ({
  type: 'WithdrawExpense',
  data: { expenseId, reason, at: LATER, by },
});
const incur = (data: Partial<RecordExpenseIncurred['data']> = {}): ExpenseCommand => ({
  type: 'RecordExpenseIncurred',
  data: { expenseId, amountFen: 48_000, currency: 'CNY', incurredOn: '2026-03-15', receipt: [receipt], timeZone: TZ, at: SPENT_AT, by: requester, ...data },
});
const reimburse = (by: Actor = finance, paymentReference = 'REIMB-1'): ExpenseCommand => ({
  type: 'ReimburseExpense',
  data: { expenseId, paymentReference, at: LATER, by },
});

const requested = (amountFen: number, by: Actor = requester): ExpenseRequested => ({
  type: 'ExpenseRequested',
  data: {
    expenseId,
    department: 'operations',
    category: 'electricity',
    amountFen,
    currency: 'CNY',
    purpose: 'Electricity for the Line 2 light boxes',
    executiveThresholdFen: THRESHOLD,
    needsExecutive: amountFen > THRESHOLD,
    at: AT,
    by,
  },
});
const small = requested(BELOW);
const large = requested(ABOVE);
const financeApproved = (by: Actor = finance): ExpenseFinanceApproved => ({ type: 'ExpenseFinanceApproved', data: { expenseId, at: LATER, by } });
const executiveApproved = (by: Actor = executive): ExpenseExecutiveApproved => ({ type: 'ExpenseExecutiveApproved', data: { expenseId, at: LATER, by } });
const approved = (amountFen: number, by: Actor, executiveApprovedBy: string | null, financeApprovedBy = 'u-fin'): ExpenseApproved => ({
  type: 'ExpenseApproved',
  data: { expenseId, amountFen, currency: 'CNY', financeApprovedBy, executiveApprovedBy, at: LATER, by },
});
const rejected = (by: Actor): ExpenseRejected => ({ type: 'ExpenseRejected', data: { expenseId, reason: 'Use the framework contract', at: LATER, by } });
const incurred = (amountFen = 48_000, by: Actor = requester): ExpenseIncurred => ({
  type: 'ExpenseIncurred',
  data: {
    expenseId,
    department: 'operations',
    category: 'electricity',
    amountFen,
    currency: 'CNY',
    approvedAmountFen: BELOW,
    incurredOn: '2026-03-15',
    month: '2026-03',
    receipt: [receipt],
    at: SPENT_AT,
    by,
  },
});
const reimbursed = (by: Actor = finance): ExpenseReimbursed => ({
  type: 'ExpenseReimbursed',
  data: { expenseId, amountFen: 48_000, currency: 'CNY', reimbursedTo: 'u-ops', paymentReference: 'REIMB-1', at: LATER, by },
});

const smallApproved: ExpenseEvent[] = [small, financeApproved(), approved(BELOW, finance, null)];
const largeApproved: ExpenseEvent[] = [large, executiveApproved(), financeApproved(), approved(ABOVE, finance, 'u-exec')];

describe('Expense decider', () => {
  describe('When none', () => {
    it('should request an expense within the threshold', () => {
      spec.given([]).when(request()).then([small]);
    });

    it('should request an expense above the threshold needing an executive too', () => {
      spec
        .given([])
        .when(request({ amountFen: ABOVE }))
        .then([large]);
    });

    it('should need finance approval only for an expense exactly at the threshold', () => {
      const [event] = spec
        .given([])
        .when(request({ amountFen: THRESHOLD }))
        .events();
      expect(event.data).toMatchObject({ needsExecutive: false });
    });

    it.each([0, -1, 99.9])('should refuse an amount of %s fen', (amountFen) => {
      spec.given([]).when(request({ amountFen })).thenThrows('INVALID_AMOUNT', 'rule-violated');
    });

    it('should refuse a malformed currency', () => {
      spec
        .given([])
        .when(request({ currency: 'CN' }))
        .thenThrows('INVALID_CURRENCY', 'rule-violated');
    });

    it.each(['', '   '])('should refuse a purpose of %p', (purpose) => {
      spec.given([]).when(request({ purpose })).thenThrows('PURPOSE_REQUIRED', 'rule-violated');
    });

    it('should refuse a negative executive threshold', () => {
      spec
        .given([])
        .when(request({ executiveThresholdFen: -1 }))
        .thenThrows('APPROVAL_POLICY_INVALID', 'invalid');
    });

    it.each([
      ['approving', approve(finance)],
      ['rejecting', reject(finance)],
      ['recording it incurred', incur()],
      ['reimbursing', reimburse()],
    ])('should refuse %s as not found', (_what, command) => {
      spec.given([]).when(command).thenThrows('EXPENSE_NOT_FOUND', 'not-found');
    });
  });

  describe('When requested within the threshold', () => {
    it('should be requested with the requested amount and requester', () => {
      expect(spec.given([small]).state()).toEqual({
        status: 'requested',
        expenseId,
        department: 'operations',
        category: 'electricity',
        currency: 'CNY',
        purpose: 'Electricity for the Line 2 light boxes',
        requestedAmountFen: BELOW,
        actualAmountFen: null,
        needsExecutive: false,
        requestedBy: 'u-ops',
        financeApprovedBy: null,
        executiveApprovedBy: null,
        rejectedBy: null,
        rejectionReason: null,
        incurredOn: null,
        month: null,
        receipt: [],
        paymentReference: null,
        requestedAt: AT,
        approvedAt: null,
        reimbursedAt: null,
      });
    });

    it('should refuse requesting it again', () => {
      spec.given([small]).when(request()).thenThrows('EXPENSE_EXISTS', 'conflict');
    });

    it('should be approved by finance alone', () => {
      spec
        .given([small])
        .when(approve(finance))
        .then([financeApproved(), approved(BELOW, finance, null)]);
      expect(spec.given(smallApproved).state()).toMatchObject({ status: 'approved', approvedAt: LATER });
    });

    it('should refuse an executive approval as not needed', () => {
      spec.given([small]).when(approve(executive)).thenThrows('EXECUTIVE_APPROVAL_NOT_NEEDED', 'rule-violated');
    });

    it.each(['operations', 'admin', 'accounts'])('should refuse an approval by the %s role', (role) => {
      spec
        .given([small])
        .when(approve({ userId: 'u-other', role }))
        .thenThrows('ROLE_CANNOT_APPROVE', 'forbidden');
    });

    it('should refuse a finance approval by an admin who requested it (the check is on the person)', () => {
      const byAdmin = requested(BELOW, { userId: 'u-adm', role: 'admin' });
      spec
        .given([byAdmin])
        .when(approve({ userId: 'u-adm', role: 'finance' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse a finance approval by a finance person approving their own expense', () => {
      const byFinance = requested(BELOW, finance);
      spec.given([byFinance]).when(approve(finance)).thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
      spec
        .given([byFinance])
        .when(approve(otherFinance))
        .then([financeApproved(otherFinance), approved(BELOW, otherFinance, null, 'u-fin-2')]);
    });

    it('should refuse recording it incurred before approval: nothing is spent without prior approval', () => {
      spec.given([small]).when(incur()).thenThrows('NOT_APPROVED', 'rule-violated');
    });

    it('should refuse reimbursing it', () => {
      spec.given([small]).when(reimburse()).thenThrows('NOT_INCURRED', 'rule-violated');
    });

    it('should be rejected with a reason', () => {
      spec
        .given([small])
        .when(reject(finance))
        .then([rejected(finance)]);
      expect(spec.given([small, rejected(finance)]).state()).toMatchObject({ status: 'rejected', rejectedBy: 'u-fin' });
    });

    it('should refuse a blank rejection reason', () => {
      spec.given([small]).when(reject(finance, ' ')).thenThrows('REASON_REQUIRED', 'rule-violated');
    });

    it('should refuse a rejection by the requester', () => {
      spec
        .given([small])
        .when(reject({ userId: 'u-ops', role: 'executive' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse a rejection by a role that cannot approve', () => {
      spec.given([small]).when(reject(colleague)).thenThrows('ROLE_CANNOT_APPROVE', 'forbidden');
    });
  });

  describe('When requested above the threshold', () => {
    it('should need both approvals, finance first', () => {
      spec.given([large]).when(approve(finance)).then([financeApproved()]);
      expect(spec.given([large, financeApproved()]).state().status).toBe('finance-approved');
      spec
        .given([large, financeApproved()])
        .when(approve(executive))
        .then([executiveApproved(), approved(ABOVE, executive, 'u-exec')]);
    });

    it('should need both approvals, executive first', () => {
      spec.given([large]).when(approve(executive)).then([executiveApproved()]);
      expect(spec.given([large, executiveApproved()]).state().status).toBe('executive-approved');
      spec
        .given([large, executiveApproved()])
        .when(approve(finance))
        .then([financeApproved(), approved(ABOVE, finance, 'u-exec')]);
    });

    it('should do nothing when the same approval is given twice', () => {
      spec.given([large, financeApproved()]).when(approve(finance)).thenNothingHappens();
      spec.given([large, executiveApproved()]).when(approve(executive)).thenNothingHappens();
    });

    it('should refuse one person giving both approvals', () => {
      spec
        .given([large, financeApproved()])
        .when(approve({ userId: 'u-fin', role: 'executive' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
      spec
        .given([large, executiveApproved()])
        .when(approve({ userId: 'u-exec', role: 'finance' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse recording it incurred with only one approval', () => {
      spec.given([large, financeApproved()]).when(incur()).thenThrows('NOT_APPROVED', 'rule-violated');
      spec.given([large, executiveApproved()]).when(incur()).thenThrows('NOT_APPROVED', 'rule-violated');
    });

    it('should be rejected by the executive after the finance approval', () => {
      spec
        .given([large, financeApproved()])
        .when(reject(executive))
        .then([rejected(executive)]);
    });
  });

  describe('When approved', () => {
    it('should refuse it incurred after today or before the day it was approved', () => {
      spec
        .given(smallApproved)
        .when(incur({ incurredOn: '2026-03-17' }))
        .thenThrows('DATE_IN_FUTURE', 'rule-violated');
      spec
        .given(smallApproved)
        .when(incur({ incurredOn: '2026-03-02' }))
        .thenThrows('SPENT_BEFORE_APPROVAL', 'rule-violated');
    });

    it('should record it incurred with its ledger month', () => {
      spec.given(smallApproved).when(incur()).then([incurred()]);
      expect(spec.given([...smallApproved, incurred()]).state()).toMatchObject({
        status: 'incurred',
        requestedAmountFen: BELOW,
        actualAmountFen: 48_000,
        incurredOn: '2026-03-15',
        month: '2026-03',
        receipt: [receipt],
      });
    });

    it('should record it incurred at exactly the approved amount', () => {
      const [event] = spec
        .given(smallApproved)
        .when(incur({ amountFen: BELOW }))
        .events();
      expect(event.data).toMatchObject({ amountFen: BELOW, approvedAmountFen: BELOW });
    });

    it('should refuse it incurred by anyone but the requester or finance (8. expenses have an owner)', () => {
      spec
        .given(smallApproved)
        .when(incur({ by: colleague }))
        .thenThrows('NOT_THE_REQUESTER', 'forbidden');
      spec
        .given(smallApproved)
        .when(incur({ by: finance }))
        .then([incurred(48_000, finance)]);
      expect(spec.given([...smallApproved, incurred(48_000, finance)]).state()).toMatchObject({ incurredBy: finance.userId });
    });

    it('should refuse an actual amount above the approved amount', () => {
      spec
        .given(smallApproved)
        .when(incur({ amountFen: BELOW + 1 }))
        .thenThrows('EXCEEDS_APPROVED_AMOUNT', 'rule-violated');
    });

    it('should refuse recording it incurred without a receipt', () => {
      spec
        .given(smallApproved)
        .when(incur({ receipt: [] }))
        .thenThrows('RECEIPT_REQUIRED', 'rule-violated');
    });

    it('should refuse an actual amount in another currency', () => {
      spec
        .given(smallApproved)
        .when(incur({ currency: 'HKD' }))
        .thenThrows('CURRENCY_MISMATCH', 'rule-violated');
    });

    it.each([0, 12.5])('should refuse an actual amount of %s fen', (amountFen) => {
      spec.given(smallApproved).when(incur({ amountFen })).thenThrows('INVALID_AMOUNT', 'rule-violated');
    });

    it('should refuse a malformed incurred-on date', () => {
      spec
        .given(smallApproved)
        .when(incur({ incurredOn: '2026-03' }))
        .thenThrows('INVALID_DATE', 'invalid');
    });

    it('should record an above-threshold expense incurred after both approvals', () => {
      const [event] = spec
        .given(largeApproved)
        .when(incur({ amountFen: ABOVE }))
        .events();
      expect(event.data).toMatchObject({ amountFen: ABOVE, approvedAmountFen: ABOVE });
    });

    it('should refuse reimbursing it before it is incurred', () => {
      spec.given(smallApproved).when(reimburse()).thenThrows('NOT_INCURRED', 'rule-violated');
    });

    it('should do nothing when approved again, and refuse rejecting it', () => {
      spec.given(smallApproved).when(approve(finance)).thenNothingHappens();
      spec.given(smallApproved).when(reject(otherFinance)).thenThrows('NOT_AWAITING_APPROVAL', 'rule-violated');
    });
  });

  describe('When rejected', () => {
    const history = [small, rejected(finance)];

    it('should refuse recording it incurred', () => {
      spec.given(history).when(incur()).thenThrows('NOT_APPROVED', 'rule-violated');
    });

    it('should refuse approving it', () => {
      spec.given(history).when(approve(otherFinance)).thenThrows('NOT_AWAITING_APPROVAL', 'rule-violated');
    });
  });

  describe('When incurred', () => {
    const history = [...smallApproved, incurred()];

    it('should reimburse the requester', () => {
      spec.given(history).when(reimburse()).then([reimbursed()]);
      expect(spec.given([...history, reimbursed()]).state()).toMatchObject({ status: 'reimbursed', paymentReference: 'REIMB-1', reimbursedAt: LATER });
    });

    it('should refuse the requester reimbursing themselves', () => {
      spec
        .given(history)
        .when(reimburse({ userId: 'u-ops', role: 'finance' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse a blank payment reference', () => {
      spec.given(history).when(reimburse(finance, '')).thenThrows('REFERENCE_REQUIRED', 'rule-violated');
    });

    it('should refuse recording it incurred again', () => {
      spec.given(history).when(incur()).thenThrows('ALREADY_INCURRED', 'rule-violated');
    });
  });

  describe('When reimbursed', () => {
    const history = [...smallApproved, incurred(), reimbursed()];

    it('should do nothing when reimbursed again', () => {
      spec.given(history).when(reimburse()).thenNothingHappens();
    });

    it('should refuse recording it incurred again', () => {
      spec.given(history).when(incur()).thenThrows('ALREADY_INCURRED', 'rule-violated');
    });
  });

  describe('When the requester withdraws it', () => {
    const withdrawn = { type: 'ExpenseWithdrawn' as const, data: { expenseId, reason: 'Bought by the landlord', at: LATER, by: requester } };

    it('should withdraw a request not yet decided, or approved but not spent', () => {
      spec
        .given([requested(30_000)])
        .when(withdraw())
        .then([withdrawn]);
      const approved = spec
        .given([requested(30_000)])
        .when(approve(finance))
        .events();
      spec
        .given([requested(30_000), ...approved])
        .when(withdraw())
        .then([withdrawn]);
      expect(spec.given([requested(30_000), withdrawn]).state()).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Bought by the landlord' });
    });

    it('should refuse anyone but the requester, whatever their role', () => {
      spec
        .given([requested(30_000)])
        .when(withdraw(finance))
        .thenThrows('NOT_THE_REQUESTER', 'forbidden');
    });

    it('should refuse it once rejected, withdrawn or spent, and without a reason', () => {
      spec
        .given([requested(30_000), withdrawn])
        .when(withdraw())
        .thenThrows('NOT_WITHDRAWABLE', 'rule-violated');
      spec
        .given([requested(30_000)])
        .when(withdraw(requester, ' '))
        .thenThrows('REASON_REQUIRED', 'rule-violated');
      spec.given([]).when(withdraw()).thenThrows('EXPENSE_NOT_FOUND', 'not-found');
    });
  });
});
