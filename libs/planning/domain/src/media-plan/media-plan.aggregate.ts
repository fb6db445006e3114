import { defineAggregate } from '@ooh/eventing';
import { mediaPlanDecider } from './media-plan.decider';
import { mediaPlanStream } from './media-plan.events';

export const mediaPlanAggregate = defineAggregate({
  name: 'media plan',
  decider: mediaPlanDecider,
  stream: mediaPlanStream,
  idField: 'planId',
  notFoundCode: 'PLAN_NOT_FOUND',
});
