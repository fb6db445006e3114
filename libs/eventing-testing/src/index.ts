export * from './decider-spec';
export * from './conformance/event-store.conformance';
export * from './conformance/read-model-store.conformance';
export * from './conformance/message-bus.conformance';
export * from './conformance/blob-store.conformance';
export * from './in-memory-read-models';
export * from './projection-spec';
export * from './exif-photo';
