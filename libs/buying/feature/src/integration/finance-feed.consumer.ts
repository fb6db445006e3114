import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { payablePaidV1, receivableSettledV1, type PayablePaidV1, type ReceivableSettledV1 } from '@ooh/contracts';
import { commandContext, SYSTEM_ACTORS } from '@ooh/eventing';
import { Aggregates, BusContext, Consumes, Delivery } from '@ooh/http-kit';
import { clientContractAggregate, mediaOrderAggregate, vendorInvoiceAggregate } from '@ooh/buying-domain';
import { vendorPaymentRequestId } from '../media-orders/vendor-payment-id';

/** Finance's answers that concern buying: a contract milestone collected, a vendor paid. Others' are not ours and are skipped. */
@Controller()
export class FinanceFeedConsumer {
  private readonly contracts;
  private readonly orders;
  private readonly invoices;

  constructor(aggregates: Aggregates) {
    this.contracts = aggregates.commands(clientContractAggregate);
    this.orders = aggregates.commands(mediaOrderAggregate);
    this.invoices = aggregates.commands(vendorInvoiceAggregate);
  }

  @Consumes(receivableSettledV1, { group: 'buying.collections' })
  async settled(@Payload() d: ReceivableSettledV1, @Delivery() context: BusContext): Promise<void> {
    if (d.source.context !== 'buying' || d.source.kind !== 'client-contract') return;
    const data = { receivableId: d.receivableId, kind: d.milestone, amountFen: d.amountFen, settledAt: d.settledAt };
    await this.contracts.execute(d.source.id, 'RecordMilestoneCollected', data, commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance));
  }

  @Consumes(payablePaidV1, { group: 'buying.vendor-payments' })
  async paid(@Payload() d: PayablePaidV1, @Delivery() context: BusContext): Promise<void> {
    if (d.source?.context !== 'buying') return;
    if (d.source.kind === 'vendor-invoice') {
      const paid = { payableId: d.payableId, reference: d.paymentReference, paidOn: d.paidOn };
      await this.invoices.execute(d.source.id, 'RecordVendorInvoicePaid', paid, commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance));
      return;
    }
    if (d.source.kind !== 'media-order') return;
    const data = { requestId: vendorPaymentRequestId(d.source.id, d.milestone), payableId: d.payableId, reference: d.paymentReference, paidOn: d.paidOn };
    await this.orders.execute(d.source.id, 'RecordVendorPaymentPaid', data, commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance));
  }
}
