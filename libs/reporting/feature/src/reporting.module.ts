import { Module, type OnModuleInit } from '@nestjs/common';
import type { Projection } from '@ooh/eventing';
import { SubscriptionsHost } from '@ooh/http-kit';
import { CampaignLedgers } from './campaigns/campaign-ledgers';
import { ReportingCampaignsController } from './campaigns/campaigns.controller';
import { ReportingFeedConsumer } from './integration/reporting-feed.consumer';
import { LedgersController } from './ledgers/ledgers.controller';
import { campaignsProjection, ledgersProjection } from './ledgers/ledgers.projection';
import { reportingSettings } from './reporting.settings';

/** The read models of reporting. */
const PROJECTIONS: Projection[] = [ledgersProjection, campaignsProjection];

/**
 * Reporting (报表): the public feed of every service recorded as facts on the ledger of each document,
 * and the cross-department reports over them, for any business day and as known at any instant.
 */
@Module({
  controllers: [ReportingCampaignsController, LedgersController, ReportingFeedConsumer],
  providers: [reportingSettings.provider, CampaignLedgers],
})
export class ReportingModule implements OnModuleInit {
  constructor(private readonly host: SubscriptionsHost) {}

  onModuleInit(): void {
    PROJECTIONS.forEach((p) => this.host.registerProjection(p));
  }
}
