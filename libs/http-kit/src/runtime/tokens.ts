/** Injection tokens for the kernel's ports; apps bind them to adapters. */
export const EVENT_STORE = Symbol('EventStore');
export const READ_MODELS = Symbol('ReadModelStore');
export const MESSAGE_BUS = Symbol('MessageBus');
export const PROCESSED_MESSAGES = Symbol('ProcessedMessages');
export const BLOB_STORE = Symbol('BlobStore');
export const CLOCK = Symbol('Clock');
export const CHECKPOINTS = Symbol('CheckpointStore');
export const IDEMPOTENCY = Symbol('IdempotencyStore');
export const INSTRUMENTATION = Symbol('Instrumentation');
export const TOKEN_SERVICE = Symbol('TokenService');
export const PLATFORM_CONFIG = Symbol('PlatformConfig');
export const LEASES = Symbol('Leases');
