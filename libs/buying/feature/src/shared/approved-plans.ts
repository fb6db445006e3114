import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@ooh/eventing';
import { Aggregates, READ_MODELS } from '@ooh/http-kit';
import { campaignAggregate, latestApprovedVersion, type ApprovedPlanSnapshot, type CampaignState, type OrderPlanSnapshot } from '@ooh/buying-domain';
import { APPROVED_PLAN_INDEX } from '../campaigns/campaigns.projection';

export interface PlanLookup {
  briefId: string | null;
  campaign: CampaignState | null;
}

/** Client-approved plan versions as planning published them, read from the campaign they belong to. */
@Injectable()
export class ApprovedPlans {
  private readonly campaigns;

  constructor(
    aggregates: Aggregates,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {
    this.campaigns = aggregates.commands(campaignAggregate);
  }

  async campaignOf(planId: string): Promise<PlanLookup> {
    const index = await this.readModels.get<{ briefId: string }>(APPROVED_PLAN_INDEX, planId);
    if (!index) return { briefId: null, campaign: null };
    const { state } = await this.campaigns.load(index.doc.briefId);
    return { briefId: index.doc.briefId, campaign: state };
  }

  async forContract(planId: string, version: number): Promise<ApprovedPlanSnapshot> {
    const { campaign } = await this.campaignOf(planId);
    const plan = campaign?.plans.find((p) => p.planId === planId && p.version === version);
    return {
      planId,
      version,
      exists: plan !== undefined,
      clientApproved: plan !== undefined,
      contentHash: plan?.contentHash ?? '',
      clientId: plan?.clientId ?? '',
      briefId: campaign?.briefId ?? '',
      campaign: plan?.campaign ?? '',
      currency: plan?.currency ?? '',
      netFen: plan?.netFen ?? 0,
    };
  }

  async forOrder(planId: string, version: number): Promise<OrderPlanSnapshot & { latestApprovedVersion: number | null }> {
    const { campaign } = await this.campaignOf(planId);
    const plan = campaign?.plans.find((p) => p.planId === planId && p.version === version);
    return {
      planId,
      version,
      exists: plan !== undefined,
      contentHash: plan?.contentHash ?? '',
      briefId: campaign?.briefId ?? '',
      clientId: plan?.clientId ?? '',
      campaign: plan?.campaign ?? '',
      currency: plan?.currency ?? '',
      lines: plan?.lines ?? [],
      latestApprovedVersion: campaign ? latestApprovedVersion(campaign, planId) : null,
    };
  }
}
