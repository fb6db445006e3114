import { deciderSpec } from '@ooh/eventing-testing';
import type { Actor } from '@ooh/eventing';
import { payableDecider, type PayableCommand, type PayPayable, type RequestPayable } from './payable.decider';
import {
  payableDueOn,
  type ExecutiveApproved,
  type FinanceApproved,
  type PayableApproved,
  type PayableEvent,
  type PayablePaid,
  type PayableRejected,
  type PayableRequested,
} from './payable.events';

const spec = deciderSpec(payableDecider);
const requester: Actor = { userId: 'u-ops', role: 'operations' };
const system: Actor = { userId: 'system:finance', role: 'system' };
const finance: Actor = { userId: 'u-fin', role: 'finance' };
const otherFinance: Actor = { userId: 'u-fin-2', role: 'finance' };
const executive: Actor = { userId: 'u-exec', role: 'executive' };
const payableId = 'pay-1';
const source = { context: 'operations', kind: 'booking', id: 'b-1' };
const vendor = { vendorId: 'v-1', name: 'Metro Media Co.' };
const THRESHOLD = 500_000;
const BELOW = 300_000;
const ABOVE = 800_000;
const AT = '2026-03-02T01:00:00.000Z';
const LATER = '2026-03-03T01:00:00.000Z';
const PAID_AT = '2026-03-05T01:00:00.000Z';
const TZ = 'Asia/Shanghai';

const request = (data: Partial<RequestPayable['data']> = {}): PayableCommand => ({
  type: 'RequestPayable',
  data: {
    payableId,
    vendor,
    source,
    milestone: 'media-fee',
    amountFen: BELOW,
    currency: 'CNY',
    dueDate: '2026-03-31',
    purpose: 'Media fee for booking b-1',
    requestedBy: requester,
    executiveThresholdFen: THRESHOLD,
    at: AT,
    by: requester,
    ...data,
  },
});
const approve = (by: Actor): PayableCommand => ({ type: 'ApprovePayable', data: { payableId, at: LATER, by } });
const reject = (by: Actor, reason = 'Not in the budget'): PayableCommand => ({ type: 'RejectPayable', data: { payableId, reason, at: LATER, by } });
const pay = (data: Partial<PayPayable['data']> = {}): PayableCommand => ({
  type: 'PayPayable',
  data: { payableId, paymentReference: 'WIRE-1', paidOn: '2026-03-04', timeZone: TZ, at: PAID_AT, by: finance, ...data },
});

const requested = (amountFen: number, data: Partial<PayableRequested['data']> = {}): PayableRequested => ({
  type: 'PayableRequested',
  data: {
    payableId,
    vendor,
    source,
    milestone: 'media-fee',
    amountFen,
    currency: 'CNY',
    dueDate: '2026-03-31',
    purpose: 'Media fee for booking b-1',
    requestedBy: requester,
    executiveThresholdFen: THRESHOLD,
    needsExecutive: amountFen > THRESHOLD,
    at: AT,
    by: requester,
    ...data,
  },
});
const small = requested(BELOW);
const large = requested(ABOVE);
const financeApproved = (by: Actor = finance): FinanceApproved => ({ type: 'FinanceApproved', data: { payableId, at: LATER, by } });
const executiveApproved = (by: Actor = executive): ExecutiveApproved => ({ type: 'ExecutiveApproved', data: { payableId, at: LATER, by } });
const approved = (amountFen: number, by: Actor, executiveApprovedBy: string | null, financeApprovedBy = 'u-fin'): PayableApproved => ({
  type: 'PayableApproved',
  data: { payableId, amountFen, currency: 'CNY', financeApprovedBy, executiveApprovedBy, at: LATER, by },
});
const rejected = (by: Actor): PayableRejected => ({ type: 'PayableRejected', data: { payableId, reason: 'Not in the budget', at: LATER, by } });
const paid = (amountFen: number): PayablePaid => ({
  type: 'PayablePaid',
  data: {
    payableId,
    source,
    vendor,
    milestone: 'media-fee',
    amountFen,
    currency: 'CNY',
    paymentReference: 'WIRE-1',
    paidOn: '2026-03-04',
    at: PAID_AT,
    by: finance,
  },
});

const smallApproved: PayableEvent[] = [small, financeApproved(), approved(BELOW, finance, null)];
const largeApproved: PayableEvent[] = [large, financeApproved(), executiveApproved(), approved(ABOVE, executive, 'u-exec')];

