// The production domain: pure deciders, their events and states (no I/O, no clock, no ids of its own).
export * from './shared';
export * from './bid-request/bid-request.events';
export * from './bid-request/bid-request.decider';
export * from './bid-request/bid-request.aggregate';
export * from './cf-job/cf-job.events';
export * from './cf-job/cf-job.decider';
export * from './cf-job/cf-job.aggregate';
export * from './cf-job/cf-job.post.events';
export * from './cf-job/cf-job.post';
export * from './cf-job/cf-job.costs';
export * from './cf-job/cf-job.pipeline';
export * from './print-job/print-job.events';
export * from './print-job/print-job.decider';
export * from './print-job/print-job.aggregate';
export * from './print-job/print-job.finish';
export * from './print-job/print-job.pipeline';
