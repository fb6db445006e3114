import { workItemMapper } from '@ooh/contracts';
import type { StateRelayDefinition } from '@ooh/http-kit';
import {
  bidBlockers,
  bidRequestDecider,
  cfJobBlockers,
  cfJobDecider,
  pipelineEntry,
  printJobBlockers,
  printJobDecider,
  printPipelineEntry,
  type BidRequestState,
  type CfJobState,
  type PrintJobState,
} from '@ooh/production-domain';

const cfJobs: StateRelayDefinition<CfJobState> = {
  name: 'production.cf-job-work',
  category: 'production.cf_job',
  decider: cfJobDecider,
  map: workItemMapper<CfJobState>({
    context: 'production',
    kind: 'cf-job',
    path: '/api/production/cf-jobs/{id}',
    title: (s) => `TV commercial: ${s.title}`,
    blockers: cfJobBlockers,
    deadline: (s) => pipelineEntry(s, '').dueDate,
  }),
};

const printJobs: StateRelayDefinition<PrintJobState> = {
  name: 'production.print-job-work',
  category: 'production.print_job',
  decider: printJobDecider,
  map: workItemMapper<PrintJobState>({
    context: 'production',
    kind: 'print-job',
    path: '/api/production/print-jobs/{id}',
    title: (s) => `Print job: ${s.title}`,
    blockers: printJobBlockers,
    deadline: (s) => printPipelineEntry(s, '').dueDate,
  }),
};

const bidRequests: StateRelayDefinition<BidRequestState> = {
  name: 'production.bid-request-work',
  category: 'production.bid_request',
  decider: bidRequestDecider,
  map: workItemMapper<BidRequestState>({
    context: 'production',
    kind: 'bid-request',
    path: '/api/production/bid-requests/{id}',
    title: (s) => `Bids: ${s.spec.slice(0, 80)}`,
    blockers: bidBlockers,
    deadline: (s) => (s.status === 'open' ? s.responseDue : null),
  }),
};

/** Production's documents that wait on people, published to the work queue. */
export const WORK_ITEMS = [cfJobs, printJobs, bidRequests] as Array<StateRelayDefinition<unknown>>;
