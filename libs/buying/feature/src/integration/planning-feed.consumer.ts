import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { budgetAuthorizedV1, mediaPlanApprovedV1, type BudgetAuthorizedV1, type MediaPlanApprovedV1 } from '@ooh/contracts';
import { commandContext, SYSTEM_ACTORS } from '@ooh/eventing';
import { Aggregates, BusContext, Consumes, Delivery } from '@ooh/http-kit';
import { campaignAggregate } from '@ooh/buying-domain';

/** Planning's public facts buying decides on: client-approved plan versions and authorized budgets, kept in the campaign's stream. */
@Controller()
export class PlanningFeedConsumer {
  private readonly campaigns;

  constructor(aggregates: Aggregates) {
    this.campaigns = aggregates.commands(campaignAggregate);
  }

  @Consumes(mediaPlanApprovedV1, { group: 'buying.approved-plans' })
  async planApproved(@Payload() d: MediaPlanApprovedV1, @Delivery() context: BusContext): Promise<void> {
    const lines = d.lines.map((l) => ({
      lineId: l.lineId,
      channel: l.channel,
      vendor: l.vendor,
      property: l.property,
      faces: l.faces,
      market: l.market,
      flight: l.flight,
      commissionPercent: l.commissionPercent,
      netFen: l.netFen,
    }));
    const plan = {
      planId: d.planId,
      version: d.version,
      contentHash: d.contentHash,
      clientId: d.clientId,
      campaign: d.campaign,
      currency: d.currency,
      lines,
      netFen: d.totals.netFen,
      approvedAt: d.approvedAt,
    };
    await this.campaigns.execute(d.briefId, 'RecordApprovedPlan', { plan }, commandContext.fromMessage(context.message, SYSTEM_ACTORS.feed));
  }

  @Consumes(budgetAuthorizedV1, { group: 'buying.budgets' })
  async budgetAuthorized(@Payload() d: BudgetAuthorizedV1, @Delivery() context: BusContext): Promise<void> {
    const authorization = {
      authorizationId: d.authorizationId,
      poReference: d.poReference,
      buckets: d.buckets,
      totalFen: d.totalFen,
      authorizedAt: d.authorizedAt,
    };
    await this.campaigns.execute(
      d.briefId,
      'RecordBudgetAuthorization',
      { clientId: d.clientId, authorization },
      commandContext.fromMessage(context.message, SYSTEM_ACTORS.feed),
    );
  }
}
