import { defineAggregate } from '@ooh/eventing';
import { cfJobDecider } from './cf-job.decider';
import { cfJobStream } from './cf-job.events';

export const cfJobAggregate = defineAggregate({
  name: 'cf-job',
  decider: cfJobDecider,
  stream: cfJobStream,
  idField: 'jobId',
  notFoundCode: 'CF_JOB_NOT_FOUND',
});
