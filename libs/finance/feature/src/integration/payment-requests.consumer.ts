import { Payload } from '@nestjs/microservices';
import { Controller, Inject } from '@nestjs/common';
import {
  bookingPaymentRequestedV1,
  buyingVendorPaymentRequestedV1,
  clientContractSignedV1,
  vendorPaymentRequestedV1,
  type BookingPaymentRequestedV1,
  type BuyingVendorPaymentRequestedV1,
  type ClientContractSignedV1,
  type VendorPaymentRequestedV1,
  vendorInvoiceApprovedV1,
  type VendorInvoiceApprovedV1,
  productionPaymentRequestedV1,
  type ProductionPaymentRequestedV1,
  productionVendorCostRequestedV1,
  type ProductionVendorCostRequestedV1,
} from '@ooh/contracts';
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

  /** One receivable per milestone a signature bills; an amendment's additions are receivables of their own. */
  @Consumes(clientContractSignedV1, { group: 'finance.client-contracts' })
  async clientContractSigned(@Payload() d: ClientContractSignedV1, @Delivery() context: BusContext): Promise<void> {
    for (const [n, b] of d.billing.entries()) {
      const data = {
        client: { name: d.client.name, clientId: d.client.clientId },
        source: { context: 'buying', kind: 'client-contract', id: d.contractId },
        milestone: b.milestone,
        amountFen: b.amountFen,
        currency: d.currency,
        dueDate: b.dueDate,
        description: `${d.campaign}: ${b.milestone} of client contract ${d.contractId} (revision ${d.revision})`,
      };
      const receivableId = receivableIdFor('buying', 'client-contract', d.contractId, `${b.milestone}#${d.revision}`);
      await this.receivables.execute(receivableId, 'OpenReceivable', data, commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance, [String(n)]));
    }
  }

  @Consumes(buyingVendorPaymentRequestedV1, { group: 'finance.media-vendor-payment-requests' })
  async mediaVendorPayment(@Payload() d: BuyingVendorPaymentRequestedV1, @Delivery() context: BusContext): Promise<void> {
    const data = {
      vendor: d.vendor,
      source: { context: 'buying', kind: d.source.kind, id: d.source.id },
      milestone: d.milestone,
      amountFen: d.amountFen,
      currency: d.currency,
      dueDate: d.dueDate,
      purpose: `${d.milestone} of ${d.source.kind} ${d.source.id}`,
      requestedBy: { userId: d.requestedBy, role: 'media-manager' },
      executiveThresholdFen: this.settings.payableExecutiveThresholdFen,
    };
    await this.payables.execute(
      payableIdFor(d.requestId, d.milestone),
      'RequestPayable',
      data,
      commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance),
    );
  }

  /** An approved media vendor invoice: a payable for what it pays (finance approves the payable again, four eyes within finance). */
  @Consumes(vendorInvoiceApprovedV1, { group: 'finance.media-vendor-invoices' })
  async mediaVendorInvoice(@Payload() d: VendorInvoiceApprovedV1, @Delivery() context: BusContext): Promise<void> {
    if (d.payableFen === 0) return;
    const data = {
      vendor: d.vendor,
      source: { context: 'buying', kind: 'vendor-invoice', id: d.invoiceId },
      milestone: 'balance',
      amountFen: d.payableFen,
      currency: d.currency,
      dueDate: d.dueDate,
      purpose: `Invoice ${d.invoiceNumber} of ${d.vendor.name} (order ${d.orderId})`,
      requestedBy: { userId: d.approvedBy, role: 'finance' },
      executiveThresholdFen: this.settings.payableExecutiveThresholdFen,
    };
    await this.payables.execute(
      payableIdFor(d.invoiceId, 'balance'),
      'RequestPayable',
      data,
      commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance),
    );
  }

  /** A production contract's milestone: the receivable whose settlement opens production's gate. */
  @Consumes(productionPaymentRequestedV1, { group: 'finance.production-payment-requests' })
  async productionPayment(@Payload() d: ProductionPaymentRequestedV1, @Delivery() context: BusContext): Promise<void> {
    const kind = d.jobKind === 'cf' ? 'cf-job' : 'print-job';
    const data = {
      client: { name: d.client.name, clientId: d.client.clientId },
      source: { context: 'production', kind, id: d.jobId },
      milestone: d.milestone,
      amountFen: d.amountFen,
      currency: d.currency,
      dueDate: dueDateAfter(d.requestedAt, this.config.timeZone, this.settings.paymentTermsDays),
      description: `${d.title}: ${d.milestone} of the production contract`,
    };
    await this.receivables.execute(
      receivableIdFor('production', kind, d.jobId, d.milestone),
      'OpenReceivable',
      data,
      commandContext.fromMessage(context.message, SYSTEM_ACTORS.finance),
    );
  }

  /** A production vendor's cost: a payable whose source names the job and the cost (`<jobId>/<costId>`): a CF job's `vendor-cost`, a print job's `printer-payment`. */
  @Consumes(productionVendorCostRequestedV1, { group: 'finance.production-vendor-costs' })
  async productionVendorCost(@Payload() d: ProductionVendorCostRequestedV1, @Delivery() context: BusContext): Promise<void> {
    const data = {
      vendor: d.vendor,
      source: { context: 'production', kind: d.jobKind === 'cf' ? 'vendor-cost' : 'printer-payment', id: `${d.jobId}/${d.requestId}` },
      milestone: d.milestone,
      amountFen: d.amountFen,
      currency: d.currency,
      dueDate: null,
      purpose: `${d.category} of ${d.jobKind} job ${d.jobId}`,
      requestedBy: { userId: d.requestedBy, role: 'production-manager' },
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
