import { Module, type OnModuleInit } from '@nestjs/common';
import type { Projection } from '@ooh/eventing';
import { SubscriptionsHost } from '@ooh/http-kit';
import { planningSettings } from './planning.settings';
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

/** The read models of planning. */
const PROJECTIONS: Projection[] = [budgetsProjection, briefsProjection, meetingsProjection, clientsProjection, mediaPlansProjection];

/** Planning: its controllers, consumers and read models. */
@Module({
  controllers: [BudgetsController, BriefsController, MeetingsController, ClientsController, MediaPlansController],
  providers: [planningSettings.provider],
})
export class PlanningModule implements OnModuleInit {
  constructor(private readonly host: SubscriptionsHost) {}

  onModuleInit(): void {
    PROJECTIONS.forEach((p) => this.host.registerProjection(p));
  }
}
