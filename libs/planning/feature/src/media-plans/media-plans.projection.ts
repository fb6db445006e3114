import { entityProjection } from '@ooh/eventing';
import { mediaPlanDecider, type MediaPlanEvent } from '@ooh/planning-domain';

export const MEDIA_PLANS = 'planning_media_plans';

/** MediaPlans for lists and views: the aggregate's own state. */
export const mediaPlansProjection = entityProjection({
  name: 'planning.media-plans',
  collection: MEDIA_PLANS,
  category: 'planning.media_plan',
  indexes: [['status'], ['openedAt']],
  decider: mediaPlanDecider,
  id: (e: MediaPlanEvent) => e.data.mediaPlanId,
});
