/** Durable positions of subscriptions that are not projections (relay, process managers). */
export interface CheckpointStore {
  get(name: string): Promise<number>;
  set(name: string, position: number): Promise<void>;
}

/** Remembers which messages a consumer has already acted on. */
export interface ProcessedMessages {
  /** Runs `effect` only if `(consumer, messageId)` was never recorded, and records it after. */
  once(consumer: string, messageId: string, effect: () => Promise<void>): Promise<boolean>;
}
