import type { Actor, DomainEvent } from '@ooh/eventing';
import type { SourceRef } from '../shared';

/** 应收: money a client owes for one billable milestone of some work in another context. */
export type ReceivableStatus = 'none' | 'open' | 'invoiced' | 'partially-paid' | 'settled';

export type ReceivableMilestone = 'prepayment' | 'balance' | 'full';

export interface ReceivableClient {
  name: string;
  clientId: string | null;
}

export interface ReceivedPayment {
  paymentId: string;
  amountFen: number;
  reference: string;
  receivedOn: string;
}

export type ReceivableOpened = DomainEvent<
  'ReceivableOpened',
  {
    receivableId: string;
    client: ReceivableClient;
    source: SourceRef;
    milestone: ReceivableMilestone;
    amountFen: number;
    currency: string;
    dueDate: string;
    description: string;
    openedAt: string;
    by: Actor;
  }
>;
/** `dueDate` is null when the invoice keeps the receivable's due date. */
export type InvoiceIssued = DomainEvent<
  'InvoiceIssued',
  {
    receivableId: string;
    invoiceNumber: string;
    dueDate: string | null;
    /** What was invoiced, for the public feed (absent on invoices recorded before it was carried). */
    billed?: { source: SourceRef; milestone: ReceivableMilestone; amountFen: number; currency: string };
    at: string;
    by: Actor;
  }
>;
export type PaymentRecorded = DomainEvent<
  'PaymentRecorded',
  {
    receivableId: string;
    paymentId: string;
    amountFen: number;
    currency: string;
    reference: string;
    receivedOn: string;
    /** After this payment. */
    paidTotalFen: number;
    outstandingFen: number;
    /** Whose receivable it is, for the public feed (absent on payments recorded before it was carried). */
    source?: SourceRef;
    at: string;
    by: Actor;
  }
>;
export type ReceivableSettled = DomainEvent<
  'ReceivableSettled',
  {
    receivableId: string;
    source: SourceRef;
    milestone: ReceivableMilestone;
    amountFen: number;
    currency: string;
    paymentReferences: string[];
    settledAt: string;
    by: Actor;
  }
>;

export type ReceivableEvent = ReceivableOpened | InvoiceIssued | PaymentRecorded | ReceivableSettled;

export interface ReceivableState {
  status: ReceivableStatus;
  receivableId: string;
  client: ReceivableClient;
  source: SourceRef;
  milestone: ReceivableMilestone;
  amountFen: number;
  currency: string;
  dueDate: string;
  description: string;
  invoiceNumber: string | null;
  invoicedAt: string | null;
  payments: ReceivedPayment[];
  paidTotalFen: number;
  outstandingFen: number;
  openedAt: string;
  settledAt: string | null;
}

export const initialReceivableState = (): ReceivableState => ({
  status: 'none',
  receivableId: '',
  client: { name: '', clientId: null },
  source: { context: '', kind: '', id: '' },
  milestone: 'full',
  amountFen: 0,
  currency: '',
  dueDate: '',
  description: '',
  invoiceNumber: null,
  invoicedAt: null,
  payments: [],
  paidTotalFen: 0,
  outstandingFen: 0,
  openedAt: '',
  settledAt: null,
});

export function evolveReceivable(state: ReceivableState, event: ReceivableEvent): ReceivableState {
  switch (event.type) {
    case 'ReceivableOpened': {
      const { receivableId, client, source, milestone, amountFen, currency, dueDate, description, openedAt } = event.data;
      return {
        ...initialReceivableState(),
        status: 'open',
        receivableId,
        client: { ...client },
        source: { ...source },
        milestone,
        amountFen,
        currency,
        dueDate,
        description,
        outstandingFen: amountFen,
        openedAt,
      };
    }
    case 'InvoiceIssued':
      return {
        ...state,
        status: state.status === 'open' ? 'invoiced' : state.status,
        invoiceNumber: event.data.invoiceNumber,
        invoicedAt: event.data.at,
        dueDate: event.data.dueDate ?? state.dueDate,
      };
    case 'PaymentRecorded': {
      const { paymentId, amountFen, reference, receivedOn, paidTotalFen, outstandingFen } = event.data;
      return {
        ...state,
        status: 'partially-paid',
        payments: [...state.payments, { paymentId, amountFen, reference, receivedOn }],
        paidTotalFen,
        outstandingFen,
      };
    }
    case 'ReceivableSettled':
      return { ...state, status: 'settled', settledAt: event.data.settledAt };
    default:
      return state;
  }
}
