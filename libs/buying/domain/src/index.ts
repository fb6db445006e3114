// The buying domain: pure deciders, their events and states (no I/O, no clock, no ids of its own).
export * from './shared';
export * from './vendor/vendor.events';
export * from './vendor/vendor.decider';
export * from './vendor/vendor.rate-cards';
export * from './vendor/vendor.aggregate';
export * from './client-contract/client-contract.events';
export * from './client-contract/client-contract.decider';
export * from './client-contract/client-contract.aggregate';
export * from './media-order/media-order.lines';
export * from './media-order/media-order.events';
export * from './media-order/media-order.gates';
export * from './media-order/media-order.decider';
export * from './media-order/media-order.aggregate';
export * from './campaign/campaign.events';
export * from './campaign/campaign.decider';
export * from './campaign/campaign.aggregate';
