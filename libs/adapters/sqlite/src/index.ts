export * from './open-database';
export * from './background-checkpoints';
export * from './sqlite-event-store';
export * from './sqlite-read-model-store';
export * from './sqlite-checkpoint-store';
export * from './sqlite-backup';
export * from './sqlite-lease-store';
