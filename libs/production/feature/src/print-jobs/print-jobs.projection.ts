import { entityProjection } from '@ooh/eventing';
import { printJobBlockers, printJobDecider, type PrintJobEvent, type PrintJobState } from '@ooh/production-domain';

export const PRINT_JOBS = 'production_print_jobs';

export const printJobView = (state: PrintJobState) => ({ blockedBy: printJobBlockers(state), clientId: state.client?.clientId ?? '' });

/** Print jobs with every proof, contract, checkpoint and sample, what each waits for and who releases it: the aggregate's own state. */
export const printJobsProjection = entityProjection({
  name: 'production.print-jobs',
  collection: PRINT_JOBS,
  category: 'production.print_job',
  indexes: [['status'], ['clientId'], ['openedAt']],
  decider: printJobDecider,
  id: (e: PrintJobEvent) => e.data.jobId,
  view: printJobView,
});
