import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { Projection } from '@ooh/eventing';
import { PLATFORM_CONFIG, SubscriptionsHost, type PlatformConfig, type StateRelayDefinition } from '@ooh/http-kit';
import { MeetingAutomation } from './meetings/meeting-automation';
import { ClientSnapshots } from './shared/client-snapshots';
import { Campaigns } from './shared/campaigns';
import { FaceAvailability } from './availability/face-availability';
import { FaceHoldsConsumer } from './availability/face-holds.consumer';
import { briefRelay, planEstimatesRelay, planningRelay, proposalOutcomeRelay } from './integration/planning-relay';
import { planningSettings } from './planning.settings';
import { approvedPlansProjection } from './reports/approved-plans.projection';
import { PlanningReportsController } from './reports/planning-reports.controller';
import { MediaPlansController } from './media-plans/media-plans.controller';
import { mediaPlansProjection } from './media-plans/media-plans.projection';
import { ClientsController } from './clients/clients.controller';
import { clientsProjection } from './clients/clients.projection';
import { MeetingsController } from './meetings/meetings.controller';
import { meetingsProjection } from './meetings/meetings.projection';
import { BriefsController } from './briefs/briefs.controller';
import { briefsProjection } from './briefs/briefs.projection';
import { BudgetsController } from './budgets/budgets.controller';
import { budgetsProjection } from './budgets/budgets.projection';
import { WORK_ITEMS } from './integration/work-items';

/** The read models of planning. */
const PROJECTIONS: Projection[] = [clientsProjection, meetingsProjection, briefsProjection, budgetsProjection, mediaPlansProjection, approvedPlansProjection];

/**
 * Planning (策划): client files, new-client meetings, briefs, budget authorizations and media plans
 * with their versions, approvals and proposals.
 */
@Module({
  controllers: [ClientsController, MeetingsController, BriefsController, BudgetsController, MediaPlansController, PlanningReportsController, FaceHoldsConsumer],
  providers: [planningSettings.provider, ClientSnapshots, Campaigns, FaceAvailability, MeetingAutomation],
})
export class PlanningModule implements OnModuleInit {
  constructor(
    private readonly host: SubscriptionsHost,
    private readonly meetings: MeetingAutomation,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  onModuleInit(): void {
    PROJECTIONS.forEach((p) => this.host.registerProjection(p));
    this.host.registerJob(this.meetings.checklistJob(this.config.schedulerIntervalMs));
    this.host.registerRelay(planningRelay);
    this.host.registerRelay(proposalOutcomeRelay);
    this.host.registerRelay(planEstimatesRelay);
    this.host.registerStateRelay(briefRelay as StateRelayDefinition<unknown>);
    WORK_ITEMS.forEach((w) => this.host.registerStateRelay(w));
  }
}
