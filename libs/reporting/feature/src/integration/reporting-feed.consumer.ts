import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  audienceDeliveredV1,
  bookingPostedV1,
  bookingRemovedV1,
  briefIssuedV1,
  budgetAuthorizedV1,
  clientContractSignedV1,
  faceHoldChangedV1,
  invoiceIssuedV1,
  makegoodAcceptedV1,
  mediaOrderSignedV1,
  mediaOrderUnitsV1,
  mediaPlanApprovedV1,
  mediaPlanEstimatesV1,
  oohBookingRequestedV1,
  payablePaidV1,
  paymentReceivedV1,
  proofOfPlayIssuedV1,
  productionJobOpenedV1,
  productionMilestoneV1,
  siteChangedV1,
  unitDeliveryRecordedV1,
  vendorCreditDueV1,
  vendorInvoiceApprovedV1,
  vendorInvoiceLinesV1,
  type AudienceDeliveredV1,
  type BookingPostedV1,
  type BookingRemovedV1,
  type BriefIssuedV1,
  type BudgetAuthorizedV1,
  type ClientContractSignedV1,
  type FaceHoldChangedV1,
  type InvoiceIssuedV1,
  type MakegoodAcceptedV1,
  type MediaOrderSignedV1,
  type MediaOrderUnitsV1,
  type MediaPlanApprovedV1,
  type MediaPlanEstimatesV1,
  type OohBookingRequestedV1,
  type PayablePaidV1,
  type PaymentReceivedV1,
  type ProofOfPlayIssuedV1,
  type ProductionJobOpenedV1,
  type ProductionMilestoneV1,
  type SiteChangedV1,
  type UnitDeliveryRecordedV1,
  type VendorCreditDueV1,
  type VendorInvoiceApprovedV1,
  type VendorInvoiceLinesV1,
} from '@ooh/contracts';
import { commandContext, SYSTEM_ACTORS } from '@ooh/eventing';
import { Aggregates, BusContext, Consumes, Delivery, PLATFORM_CONFIG, type PlatformConfig } from '@ooh/http-kit';
import { ledgerAggregate } from '@ooh/reporting-domain';
import * as feed from './feed-facts';

/**
 * Reporting's only input: the public feed of every service, recorded as facts on the ledger of the
 * document each message is about. It writes nothing back to any service.
 */
@Controller()
export class ReportingFeedConsumer {
  private readonly ledgers;

  constructor(
    aggregates: Aggregates,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.ledgers = aggregates.commands(ledgerAggregate);
  }

  private async record(context: BusContext, entries: (reader: feed.FeedReader) => feed.LedgerEntry[]): Promise<void> {
    const { message } = context;
    for (const entry of entries(new feed.FeedReader(message, this.config.timeZone))) {
      const ctx = commandContext.fromMessage(message, SYSTEM_ACTORS.feed, [entry.ledgerId]);
      await this.ledgers.execute(entry.ledgerId, 'RecordFacts', { ...entry, messageId: message.messageId }, ctx);
    }
  }

