import { entityProjection } from '@ooh/eventing';
import { cfJobBlockers, cfJobDecider, type CfJobEvent, type CfJobState } from '@ooh/production-domain';

export const CF_JOBS = 'production_cf_jobs';

export const cfJobView = (state: CfJobState) => ({ blockedBy: cfJobBlockers(state), clientId: state.client?.clientId ?? '' });

/** TV-commercial jobs with every estimate version, what each waits for and who releases it: the aggregate's own state. */
export const cfJobsProjection = entityProjection({
  name: 'production.cf-jobs',
  collection: CF_JOBS,
  category: 'production.cf_job',
  indexes: [['status'], ['clientId'], ['issuedAt']],
  decider: cfJobDecider,
  id: (e: CfJobEvent) => e.data.jobId,
  view: cfJobView,
});
