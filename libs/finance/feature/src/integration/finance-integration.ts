import { Inject, Injectable } from '@nestjs/common';
import {
  bookingPaymentRequestedV1,
  payablePaidV1,
  receivableSettledV1,
  validatedHandler,
  vendorPaymentRequestedV1,
} from '@ooh/contracts';
import { commandContext, deterministicId, integrationEnvelope, SYSTEM_ACTORS, type IntegrationMessage, type RecordedEvent } from '@ooh/eventing';
import { Aggregates, PLATFORM_CONFIG, type ConsumerDefinition, type PlatformConfig, type RelayDefinition } from '@ooh/http-kit';
import { FINANCE_SETTINGS, type FinanceSettings } from '../finance.settings';
import { payableAggregate, receivableAggregate, type PayablePaid, type ReceivableSettled } from '@ooh/finance-domain';
import { DateTime } from 'luxon';


/** The same milestone of the same source always maps to the same receivable: it can never open twice. */
export const receivableIdFor = (context: string, kind: string, id: string, milestone: string) => deterministicId('receivable', context, kind, id, milestone);
export const payableIdFor = (requestId: string, milestone: string) => deterministicId('payable', requestId, milestone);


export function toFinanceMessage(event: RecordedEvent): IntegrationMessage | undefined {
  switch (event.type) {
    case 'ReceivableSettled': {
      const d = event.data as ReceivableSettled['data'];
      return receivableSettledV1.message(
        { receivableId: d.receivableId, source: d.source, milestone: d.milestone, amountFen: d.amountFen, currency: d.currency, paymentReferences: d.paymentReferences, settledAt: d.settledAt },
        integrationEnvelope(event),
      );
    }
    case 'PayablePaid': {
      const d = event.data as PayablePaid['data'];
      return payablePaidV1.message(
        { payableId: d.payableId, source: d.source, vendor: d.vendor, milestone: d.milestone, amountFen: d.amountFen, currency: d.currency, paymentReference: d.paymentReference, paidOn: d.paidOn },
        integrationEnvelope(event),
      );
    }
    default:
      return undefined;
  }
}

export const financeRelay: RelayDefinition = { name: 'finance', filter: { streamPrefix: 'finance.' }, map: toFinanceMessage };

/** Finance's process managers: other departments' payment requests become receivables and payables. */
@Injectable()
export class FinanceIntegration {
  private readonly receivables;
  private readonly payables;

  constructor(
    aggregates: Aggregates,
    @Inject(FINANCE_SETTINGS) private readonly settings: FinanceSettings,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.receivables = aggregates.commands(receivableAggregate);
    this.payables = aggregates.commands(payableAggregate);
  }

  readonly bookingPayments: ConsumerDefinition = {
    name: 'finance.booking-payment-requests',
    types: [bookingPaymentRequestedV1.type],
    handle: validatedHandler([bookingPaymentRequestedV1], async (message) => {
      const d = message.data;
      const receivableId = receivableIdFor('operations', 'booking', d.bookingId, d.milestone);
      const dueDate = DateTime.fromISO(d.requestedAt).setZone(this.config.timeZone).plus({ days: this.settings.paymentTermsDays }).toISODate()!;
      const data = {
        client: d.advertiser, source: { context: 'operations', kind: 'booking', id: d.bookingId }, milestone: d.milestone,
        amountFen: d.amountFen, currency: d.currency, dueDate, description: d.description,
      };
      await this.receivables.execute(receivableId, 'OpenReceivable', data, commandContext.fromMessage(message, SYSTEM_ACTORS.finance));
    }),
  };

  readonly vendorPayments: ConsumerDefinition = {
    name: 'finance.vendor-payment-requests',
    types: [vendorPaymentRequestedV1.type],
    handle: validatedHandler([vendorPaymentRequestedV1], async (message) => {
      const d = message.data;
      const payableId = payableIdFor(d.requestId, d.milestone);
      const data = {
        vendor: d.vendor, source: { context: 'operations', kind: d.source.kind, id: d.source.id }, milestone: d.milestone,
        amountFen: d.amountFen, currency: d.currency, dueDate: null, purpose: `${d.source.kind} ${d.source.id}`,
        requestedBy: { userId: d.requestedBy, role: 'ops-manager' }, executiveThresholdFen: this.settings.payableExecutiveThresholdFen,
      };
      await this.payables.execute(payableId, 'RequestPayable', data, commandContext.fromMessage(message, SYSTEM_ACTORS.finance));
    }),
  };
}
