import { deciderSpec } from '@ooh/eventing-testing';
import type { Actor } from '@ooh/eventing';
import { receivableDecider, type IssueInvoice, type OpenReceivable, type ReceivableCommand, type RecordPayment } from './receivable.decider';
import type { InvoiceIssued, PaymentRecorded, ReceivableOpened, ReceivableSettled } from './receivable.events';

const spec = deciderSpec(receivableDecider);
const system: Actor = { userId: 'system:finance', role: 'system' };
const accountant: Actor = { userId: 'u-acc', role: 'finance' };
const receivableId = 'r-1';
const source = { context: 'operations', kind: 'booking', id: 'b-1' };
const client = { name: 'Acme Drinks', clientId: 'c-1' };
const OPENED_AT = '2026-03-02T01:00:00.000Z';
const INVOICED_AT = '2026-03-03T01:00:00.000Z';
const PAID_AT = '2026-03-10T01:00:00.000Z';

const open = (data: Partial<OpenReceivable['data']> = {}): ReceivableCommand => ({
  type: 'OpenReceivable',
  data: {
    receivableId,
    client,
    source,
    milestone: 'prepayment',
    amountFen: 100_000,
    currency: 'CNY',
    dueDate: '2026-03-31',
    description: 'Prepayment for booking b-1',
    at: OPENED_AT,
    by: system,
    ...data,
  },
});
const issue = (data: Partial<IssueInvoice['data']> = {}): ReceivableCommand => ({
  type: 'IssueInvoice',
  data: { receivableId, invoiceNumber: 'INV-0001', dueDate: null, at: INVOICED_AT, by: accountant, ...data },
});
const pay = (data: Partial<RecordPayment['data']> = {}): ReceivableCommand => ({
  type: 'RecordPayment',
  data: {
    receivableId,
    paymentId: 'p-1',
    amountFen: 40_000,
    currency: 'CNY',
    reference: 'BANK-1',
    receivedOn: '2026-03-10',
    timeZone: 'Asia/Shanghai',
    at: PAID_AT,
    by: accountant,
    ...data,
  },
});

const opened: ReceivableOpened = {
  type: 'ReceivableOpened',
  data: {
    receivableId,
    client,
    source,
    milestone: 'prepayment',
    amountFen: 100_000,
    currency: 'CNY',
    dueDate: '2026-03-31',
    description: 'Prepayment for booking b-1',
    openedAt: OPENED_AT,
    by: system,
  },
};
const invoiced: InvoiceIssued = {
  type: 'InvoiceIssued',
  data: {
    receivableId,
    invoiceNumber: 'INV-0001',
    dueDate: null,
    billed: { source, milestone: 'prepayment', amountFen: 100_000, currency: 'CNY' },
    at: INVOICED_AT,
    by: accountant,
  },
};
const recorded = (paymentId: string, amountFen: number, reference: string, paidTotalFen: number): PaymentRecorded => ({
  type: 'PaymentRecorded',
  data: {
    receivableId,
    paymentId,
    amountFen,
    currency: 'CNY',
    reference,
    receivedOn: '2026-03-10',
    paidTotalFen,
    outstandingFen: 100_000 - paidTotalFen,
    source,
    at: PAID_AT,
    by: accountant,
  },
});
const firstPayment = recorded('p-1', 40_000, 'BANK-1', 40_000);
const settled = (paymentReferences: string[]): ReceivableSettled => ({
  type: 'ReceivableSettled',
  data: { receivableId, source, milestone: 'prepayment', amountFen: 100_000, currency: 'CNY', paymentReferences, settledAt: PAID_AT, by: accountant },
});
const secondPayment = recorded('p-2', 60_000, 'BANK-2', 100_000);

