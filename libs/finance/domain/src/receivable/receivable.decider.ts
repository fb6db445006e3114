import { assertNever, notFound, ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import { localDate, requireCalendarDate as requireDate, requireFactDate } from '@ooh/calendar';
import { isBlank, requireAmount, requireCurrency, requireSameCurrency, type SourceRef } from '../shared';
import {
  evolveReceivable,
  initialReceivableState,
  type ReceivableClient,
  type ReceivableEvent,
  type ReceivableMilestone,
  type ReceivableState,
} from './receivable.events';

/** The application derives `receivableId` from source + milestone, so opening the same milestone twice is a no-op. */
export type OpenReceivable = Command<
  'OpenReceivable',
  {
    receivableId: string;
    client: ReceivableClient;
    source: SourceRef;
    milestone: ReceivableMilestone;
    amountFen: number;
    currency: string;
    dueDate: string;
    description: string;
    at: string;
    by: Actor;
  }
>;
export type IssueInvoice = Command<'IssueInvoice', { receivableId: string; invoiceNumber: string; dueDate?: string | null; at: string; by: Actor }>;
export type RecordPayment = Command<
  'RecordPayment',
  {
    receivableId: string;
    paymentId: string;
    amountFen: number;
    currency: string;
    reference: string;
    receivedOn: string;
    /** The operator time zone: the payment date is judged against its today. */
    timeZone: string;
    at: string;
    by: Actor;
  }
>;

export type ReceivableCommand = OpenReceivable | IssueInvoice | RecordPayment;

function requireReceivable(state: ReceivableState, receivableId: string): void {
  if (state.status === 'none') throw notFound('RECEIVABLE_NOT_FOUND', `Receivable ${receivableId} does not exist`);
}

function requireNotSettled(state: ReceivableState, receivableId: string): void {
  if (state.status === 'settled') throw ruleViolated('ALREADY_SETTLED', `Receivable ${receivableId} is already settled`);
}

export function decideReceivable(command: ReceivableCommand, state: ReceivableState): ReceivableEvent[] {
  switch (command.type) {
    case 'OpenReceivable': {
      const { receivableId, client, source, milestone, amountFen, currency, dueDate, description, at, by } = command.data;
      if (state.status !== 'none') return [];
      requireAmount(amountFen, 'A receivable');
      requireCurrency(currency);
      requireDate(dueDate);
      return [
        {
          type: 'ReceivableOpened',
          data: {
            receivableId,
            client: { name: client.name, clientId: client.clientId ?? null },
            source: { context: source.context, kind: source.kind, id: source.id },
            milestone,
            amountFen,
            currency,
            dueDate,
            description,
            openedAt: at,
            by,
          },
        },
      ];
    }
    case 'IssueInvoice': {
      const { receivableId, invoiceNumber, dueDate, at, by } = command.data;
      requireReceivable(state, receivableId);
      if (state.invoiceNumber !== null) {
        throw ruleViolated('ALREADY_INVOICED', `Receivable ${receivableId} is already invoiced as ${state.invoiceNumber}`);
      }
      requireNotSettled(state, receivableId);
      if (isBlank(invoiceNumber)) throw ruleViolated('INVOICE_NUMBER_REQUIRED', 'Issuing an invoice needs the invoice number');
      if (dueDate != null) requireDate(dueDate);
      const billed = { source: { ...state.source }, milestone: state.milestone, amountFen: state.amountFen, currency: state.currency };
      return [{ type: 'InvoiceIssued', data: { receivableId, invoiceNumber, dueDate: dueDate ?? null, billed, at, by } }];
    }
    case 'RecordPayment': {
      const { receivableId, paymentId, amountFen, currency, reference, receivedOn, timeZone, at, by } = command.data;
      requireReceivable(state, receivableId);
      if (state.payments.some((p) => p.paymentId === paymentId)) return [];
      requireNotSettled(state, receivableId);
      requireAmount(amountFen, 'A payment');
      requireCurrency(currency);
      requireSameCurrency(state.currency, currency, 'The payment');
      if (isBlank(reference)) throw ruleViolated('REFERENCE_REQUIRED', 'Recording a payment needs its bank or transaction reference');
      requireFactDate(receivedOn, 'Received on', { today: localDate(at, timeZone) });
      if (amountFen > state.outstandingFen) {
        throw ruleViolated('OVERPAYMENT', `A payment of ${amountFen} fen exceeds the ${state.outstandingFen} fen outstanding on receivable ${receivableId}`, {
          outstandingFen: state.outstandingFen,
        });
      }
      const paidTotalFen = state.paidTotalFen + amountFen;
      const outstandingFen = state.amountFen - paidTotalFen;
      const events: ReceivableEvent[] = [
        {
          type: 'PaymentRecorded',
          data: { receivableId, paymentId, amountFen, currency, reference, receivedOn, paidTotalFen, outstandingFen, source: { ...state.source }, at, by },
        },
      ];
      if (outstandingFen === 0) {
        events.push({
          type: 'ReceivableSettled',
          data: {
            receivableId,
            source: { ...state.source },
            milestone: state.milestone,
            amountFen: state.amountFen,
            currency: state.currency,
            paymentReferences: [...state.payments.map((p) => p.reference), reference],
            settledAt: at,
            by,
          },
        });
      }
      return events;
    }
    default:
      return assertNever(command);
  }
}

export const receivableDecider: Decider<ReceivableCommand, ReceivableEvent, ReceivableState> = {
  decide: decideReceivable,
  evolve: evolveReceivable,
  initialState: initialReceivableState,
};
