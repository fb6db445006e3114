import type { NewEvent, RecordedEvent } from '../envelope';

/** `no_stream`: must not exist; `stream_exists`: must exist; `any`: no check; number: current revision. */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendResult {
  /** Revision of the last event now in the stream (the value to pass next time). */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  lastPosition: number;
  /** The events as stored (for an idempotent replay, the ones stored the first time). */
  events: RecordedEvent[];
}

export interface ReadStreamOptions {
  fromRevision?: number;
  /** Only events recorded at or before this instant (ISO-8601): state as it was known then. */
  recordedUntil?: string;
}

export interface LogFilter {
  /** Stream categories (the part before the first `-`), e.g. `operations.site`. */
  categories?: string[];
  /** Or a stream-name prefix such as `operations.` for a whole context. */
  streamPrefix?: string;
  eventTypes?: string[];
}

/**
 * What a subscription (projection, reactor, relay) reads: always scoped to streams (categories, or a
 * stream prefix such as a whole context), optionally narrowed by event type. Event types alone would
 * match every context's events of that name in a shared log.
 */
export type ScopedFilter = ({ categories: string[]; streamPrefix?: never } | { streamPrefix: string; categories?: never }) & { eventTypes?: string[] };

/** Refuses, when it is started, a subscription whose filter does not name the streams it reads. */
export function requireScoped(filter: LogFilter | undefined, subscription: string): ScopedFilter {
  const categories = filter?.categories?.filter((c) => c.length > 0) ?? [];
  const prefixed = typeof filter?.streamPrefix === 'string' && filter.streamPrefix.length > 0;
  if (categories.length === 0 && !prefixed) {
    throw new Error(`Subscription ${subscription} must name the stream categories (or a stream prefix) it reads; event types alone match every context`);
  }
  return filter as ScopedFilter;
}

export interface ReadAllOptions {
  /** Exclusive: events with a greater position. 0 reads from the beginning. */
  after: number;
  maxCount: number;
  filter?: LogFilter;
  /** Inclusive upper bound on positions. */
  until?: number;
}

/** What a subscription yields: matching events, and the global position scanned up to. */
export interface LogBatch {
  events: RecordedEvent[];
  position: number;
  /** The log's head when the batch was read, where the store knows it (subscribers need not ask again). */
  head?: number;
}

export interface SubscribeOptions {
  after: number;
  filter?: LogFilter;
  batchSize?: number;
  signal: AbortSignal;
  /**
   * Where a store that can tell may report that the log moved on with nothing for this subscription,
   * instead of yielding an empty batch for it (a turn of its loop per commit, dozens of subscriptions
   * woken by every commit): the position it has scanned through. It still yields an empty batch now
   * and then, for the subscription to record how far it got.
   */
  onScanned?(position: number): void;
}

/**
 * The event store port. Every adapter passes `eventStoreConformance` in @ooh/eventing-testing.
 * Appends are atomic per call, guarded by the expected revision and idempotent by event id: re-appending
 * events whose ids are already stored in that stream returns the first result and stores nothing.
 */
export interface EventStore {
  appendToStream(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Batches from `after`, then new ones as they are appended, until the signal aborts. Back-pressured. */
  subscribe(options: SubscribeOptions): AsyncIterable<LogBatch>;
  /** Position of the last event in the global log (0 when empty). */
  headPosition(filter?: LogFilter): Promise<number>;
  close(): Promise<void>;
}
