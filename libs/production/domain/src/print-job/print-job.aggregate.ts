import { defineAggregate } from '@ooh/eventing';
import { printJobDecider } from './print-job.decider';
import { printJobStream } from './print-job.events';

export const printJobAggregate = defineAggregate({
  name: 'print-job',
  decider: printJobDecider,
  stream: printJobStream,
  idField: 'jobId',
  notFoundCode: 'PRINT_JOB_NOT_FOUND',
});
