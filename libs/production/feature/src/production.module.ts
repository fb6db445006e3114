import { Module, type OnModuleInit } from '@nestjs/common';
import type { Projection } from '@ooh/eventing';
import { EvidenceCategories, OperatorToday, SubscriptionsHost } from '@ooh/http-kit';
import { BidRequestsController } from './bid-requests/bid-requests.controller';
import { bidRequestsProjection } from './bid-requests/bid-requests.projection';
import { CfJobsController } from './cf-jobs/cf-jobs.controller';
import { cfJobsProjection } from './cf-jobs/cf-jobs.projection';
import { PipelineController } from './reports/pipeline.controller';
import { ProductionFinanceFeedConsumer } from './integration/finance-feed.consumer';
import { productionMilestonesRelay, productionRelay } from './integration/production-relay';
import { PrintJobsController } from './print-jobs/print-jobs.controller';
import { printJobsProjection } from './print-jobs/print-jobs.projection';
import { productionSettings } from './production.settings';
import { WORK_ITEMS } from './integration/work-items';
import { PRODUCTION_READERS } from './shared/readers';
import { VendorDirectoryConsumer } from './shared/vendor-directory';
import { BriefDirectory, BriefDirectoryConsumer } from './shared/brief-directory';

/** The read models of production. */
const PROJECTIONS: Projection[] = [bidRequestsProjection, cfJobsProjection, printJobsProjection];

/**
 * Production (制作): requests for quotes shared by every job kind, TV-commercial jobs from the ticket
 * to the master and print jobs from the film proof to the goods, each gated on the client's payments.
 */
@Module({
  controllers: [
    BidRequestsController,
    CfJobsController,
    PrintJobsController,
    PipelineController,
    ProductionFinanceFeedConsumer,
    VendorDirectoryConsumer,
    BriefDirectoryConsumer,
  ],
  providers: [productionSettings.provider, OperatorToday, BriefDirectory],
})
export class ProductionModule implements OnModuleInit {
  constructor(
    private readonly host: SubscriptionsHost,
    private readonly evidence: EvidenceCategories,
  ) {}

  onModuleInit(): void {
    PROJECTIONS.forEach((p) => this.host.registerProjection(p));
    this.host.registerRelay(productionRelay);
    this.host.registerRelay(productionMilestonesRelay);
    WORK_ITEMS.forEach((w) => this.host.registerStateRelay(w));
    this.evidence.declare([
      { streamCategory: 'production.bid_request', category: 'bid-request', path: '/api/production/bid-requests/{id}', readers: PRODUCTION_READERS },
      { streamCategory: 'production.cf_job', category: 'cf-job', path: '/api/production/cf-jobs/{id}', readers: PRODUCTION_READERS },
      { streamCategory: 'production.print_job', category: 'print-job', path: '/api/production/print-jobs/{id}', readers: PRODUCTION_READERS },
    ]);
  }
}
