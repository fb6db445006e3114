import { defineAggregate } from '@ooh/eventing';
import { workItemDecider } from './work-item.decider';
import { workItemStream } from './work-item.events';

export const workItemAggregate = defineAggregate({
  name: 'work item',
  decider: workItemDecider,
  stream: workItemStream,
  idField: 'key',
  notFoundCode: 'WORK_ITEM_NOT_FOUND',
});
