import { Payload } from '@nestjs/microservices';
import { Controller } from '@nestjs/common';
import { receivableSettledV1, type ReceivableSettledV1 } from '@ooh/contracts';
import { commandContext, SYSTEM_ACTORS } from '@ooh/eventing';
import { Aggregates, BusContext, Consumes, Delivery } from '@ooh/http-kit';
import { bookingAggregate } from '@ooh/operations-domain';

/** Finance's settlement opens the booking's payment gate. */
@Controller()
export class BookingPaymentsConsumer {
  private readonly bookings;

  constructor(aggregates: Aggregates) {
    this.bookings = aggregates.commands(bookingAggregate);
  }

  // A settlement that overtakes the booking's own approval waits for the payment gate; it never posts early.
  @Consumes(receivableSettledV1, { group: 'operations.booking-payments', waitFor: ['PAYMENT_NOT_REQUESTED'] })
  async settled(@Payload() data: ReceivableSettledV1, @Delivery() context: BusContext): Promise<void> {
    if (data.source.context !== 'operations' || data.source.kind !== 'booking') return;
    const paymentReference = data.paymentReferences.join(', ') || data.receivableId;
    await this.bookings.execute(
      data.source.id,
      'ConfirmPayment',
      { paymentReference, receivedAt: data.settledAt },
      commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance),
    );
  }
}
