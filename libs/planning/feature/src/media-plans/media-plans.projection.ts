import { entityProjection } from '@ooh/eventing';
import { mediaPlanDecider, planBlockers, type MediaPlanEvent } from '@ooh/planning-domain';

export const MEDIA_PLANS = 'planning_media_plans';

/** Media plans with every version, what each waits for and who releases it: the aggregate's own state. */
export const mediaPlansProjection = entityProjection({
  name: 'planning.media-plans',
  collection: MEDIA_PLANS,
  category: 'planning.media_plan',
  indexes: [['status'], ['briefId'], ['clientId'], ['createdAt']],
  decider: mediaPlanDecider,
  id: (e: MediaPlanEvent) => e.data.planId,
  view: (state) => ({
    blockedBy: planBlockers(state),
    netFen: state.versions.find((v) => v.version === state.currentVersion)?.totals.netFen ?? 0,
  }),
});
