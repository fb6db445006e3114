// The planning domain: pure deciders, their events and states (no I/O, no clock, no ids of its own).
export * from './media-plan/media-plan.events';
export * from './media-plan/media-plan.decider';
export * from './media-plan/media-plan.aggregate';
export * from './client/client.events';
export * from './client/client.decider';
export * from './client/client.aggregate';
export * from './meeting/meeting.events';
export * from './meeting/meeting.decider';
export * from './meeting/meeting.aggregate';
export * from './brief/brief.events';
export * from './brief/brief.decider';
export * from './brief/brief.aggregate';
export * from './budget/budget.events';
export * from './budget/budget.decider';
export * from './budget/budget.aggregate';
export * from './shared';