describe('Receivable decider', () => {
  describe('When none', () => {
    it('should open a receivable for a milestone', () => {
      spec.given([]).when(open()).then([opened]);
    });

    it('should open a receivable for a client without a client id', () => {
      const [event] = spec
        .given([])
        .when(open({ client: { name: 'Walk-in', clientId: null } }))
        .events();
      expect(event.data).toMatchObject({ client: { name: 'Walk-in', clientId: null } });
    });

    it('should be open with the whole amount outstanding', () => {
      expect(spec.given([opened]).state()).toEqual({
        status: 'open',
        receivableId,
        client,
        source,
        milestone: 'prepayment',
        amountFen: 100_000,
        currency: 'CNY',
        dueDate: '2026-03-31',
        description: 'Prepayment for booking b-1',
        invoiceNumber: null,
        invoicedAt: null,
        payments: [],
        paidTotalFen: 0,
        outstandingFen: 100_000,
        openedAt: OPENED_AT,
        settledAt: null,
      });
    });

    it.each([0, -100, 12.5, Number.NaN])('should refuse an amount of %s fen', (amountFen) => {
      spec.given([]).when(open({ amountFen })).thenThrows('INVALID_AMOUNT', 'rule-violated');
    });

    it.each(['', 'cny', 'RMB1', 'YUAN'])('should refuse the currency %p', (currency) => {
      spec.given([]).when(open({ currency })).thenThrows('INVALID_CURRENCY', 'rule-violated');
    });

    it.each(['2026-02-30', '31/03/2026', ''])('should refuse the due date %p', (dueDate) => {
      spec.given([]).when(open({ dueDate })).thenThrows('INVALID_DATE', 'invalid');
    });

    it.each([
      ['issuing an invoice', issue()],
      ['recording a payment', pay()],
    ])('should refuse %s as not found', (_what, command) => {
      spec.given([]).when(command).thenThrows('RECEIVABLE_NOT_FOUND', 'not-found');
    });
  });

  describe('When open', () => {
    it('should do nothing when the same milestone is opened again', () => {
      spec.given([opened]).when(open()).thenNothingHappens();
      spec
        .given([opened])
        .when(open({ amountFen: 999 }))
        .thenNothingHappens();
    });

    it('should issue an invoice keeping the due date', () => {
      spec.given([opened]).when(issue()).then([invoiced]);
      expect(spec.given([opened, invoiced]).state()).toMatchObject({
        status: 'invoiced',
        invoiceNumber: 'INV-0001',
        invoicedAt: INVOICED_AT,
        dueDate: '2026-03-31',
      });
    });

    it('should issue an invoice replacing the due date', () => {
      const events = spec
        .given([opened])
        .when(issue({ dueDate: '2026-04-15' }))
        .events();
      expect(events[0].data).toMatchObject({ dueDate: '2026-04-15' });
      expect(spec.given([opened, ...events]).state().dueDate).toBe('2026-04-15');
    });

    it('should issue an invoice when the due date is left out', () => {
      const { dueDate: _omitted, ...data } = (issue() as IssueInvoice).data;
      spec.given([opened]).when({ type: 'IssueInvoice', data }).then([invoiced]);
    });

    it.each(['', '   '])('should refuse an invoice number of %p', (invoiceNumber) => {
      spec.given([opened]).when(issue({ invoiceNumber })).thenThrows('INVOICE_NUMBER_REQUIRED', 'rule-violated');
    });

    it('should refuse an invalid new due date', () => {
      spec
        .given([opened])
        .when(issue({ dueDate: '2026-13-01' }))
        .thenThrows('INVALID_DATE', 'invalid');
    });

    it('should record a prepayment before the invoice', () => {
      spec.given([opened]).when(pay()).then([firstPayment]);
      expect(spec.given([opened, firstPayment]).state()).toMatchObject({
        status: 'partially-paid',
        payments: [{ paymentId: 'p-1', amountFen: 40_000, reference: 'BANK-1', receivedOn: '2026-03-10' }],
        paidTotalFen: 40_000,
        outstandingFen: 60_000,
      });
    });

    it('should refuse a payment received after today in the operator time zone, and accept today', () => {
      // PAID_AT is 09:00 on 2026-03-10 in Shanghai
      spec
        .given([opened])
        .when(pay({ receivedOn: '2026-03-11' }))
        .thenThrows('DATE_IN_FUTURE', 'rule-violated');
      spec
        .given([opened])
        .when(pay({ receivedOn: '2026-03-10' }))
        .then([firstPayment]);
      spec
        .given([opened])
        .when(pay({ receivedOn: '2026-03-11', at: '2026-03-10T16:30:00.000Z' }))
        .then([{ ...firstPayment, data: { ...firstPayment.data, receivedOn: '2026-03-11', at: '2026-03-10T16:30:00.000Z' } }]);
    });

    it('should record a payment in full and settle', () => {
      spec
        .given([opened])
        .when(pay({ amountFen: 100_000 }))
        .then([recorded('p-1', 100_000, 'BANK-1', 100_000), settled(['BANK-1'])]);
    });

    it.each([0, -1, 0.5])('should refuse a payment of %s fen', (amountFen) => {
      spec.given([opened]).when(pay({ amountFen })).thenThrows('INVALID_AMOUNT', 'rule-violated');
    });

    it('should refuse a payment in another currency', () => {
      spec
        .given([opened])
        .when(pay({ currency: 'USD' }))
        .thenThrows('CURRENCY_MISMATCH', 'rule-violated');
    });

    it('should refuse a payment with a malformed currency', () => {
      spec
        .given([opened])
        .when(pay({ currency: 'usd' }))
        .thenThrows('INVALID_CURRENCY', 'rule-violated');
    });

    it.each(['', '  '])('should refuse a payment reference of %p', (reference) => {
      spec.given([opened]).when(pay({ reference })).thenThrows('REFERENCE_REQUIRED', 'rule-violated');
    });

    it('should refuse an invalid received-on date', () => {
      spec
        .given([opened])
        .when(pay({ receivedOn: '2026-03-10T00:00:00Z' }))
        .thenThrows('INVALID_DATE', 'invalid');
    });

    it('should refuse an overpayment, telling the outstanding amount', () => {
      spec
        .given([opened])
        .when(pay({ amountFen: 100_001 }))
        .thenThrows('OVERPAYMENT', 'rule-violated');
      expect(() => receivableDecider.decide(pay({ amountFen: 100_001 }), spec.given([opened]).state())).toThrow(/100000 fen outstanding/);
    });
  });

  describe('When invoiced', () => {
    const history = [opened, invoiced];

    it('should refuse a second invoice', () => {
      spec
        .given(history)
        .when(issue({ invoiceNumber: 'INV-0002' }))
        .thenThrows('ALREADY_INVOICED', 'rule-violated');
    });

    it('should do nothing when the milestone is opened again', () => {
      spec.given(history).when(open()).thenNothingHappens();
    });

    it('should record a partial payment', () => {
      spec.given(history).when(pay()).then([firstPayment]);
      expect(spec.given([...history, firstPayment]).state()).toMatchObject({ status: 'partially-paid', invoiceNumber: 'INV-0001' });
    });

    it('should record the full payment and settle', () => {
      spec
        .given(history)
        .when(pay({ amountFen: 100_000 }))
        .then([recorded('p-1', 100_000, 'BANK-1', 100_000), settled(['BANK-1'])]);
    });
  });

  describe('When partially paid', () => {
    const history = [opened, invoiced, firstPayment];

    it('should record another partial payment', () => {
      spec
        .given(history)
        .when(pay({ paymentId: 'p-2', amountFen: 10_000, reference: 'BANK-2' }))
        .then([recorded('p-2', 10_000, 'BANK-2', 50_000)]);
    });

    it('should settle when the outstanding reaches zero, listing every payment reference', () => {
      spec
        .given(history)
        .when(pay({ paymentId: 'p-2', amountFen: 60_000, reference: 'BANK-2' }))
        .then([secondPayment, settled(['BANK-1', 'BANK-2'])]);
    });

    it('should do nothing when the same payment is recorded again', () => {
      spec.given(history).when(pay()).thenNothingHappens();
      spec
        .given(history)
        .when(pay({ amountFen: 60_000 }))
        .thenNothingHappens();
    });

    it('should refuse an overpayment of the outstanding', () => {
      spec
        .given(history)
        .when(pay({ paymentId: 'p-2', amountFen: 60_001 }))
        .thenThrows('OVERPAYMENT', 'rule-violated');
      expect(() => receivableDecider.decide(pay({ paymentId: 'p-2', amountFen: 60_001 }), spec.given(history).state())).toThrow(
        expect.objectContaining({ message: expect.stringContaining('60000 fen outstanding'), extensions: { outstandingFen: 60_000 } }),
      );
    });

    it('should issue the invoice after a prepayment and stay partially paid', () => {
      spec.given([opened, firstPayment]).when(issue()).then([invoiced]);
      expect(spec.given([opened, firstPayment, invoiced]).state()).toMatchObject({ status: 'partially-paid', invoiceNumber: 'INV-0001' });
    });

    it('should refuse a second invoice', () => {
      spec
        .given(history)
        .when(issue({ invoiceNumber: 'INV-0002' }))
        .thenThrows('ALREADY_INVOICED', 'rule-violated');
    });
  });

  describe('When settled', () => {
    const history = [opened, invoiced, firstPayment, secondPayment, settled(['BANK-1', 'BANK-2'])];

    it('should be settled with nothing outstanding', () => {
      expect(spec.given(history).state()).toMatchObject({ status: 'settled', paidTotalFen: 100_000, outstandingFen: 0, settledAt: PAID_AT });
    });

    it('should refuse a new payment', () => {
      spec
        .given(history)
        .when(pay({ paymentId: 'p-3', amountFen: 1 }))
        .thenThrows('ALREADY_SETTLED', 'rule-violated');
    });

    it('should do nothing when a recorded payment is recorded again', () => {
      spec
        .given(history)
        .when(pay({ paymentId: 'p-2', amountFen: 60_000, reference: 'BANK-2' }))
        .thenNothingHappens();
    });

    it('should do nothing when the milestone is opened again', () => {
      spec.given(history).when(open()).thenNothingHappens();
    });

    it('should refuse another invoice', () => {
      spec
        .given(history)
        .when(issue({ invoiceNumber: 'INV-0002' }))
        .thenThrows('ALREADY_INVOICED', 'rule-violated');
    });

    it('should refuse invoicing a receivable settled before any invoice', () => {
      const paidInFull = [opened, recorded('p-1', 100_000, 'BANK-1', 100_000), settled(['BANK-1'])];
      spec.given(paidInFull).when(issue()).thenThrows('ALREADY_SETTLED', 'rule-violated');
    });
  });
});
