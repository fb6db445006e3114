import { eventProjection } from '@ooh/eventing';
import type { MediaPlanEvent } from '@ooh/planning-domain';

export const APPROVED_PLANS = 'planning_approved_plans';

/** The latest client-approved version of each plan, with its totals by channel and month (for reporting). */
export const approvedPlansProjection = eventProjection<MediaPlanEvent>({
  name: 'planning.approved-plans',
  collections: [APPROVED_PLANS],
  categories: ['planning.media_plan'],
  indexes: [
    { collection: APPROVED_PLANS, fields: ['clientId'] },
    { collection: APPROVED_PLANS, fields: ['briefId'] },
  ],
  on: {
    PlanApprovedByClient({ data: d }, { put }) {
      put(APPROVED_PLANS, d.planId, {
        planId: d.planId,
        briefId: d.briefId,
        clientId: d.clientId,
        campaign: d.campaign,
        version: d.version,
        contentHash: d.contentHash,
        approvedAt: d.at,
        currency: d.currency,
        grossFen: d.totals.grossFen,
        netFen: d.totals.netFen,
        byChannel: d.totals.byChannel,
        byMonth: d.totals.byMonth,
      });
    },
  },
});
