import { Payload } from '@nestjs/microservices';
import { Controller, Inject } from '@nestjs/common';
import { bookingPaymentRequestedV1, vendorPaymentRequestedV1, type BookingPaymentRequestedV1, type VendorPaymentRequestedV1 } from '@ooh/contracts';
import { commandContext, SYSTEM_ACTORS } from '@ooh/eventing';
import { Aggregates, BusContext, Consumes, Delivery, PLATFORM_CONFIG, type PlatformConfig } from '@ooh/http-kit';
import { dueDateAfter } from '@ooh/calendar';
import { payableAggregate, receivableAggregate } from '@ooh/finance-domain';
import { FINANCE_SETTINGS, type FinanceSettings } from '../finance.settings';
import { payableIdFor, receivableIdFor } from './finance-relay';

/** Finance's side of other departments' payment requests: they become receivables and payables. */
@Controller()
export class PaymentRequestsConsumer {
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

  @Consumes(bookingPaymentRequestedV1, { group: 'finance.booking-payment-requests' })
  async bookingPayment(@Payload() d: BookingPaymentRequestedV1, @Delivery() context: BusContext): Promise<void> {
    const data = {
      client: d.advertiser,
      source: { context: 'operations', kind: 'booking', id: d.bookingId },
      milestone: d.milestone,
      amountFen: d.amountFen,
      currency: d.currency,
      dueDate: dueDateAfter(d.requestedAt, this.config.timeZone, this.settings.paymentTermsDays),
      description: d.description,
    };
    const receivableId = receivableIdFor('operations', 'booking', d.bookingId, d.milestone);
    await this.receivables.execute(receivableId, 'OpenReceivable', data, commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance));
  }

  @Consumes(vendorPaymentRequestedV1, { group: 'finance.vendor-payment-requests' })
  async vendorPayment(@Payload() d: VendorPaymentRequestedV1, @Delivery() context: BusContext): Promise<void> {
    const data = {
      vendor: d.vendor,
      source: { context: 'operations', kind: d.source.kind, id: d.source.id },
      milestone: d.milestone,
      amountFen: d.amountFen,
      currency: d.currency,
      dueDate: null,
      purpose: `${d.source.kind} ${d.source.id}`,
      requestedBy: { userId: d.requestedBy, role: 'ops-manager' },
      executiveThresholdFen: this.settings.payableExecutiveThresholdFen,
    };
    await this.payables.execute(
      payableIdFor(d.requestId, d.milestone),
      'RequestPayable',
      data,
      commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance),
    );
  }
}
