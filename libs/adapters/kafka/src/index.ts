export * from './kafka-message-bus';
export * from './transient-errors';
