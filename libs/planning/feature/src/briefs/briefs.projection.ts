import { entityProjection } from '@ooh/eventing';
import { briefDecider, type BriefEvent } from '@ooh/planning-domain';

export const BRIEFS = 'planning_briefs';

/** Briefs with every version: the aggregate's own state. */
export const briefsProjection = entityProjection({
  name: 'planning.briefs',
  collection: BRIEFS,
  category: 'planning.brief',
  indexes: [['clientId'], ['updatedAt']],
  decider: briefDecider,
  id: (e: BriefEvent) => e.data.briefId,
});
