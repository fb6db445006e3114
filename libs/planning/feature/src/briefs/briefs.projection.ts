import { entityProjection } from '@ooh/eventing';
import { briefDecider, type BriefEvent } from '@ooh/planning-domain';

export const BRIEFS = 'planning_briefs';

/** Briefs for lists and views: the aggregate's own state. */
export const briefsProjection = entityProjection({
  name: 'planning.briefs',
  collection: BRIEFS,
  category: 'planning.brief',
  indexes: [['status'], ['openedAt']],
  decider: briefDecider,
  id: (e: BriefEvent) => e.data.briefId,
});
