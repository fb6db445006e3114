import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { combineProjections, type Projection } from '@ooh/eventing';
import { EvidenceCategories, PLATFORM_CONFIG, SubscriptionsHost, type PlatformConfig, OperatorToday } from '@ooh/http-kit';
import { buyingSettings } from './buying.settings';
import { CampaignsController } from './campaigns/campaigns.controller';
import { approvedPlanIndexProjection, campaignsProjection } from './campaigns/campaigns.projection';
import { ClientContractsController } from './client-contracts/client-contracts.controller';
import { clientContractsProjection } from './client-contracts/client-contracts.projection';
import { buyingRelay } from './integration/buying-relay';
import { agencyBookingsProjection } from './integration/agency-bookings.projection';
import { FinanceFeedConsumer } from './integration/finance-feed.consumer';
import { OperatorFeedConsumer } from './integration/operator-feed.consumer';
import { PlanningFeedConsumer } from './integration/planning-feed.consumer';
import { PlanEstimatesConsumer } from './integration/plan-estimates.consumer';
import { MaterialsDeadlines } from './media-orders/materials-deadlines';
import { MediaOrdersController } from './media-orders/media-orders.controller';
import { mediaOrdersProjection } from './media-orders/media-orders.projection';
import { OrderSigning } from './media-orders/order-signing.process';
import { OrderDeliveryController } from './media-orders/order-delivery.controller';
import { ProofImport } from './media-orders/proof-import';
import { UnitsController } from './media-orders/units.controller';
import { orderUnitsProjection } from './media-orders/units.projection';
import { ApprovedPlans } from './shared/approved-plans';

import { ClientNamesConsumer } from './shared/client-names';
import { BuyingReportsController } from './reports/buying-reports.controller';
import { BUYING_READERS } from './shared/readers';
import { InvoiceBilling } from './vendor-invoices/invoice-billing';
import { InvoiceImport } from './vendor-invoices/invoice-import';
import { VendorInvoicesController } from './vendor-invoices/vendor-invoices.controller';
import { vendorInvoicesProjection } from './vendor-invoices/vendor-invoices.projection';
import { VendorsController } from './vendors/vendors.controller';
import { vendorsProjection } from './vendors/vendors.projection';
import { WORK_ITEMS } from './integration/work-items';
import { invoiceLinesRelay, orderUnitsRelay } from './integration/detail-relays';

/** The read models of buying. */
const PROJECTIONS: Projection[] = [
  vendorsProjection,
  clientContractsProjection,
  // The units are written from the order as its own projection just left it: one projection, in log order.
  combineProjections('buying.media-orders+units', mediaOrdersProjection, orderUnitsProjection),
  vendorInvoicesProjection,
  campaignsProjection,
  approvedPlanIndexProjection,
  agencyBookingsProjection,
];

/**
 * Buying (媒介购买): the vendor library with rate cards, client contracts, media orders with their
 * signing gates, and the feeds from planning and finance they depend on.
 */
@Module({
  controllers: [
    VendorsController,
    ClientContractsController,
    MediaOrdersController,
    OrderDeliveryController,
    UnitsController,
    VendorInvoicesController,
    BuyingReportsController,
    CampaignsController,
    PlanningFeedConsumer,
    PlanEstimatesConsumer,
    FinanceFeedConsumer,
    OperatorFeedConsumer,
    ClientNamesConsumer,
  ],
  providers: [buyingSettings.provider, OperatorToday, ApprovedPlans, OrderSigning, MaterialsDeadlines, ProofImport, InvoiceImport, InvoiceBilling],
})
export class BuyingModule implements OnModuleInit {
  constructor(
    private readonly host: SubscriptionsHost,
    private readonly materials: MaterialsDeadlines,
    private readonly evidence: EvidenceCategories,
    private readonly billing: InvoiceBilling,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  onModuleInit(): void {
    PROJECTIONS.forEach((p) => this.host.registerProjection(p));
    this.host.registerJob(this.materials.job(this.config.schedulerIntervalMs));
    this.host.registerRelay(buyingRelay);
    WORK_ITEMS.forEach((w) => this.host.registerStateRelay(w));
    this.host.registerStateRelay(orderUnitsRelay);
    this.host.registerStateRelay(invoiceLinesRelay);
    this.host.registerReactor(this.billing.applyToOrder);
    this.evidence.declare([
      { streamCategory: 'buying.client_contract', category: 'client-contract', path: '/api/buying/client-contracts/{id}', readers: BUYING_READERS },
      { streamCategory: 'buying.media_order', category: 'media-order', path: '/api/buying/media-orders/{id}', readers: BUYING_READERS },
      { streamCategory: 'buying.vendor_invoice', category: 'vendor-invoice', path: '/api/buying/vendor-invoices/{id}', readers: BUYING_READERS },
    ]);
  }
}