describe('Payable decider', () => {
  describe('When none', () => {
    it('should request a payable within the threshold needing finance approval only', () => {
      spec.given([]).when(request()).then([small]);
    });

    it('should request a payable above the threshold needing an executive too', () => {
      spec
        .given([])
        .when(request({ amountFen: ABOVE }))
        .then([large]);
    });

    it('should need finance approval only for a payable exactly at the threshold', () => {
      const [event] = spec
        .given([])
        .when(request({ amountFen: THRESHOLD }))
        .events();
      expect(event.data).toMatchObject({ needsExecutive: false });
    });

    it('should request a payable from an integration event on behalf of its requester', () => {
      const [event] = spec
        .given([])
        .when(request({ by: system }))
        .events();
      expect(event.data).toMatchObject({ requestedBy: requester, by: system });
      expect(spec.given([event]).state().requestedBy).toBe('u-ops');
    });

    it('should request a payable without a source or a due date', () => {
      const { dueDate: _omitted, ...data } = (request({ source: null }) as RequestPayable).data;
      const [event] = spec.given([]).when({ type: 'RequestPayable', data }).events();
      expect(event.data).toMatchObject({ source: null, dueDate: null });
    });

    it.each([0, -5, 1.5])('should refuse an amount of %s fen', (amountFen) => {
      spec.given([]).when(request({ amountFen })).thenThrows('INVALID_AMOUNT', 'rule-violated');
    });

    it('should refuse a malformed currency', () => {
      spec
        .given([])
        .when(request({ currency: 'Rmb' }))
        .thenThrows('INVALID_CURRENCY', 'rule-violated');
    });

    it('should refuse a malformed due date', () => {
      spec
        .given([])
        .when(request({ dueDate: '2026-3-31' }))
        .thenThrows('INVALID_DATE', 'invalid');
    });

    it.each([-1, 1.5, Number.NaN])('should refuse an executive threshold of %s', (executiveThresholdFen) => {
      spec.given([]).when(request({ executiveThresholdFen })).thenThrows('APPROVAL_POLICY_INVALID', 'invalid');
    });

    it.each([
      ['approving', approve(finance)],
      ['rejecting', reject(finance)],
      ['paying', pay()],
    ])('should refuse %s as not found', (_what, command) => {
      spec.given([]).when(command).thenThrows('PAYABLE_NOT_FOUND', 'not-found');
    });
  });

  describe('When requested within the threshold', () => {
    it('should be requested, awaiting finance', () => {
      expect(spec.given([small]).state()).toEqual({
        status: 'requested',
        payableId,
        vendor,
        source,
        milestone: 'media-fee',
        amountFen: BELOW,
        currency: 'CNY',
        dueDate: '2026-03-31',
        purpose: 'Media fee for booking b-1',
        needsExecutive: false,
        requestedBy: 'u-ops',
        financeApprovedBy: null,
        executiveApprovedBy: null,
        rejectedBy: null,
        rejectionReason: null,
        paymentReference: null,
        paidOn: null,
        requestedAt: AT,
        approvedAt: null,
      });
    });

    it('should do nothing when requested again', () => {
      spec.given([small]).when(request()).thenNothingHappens();
    });

    it('should be approved by finance alone', () => {
      spec
        .given([small])
        .when(approve(finance))
        .then([financeApproved(), approved(BELOW, finance, null)]);
      expect(spec.given(smallApproved).state()).toMatchObject({ status: 'approved', financeApprovedBy: 'u-fin', approvedAt: LATER });
    });

    it('should refuse an executive approval as not needed', () => {
      spec.given([small]).when(approve(executive)).thenThrows('EXECUTIVE_APPROVAL_NOT_NEEDED', 'rule-violated');
    });

    it.each(['operations', 'admin', 'sales'])('should refuse an approval by the %s role', (role) => {
      spec
        .given([small])
        .when(approve({ userId: 'u-other', role }))
        .thenThrows('ROLE_CANNOT_APPROVE', 'forbidden');
    });

    it('should refuse an approval by the requester, whatever role they act in', () => {
      spec
        .given([small])
        .when(approve({ userId: 'u-ops', role: 'finance' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse a finance approval by an admin who requested it (the check is on the person)', () => {
      const byAdmin = requested(BELOW, { requestedBy: { userId: 'u-adm', role: 'admin' }, by: { userId: 'u-adm', role: 'admin' } });
      spec
        .given([byAdmin])
        .when(approve({ userId: 'u-adm', role: 'finance' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse an approval by the requester of an integration-event request', () => {
      const viaEvent = requested(BELOW, { by: system });
      spec
        .given([viaEvent])
        .when(approve({ userId: 'u-ops', role: 'finance' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
      spec
        .given([viaEvent])
        .when(approve(finance))
        .then([financeApproved(), approved(BELOW, finance, null)]);
    });

    it('should refuse paying it before approval', () => {
      spec.given([small]).when(pay()).thenThrows('NOT_APPROVED', 'rule-violated');
    });

    it('should be rejected by finance with a reason', () => {
      spec
        .given([small])
        .when(reject(finance))
        .then([rejected(finance)]);
      expect(spec.given([small, rejected(finance)]).state()).toMatchObject({
        status: 'rejected',
        rejectedBy: 'u-fin',
        rejectionReason: 'Not in the budget',
      });
    });

    it.each(['', '  '])('should refuse a rejection reason of %p', (reason) => {
      spec.given([small]).when(reject(finance, reason)).thenThrows('REASON_REQUIRED', 'rule-violated');
    });

    it('should refuse a rejection by the requester', () => {
      spec
        .given([small])
        .when(reject({ userId: 'u-ops', role: 'finance' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse a rejection by a role that cannot approve', () => {
      spec
        .given([small])
        .when(reject({ userId: 'u-other', role: 'operations' }))
        .thenThrows('ROLE_CANNOT_APPROVE', 'forbidden');
    });
  });

  describe('When requested above the threshold', () => {
    it('should record the finance approval first, awaiting the executive', () => {
      spec.given([large]).when(approve(finance)).then([financeApproved()]);
      expect(spec.given([large, financeApproved()]).state()).toMatchObject({ status: 'finance-approved', financeApprovedBy: 'u-fin', needsExecutive: true });
    });

    it('should record the executive approval first, awaiting finance', () => {
      spec.given([large]).when(approve(executive)).then([executiveApproved()]);
      expect(spec.given([large, executiveApproved()]).state()).toMatchObject({ status: 'executive-approved', executiveApprovedBy: 'u-exec' });
    });

    it('should refuse paying it before any approval', () => {
      spec.given([large]).when(pay()).thenThrows('NOT_APPROVED', 'rule-violated');
    });

    it('should refuse an executive approval by the requester', () => {
      const byExecutive = requested(ABOVE, { requestedBy: executive, by: executive });
      spec.given([byExecutive]).when(approve(executive)).thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });
  });

  describe('When finance-approved above the threshold', () => {
    const history = [large, financeApproved()];

    it('should be approved once the executive approves too', () => {
      spec
        .given(history)
        .when(approve(executive))
        .then([executiveApproved(), approved(ABOVE, executive, 'u-exec')]);
      expect(spec.given(largeApproved).state()).toMatchObject({ status: 'approved', financeApprovedBy: 'u-fin', executiveApprovedBy: 'u-exec' });
    });

    it('should do nothing when finance approves again', () => {
      spec.given(history).when(approve(finance)).thenNothingHappens();
      spec.given(history).when(approve(otherFinance)).thenNothingHappens();
    });

    it('should refuse the executive approval by the person who gave the finance approval', () => {
      spec
        .given(history)
        .when(approve({ userId: 'u-fin', role: 'executive' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse paying it with only the finance approval', () => {
      spec.given(history).when(pay()).thenThrows('NOT_APPROVED', 'rule-violated');
    });

    it('should be rejected by the executive', () => {
      spec
        .given(history)
        .when(reject(executive))
        .then([rejected(executive)]);
    });
  });

  describe('When executive-approved above the threshold', () => {
    const history = [large, executiveApproved()];

    it('should be approved once finance approves too', () => {
      spec
        .given(history)
        .when(approve(finance))
        .then([financeApproved(), approved(ABOVE, finance, 'u-exec')]);
    });

    it('should do nothing when the executive approves again', () => {
      spec.given(history).when(approve(executive)).thenNothingHappens();
    });

    it('should refuse the finance approval by the person who gave the executive approval', () => {
      spec
        .given(history)
        .when(approve({ userId: 'u-exec', role: 'finance' }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse paying it with only the executive approval', () => {
      spec.given(history).when(pay()).thenThrows('NOT_APPROVED', 'rule-violated');
    });

    it('should be rejected by finance', () => {
      spec
        .given(history)
        .when(reject(finance))
        .then([rejected(finance)]);
    });
  });

  describe('When approved', () => {
    it('should never be paid by the person who requested it, even holding the finance role (9. segregation of duties)', () => {
      spec
        .given(smallApproved)
        .when(pay({ by: { userId: requester.userId, role: 'finance' } }))
        .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    });

    it('should refuse a payment dated after today or before the day it was approved', () => {
      spec
        .given(smallApproved)
        .when(pay({ paidOn: '2026-03-06' }))
        .thenThrows('DATE_IN_FUTURE', 'rule-violated');
      spec
        .given(smallApproved)
        .when(pay({ paidOn: '2026-03-02' }))
        .thenThrows('PAID_BEFORE_APPROVAL', 'rule-violated');
      spec
        .given(smallApproved)
        .when(pay({ paidOn: '2026-02-30' }))
        .thenThrows('INVALID_DATE', 'invalid');
    });

    it('should pay it', () => {
      spec
        .given(smallApproved)
        .when(pay())
        .then([paid(BELOW)]);
      expect(spec.given([...smallApproved, paid(BELOW)]).state()).toMatchObject({ status: 'paid', paymentReference: 'WIRE-1', paidOn: '2026-03-04' });
    });

    it('should pay it after both approvals above the threshold', () => {
      spec
        .given(largeApproved)
        .when(pay())
        .then([paid(ABOVE)]);
    });

    it.each(['', ' '])('should refuse a payment reference of %p', (paymentReference) => {
      spec.given(smallApproved).when(pay({ paymentReference })).thenThrows('REFERENCE_REQUIRED', 'rule-violated');
    });

    it('should refuse a malformed paid-on date', () => {
      spec
        .given(smallApproved)
        .when(pay({ paidOn: '04.03.2026' }))
        .thenThrows('INVALID_DATE', 'invalid');
    });

    it('should do nothing when an approval is given again', () => {
      spec.given(smallApproved).when(approve(finance)).thenNothingHappens();
      spec.given(largeApproved).when(approve(executive)).thenNothingHappens();
    });

    it('should still refuse an executive approval as not needed within the threshold', () => {
      spec.given(smallApproved).when(approve(executive)).thenThrows('EXECUTIVE_APPROVAL_NOT_NEEDED', 'rule-violated');
    });

    it('should refuse rejecting it', () => {
      spec.given(smallApproved).when(reject(otherFinance)).thenThrows('NOT_AWAITING_APPROVAL', 'rule-violated');
    });

    it('should do nothing when requested again', () => {
      spec.given(smallApproved).when(request()).thenNothingHappens();
    });
  });

  describe('When rejected', () => {
    const history = [large, rejected(finance)];

    it('should refuse approving it', () => {
      spec.given(history).when(approve(finance)).thenThrows('NOT_AWAITING_APPROVAL', 'rule-violated');
      spec.given(history).when(approve(executive)).thenThrows('NOT_AWAITING_APPROVAL', 'rule-violated');
    });

    it('should refuse rejecting it again', () => {
      spec.given(history).when(reject(executive)).thenThrows('NOT_AWAITING_APPROVAL', 'rule-violated');
    });

    it('should refuse paying it', () => {
      spec.given(history).when(pay()).thenThrows('NOT_APPROVED', 'rule-violated');
    });
  });

  describe('When paid', () => {
    const history = [...smallApproved, paid(BELOW)];

    it('should do nothing when paid again', () => {
      spec.given(history).when(pay()).thenNothingHappens();
    });

    it('should refuse rejecting it', () => {
      spec.given(history).when(reject(otherFinance)).thenThrows('NOT_AWAITING_APPROVAL', 'rule-violated');
    });
  });
});

describe('payableDueOn', () => {
  it('is the payable’s own due date, or the local date it was requested', () => {
    expect(payableDueOn({ dueDate: '2026-12-10', requestedAt: '2026-11-30T20:00:00.000Z' }, 'Asia/Shanghai')).toBe('2026-12-10');
    expect(payableDueOn({ dueDate: null, requestedAt: '2026-11-30T20:00:00.000Z' }, 'Asia/Shanghai')).toBe('2026-12-01');
  });
});
