import { entityProjection } from '@ooh/eventing';
import { workItemDecider, type WorkItemEvent } from '@ooh/reporting-domain';

export const WORK_ITEMS = 'reporting_work_items';

/** Every item any service said waits (or waited) on people, with its gates and since when. */
export const workItemsProjection = entityProjection({
  name: 'reporting.work-items',
  collection: WORK_ITEMS,
  category: 'reporting.work_item',
  indexes: [['status'], ['context'], ['waitingSince']],
  decider: workItemDecider,
  id: (e: WorkItemEvent) => e.data.key,
});
