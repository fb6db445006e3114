// The reporting domain: pure deciders, their events and states (no I/O, no clock, no ids of its own).
export * from './ledger/ledger.events';
export * from './ledger/ledger.decider';
export * from './ledger/ledger.aggregate';
export * from './campaign/campaign-360';
export * from './work-item/work-item.events';
export * from './work-item/work-item.decider';
export * from './work-item/work-item.aggregate';
export * from './work-item/work-queue';
export * from './reconciliation/reconciliation';
export * from './post-buy/post-buy';
export * from './occupancy/occupancy';
export * from './webhook/webhook';
