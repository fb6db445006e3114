import { defineAggregate } from '@ooh/eventing';
import { briefDecider } from './brief.decider';
import { briefStream } from './brief.events';

export const briefAggregate = defineAggregate({
  name: 'brief',
  decider: briefDecider,
  stream: briefStream,
  idField: 'briefId',
  notFoundCode: 'BRIEF_NOT_FOUND',
});