  @Consumes(mediaPlanApprovedV1, { group: 'reporting.plans' })
  plan(@Payload() d: MediaPlanApprovedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.planApprovedFacts(r, d));
  }

  @Consumes(briefIssuedV1, { group: 'reporting.briefs' })
  brief(@Payload() d: BriefIssuedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.briefIssuedFacts(r, d));
  }

  @Consumes(mediaPlanEstimatesV1, { group: 'reporting.plan-estimates' })
  planEstimates(@Payload() d: MediaPlanEstimatesV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.planEstimatesFacts(r, d));
  }

  @Consumes(audienceDeliveredV1, { group: 'reporting.audience' })
  audience(@Payload() d: AudienceDeliveredV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.audienceDeliveredFacts(r, d, c.message.messageId));
  }

  @Consumes(budgetAuthorizedV1, { group: 'reporting.budgets' })
  budget(@Payload() d: BudgetAuthorizedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.budgetAuthorizedFacts(r, d));
  }

  @Consumes(clientContractSignedV1, { group: 'reporting.client-contracts' })
  contract(@Payload() d: ClientContractSignedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.contractSignedFacts(r, d));
  }

  @Consumes(mediaOrderSignedV1, { group: 'reporting.media-orders' })
  order(@Payload() d: MediaOrderSignedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.orderSignedFacts(r, d));
  }

  @Consumes(mediaOrderUnitsV1, { group: 'reporting.order-units' })
  orderUnits(@Payload() d: MediaOrderUnitsV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.orderUnitsFacts(r, d));
  }

  @Consumes(vendorInvoiceLinesV1, { group: 'reporting.invoice-lines' })
  invoiceLines(@Payload() d: VendorInvoiceLinesV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.invoiceLinesFacts(r, d));
  }

  @Consumes(unitDeliveryRecordedV1, { group: 'reporting.unit-delivery' })
  units(@Payload() d: UnitDeliveryRecordedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.unitDeliveryFacts(r, d, c.message.messageId));
  }

  @Consumes(makegoodAcceptedV1, { group: 'reporting.makegoods' })
  makegood(@Payload() d: MakegoodAcceptedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.makegoodFacts(r, d));
  }

  @Consumes(vendorCreditDueV1, { group: 'reporting.vendor-credits' })
  credit(@Payload() d: VendorCreditDueV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.vendorCreditFacts(r, d));
  }

  @Consumes(vendorInvoiceApprovedV1, { group: 'reporting.vendor-invoices' })
  vendorInvoice(@Payload() d: VendorInvoiceApprovedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.vendorInvoiceFacts(r, d));
  }

  @Consumes(oohBookingRequestedV1, { group: 'reporting.ooh-requests' })
  oohRequested(@Payload() d: OohBookingRequestedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.oohRequestedFacts(r, d));
  }

  @Consumes(bookingPostedV1, { group: 'reporting.postings' })
  posted(@Payload() d: BookingPostedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.bookingPostedFacts(r, d));
  }

  @Consumes(bookingRemovedV1, { group: 'reporting.removals' })
  removed(@Payload() d: BookingRemovedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.bookingRemovedFacts(r, d));
  }

  @Consumes(proofOfPlayIssuedV1, { group: 'reporting.proof-of-play' })
  proofOfPlay(@Payload() d: ProofOfPlayIssuedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.proofOfPlayFacts(r, d));
  }

  @Consumes(siteChangedV1, { group: 'reporting.sites' })
  site(@Payload() d: SiteChangedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.siteChangedFacts(r, d));
  }

  @Consumes(faceHoldChangedV1, { group: 'reporting.face-holds' })
  faceHold(@Payload() d: FaceHoldChangedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.faceHoldFacts(r, d));
  }

  @Consumes(productionJobOpenedV1, { group: 'reporting.production-jobs' })
  productionJob(@Payload() d: ProductionJobOpenedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.productionJobOpenedFacts(r, d));
  }

  @Consumes(productionMilestoneV1, { group: 'reporting.production-milestones' })
  productionMilestone(@Payload() d: ProductionMilestoneV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.productionMilestoneFacts(r, d));
  }

  @Consumes(invoiceIssuedV1, { group: 'reporting.invoices' })
  invoiced(@Payload() d: InvoiceIssuedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.invoiceIssuedFacts(r, d));
  }

  @Consumes(paymentReceivedV1, { group: 'reporting.collections' })
  collected(@Payload() d: PaymentReceivedV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.paymentReceivedFacts(r, d));
  }

  @Consumes(payablePaidV1, { group: 'reporting.payouts' })
  paid(@Payload() d: PayablePaidV1, @Delivery() c: BusContext) {
    return this.record(c, (r) => feed.payablePaidFacts(r, d));
  }
}
