import { invoiceIssuedV1, payablePaidV1, paymentReceivedV1, receivableSettledV1 } from '@ooh/contracts';
import { deterministicId, integrationEnvelope, type IntegrationMessage, type RecordedEvent } from '@ooh/eventing';
import type { RelayDefinition } from '@ooh/http-kit';
import type { InvoiceIssued, PayablePaid, PaymentRecorded, ReceivableSettled } from '@ooh/finance-domain';

/** The same milestone of the same source always maps to the same receivable: it can never open twice. */
export const receivableIdFor = (context: string, kind: string, id: string, milestone: string) => deterministicId('receivable', context, kind, id, milestone);
export const payableIdFor = (requestId: string, milestone: string) => deterministicId('payable', requestId, milestone);

/** Finance's public events, from its log. */
export function toFinanceMessage(event: RecordedEvent): IntegrationMessage | undefined {
  switch (event.type) {
    case 'ReceivableSettled': {
      const d = event.data as ReceivableSettled['data'];
      return receivableSettledV1.message(
        {
          receivableId: d.receivableId,
          source: d.source,
          milestone: d.milestone,
          amountFen: d.amountFen,
          currency: d.currency,
          paymentReferences: d.paymentReferences,
          settledAt: d.settledAt,
        },
        integrationEnvelope(event),
      );
    }
    case 'InvoiceIssued': {
      const d = event.data as InvoiceIssued['data'];
      if (!d.billed) return undefined;
      const { source, milestone, amountFen, currency } = d.billed;
      return invoiceIssuedV1.message(
        { receivableId: d.receivableId, invoiceNumber: d.invoiceNumber, source, milestone, amountFen, currency, dueDate: d.dueDate, issuedAt: d.at },
        integrationEnvelope(event),
      );
    }
    case 'PaymentRecorded': {
      const d = event.data as PaymentRecorded['data'];
      if (!d.source) return undefined;
      return paymentReceivedV1.message(
        {
          receivableId: d.receivableId,
          paymentId: d.paymentId,
          source: d.source,
          amountFen: d.amountFen,
          currency: d.currency,
          receivedOn: d.receivedOn,
          outstandingFen: d.outstandingFen,
          recordedAt: d.at,
        },
        integrationEnvelope(event),
      );
    }
    case 'PayablePaid': {
      const d = event.data as PayablePaid['data'];
      return payablePaidV1.message(
        {
          payableId: d.payableId,
          source: d.source,
          vendor: d.vendor,
          milestone: d.milestone,
          amountFen: d.amountFen,
          currency: d.currency,
          paymentReference: d.paymentReference,
          paidOn: d.paidOn,
        },
        integrationEnvelope(event),
      );
    }
    default:
      return undefined;
  }
}

export const financeRelay: RelayDefinition = { name: 'finance', filter: { streamPrefix: 'finance.' }, map: toFinanceMessage };
