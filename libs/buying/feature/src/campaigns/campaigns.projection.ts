import { entityProjection, eventProjection } from '@ooh/eventing';
import { authorizedBudget, campaignDecider, type CampaignEvent, type CampaignState } from '@ooh/buying-domain';

export const CAMPAIGNS = 'buying_campaigns';
export const APPROVED_PLAN_INDEX = 'buying_approved_plan_index';

export const campaignView = (state: CampaignState) => {
  const authorized = authorizedBudget(state);
  const committedFen = state.commitments.reduce((s, c) => s + c.netFen, 0);
  return { authorizedFen: authorized.totalFen, committedFen, remainingFen: authorized.totalFen === null ? null : authorized.totalFen - committedFen };
};

/** Each campaign as buying knows it: approved plan versions, authorized budget and committed spend. */
export const campaignsProjection = entityProjection({
  name: 'buying.campaigns',
  collection: CAMPAIGNS,
  category: 'buying.campaign',
  indexes: [['clientId'], ['updatedAt']],
  decider: campaignDecider,
  id: (e: CampaignEvent) => e.data.briefId,
  view: campaignView,
});

/** Which campaign (brief) each approved plan belongs to, so an order or contract names only the plan. */
export const approvedPlanIndexProjection = eventProjection<CampaignEvent>({
  name: 'buying.approved-plan-index',
  collections: [APPROVED_PLAN_INDEX],
  categories: ['buying.campaign'],
  on: {
    ApprovedPlanReceived({ data: d }, { put }) {
      put(APPROVED_PLAN_INDEX, d.plan.planId, { planId: d.plan.planId, briefId: d.briefId });
    },
  },
});
