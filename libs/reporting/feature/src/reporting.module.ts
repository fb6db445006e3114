import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { readAll, type Instrumentation, type Projection, type ReadModelStore } from '@ooh/eventing';
import { INSTRUMENTATION, OperatorToday, PrometheusInstrumentation, READ_MODELS, SubscriptionsHost } from '@ooh/http-kit';
import { waitingPerRole, type WorkItemState } from '@ooh/reporting-domain';
import { CampaignLedgers } from './campaigns/campaign-ledgers';
import { ReportingCampaignsController } from './campaigns/campaigns.controller';
import { ReportingClientsController } from './campaigns/clients.controller';
import { ReportingFeedConsumer } from './integration/reporting-feed.consumer';
import { LedgersController } from './ledgers/ledgers.controller';
import { campaignsProjection, ledgersProjection } from './ledgers/ledgers.projection';
import { reportingSettings } from './reporting.settings';
import { WorkItemsConsumer } from './work-queue/work-items.consumer';
import { WORK_ITEMS, workItemsProjection } from './work-queue/work-items.projection';
import { WorkQueueController } from './work-queue/work-queue.controller';
import { OperatorSettingsController } from './work-queue/operator-settings.controller';
import { EventFeedController } from './feed/event-feed.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { webhooksProjection } from './webhooks/webhooks.projection';
import { webhookDeliveryJob } from './webhooks/webhook-delivery';
import { eventFeedConsumer, FEED } from './feed/event-feed.consumer';
import { PostBuyController } from './post-buy/post-buy.controller';
import { OccupancyController } from './occupancy/occupancy.controller';

/** The read models of reporting. */
const PROJECTIONS: Projection[] = [ledgersProjection, campaignsProjection, workItemsProjection, webhooksProjection];

/**
 * Reporting (报表): the public feed of every service recorded as facts on the ledger of each document,
 * and the cross-department reports over them, for any business day and as known at any instant.
 */
@Module({
  controllers: [
    ReportingCampaignsController,
    ReportingClientsController,
    PostBuyController,
    OccupancyController,
    EventFeedController,
    WebhooksController,
    LedgersController,
    WorkQueueController,
    OperatorSettingsController,
    ReportingFeedConsumer,
    WorkItemsConsumer,
  ],
  providers: [reportingSettings.provider, CampaignLedgers, OperatorToday],
})
export class ReportingModule implements OnModuleInit {
  constructor(
    private readonly host: SubscriptionsHost,
    @Inject(INSTRUMENTATION) private readonly instrumentation: Instrumentation,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {}

  async onModuleInit(): Promise<void> {
    PROJECTIONS.forEach((p) => this.host.registerProjection(p));
    this.host.registerConsumer(eventFeedConsumer(this.readModels));
    this.host.registerJob(webhookDeliveryJob(this.readModels));
    void this.readModels.ensureIndexes([
      { collection: FEED, fields: ['position'] },
      { collection: FEED, fields: ['type', 'position'] },
    ]);
    if (this.instrumentation instanceof PrometheusInstrumentation)
      this.instrumentation.observeCounts('work_queue_waiting', 'Gates waiting on people, per role that can release them', 'role', async () =>
        waitingPerRole(await readAll<WorkItemState>(this.readModels, WORK_ITEMS, { status: 'waiting' })),
      );
  }
}
