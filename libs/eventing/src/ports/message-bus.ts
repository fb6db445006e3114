/** An integration message: a published, versioned public event. */
export interface IntegrationMessage<Data = unknown> {
  /** Unique per message; consumers dedupe on it. Equals the source event id. */
  messageId: string;
  /** e.g. `operations.fault-sla-breached` */
  type: string;
  version: number;
  /** Partition key: the aggregate id, so one aggregate's messages stay in order. */
  key: string;
  data: Data;
  correlationId: string;
  causationId: string;
  occurredAt: string;
  /** When the producer's log recorded the fact (absent on messages published before it was carried): what "as known at" is judged by. */
  recordedAt?: string;
  producer: string;
}

/** The id of a message's schema: its type and version (the AsyncAPI message and the catalogue name it the same way). */
export function schemaIdOf(message: { type: string; version: number }): string {
  return `${message.type}/v${message.version}`;
}

/** Headers a bus with headers (Kafka) carries beside the JSON body, so a client routes without parsing it. */
export function integrationHeaders(message: IntegrationMessage): Record<string, string> {
  return {
    'message-id': message.messageId,
    type: message.type,
    version: String(message.version),
    'content-type': 'application/json',
    'schema-id': schemaIdOf(message),
  };
}

export interface DeliveredMessage<Data = unknown> extends IntegrationMessage<Data> {
  /** Offset in the bus log (monotonic per bus for the in-process bus). */
  offset: number;
}

export interface ConsumerOptions {
  /** Consumer group: each group sees every message once, with its own durable checkpoint. */
  group: string;
  types?: string[];
  handle(message: DeliveredMessage): Promise<void>;
  /** Attempts before a message is dead-lettered. */
  maxAttempts?: number;
  /** How long a message the handler answers NotYet for may wait for its precondition (default 10 min). */
  maxWaitMs?: number;
}

export interface DeadLetter {
  group: string;
  message: DeliveredMessage;
  error: string;
  attempts: number;
  at: string;
}

export interface MessageBus {
  /** Idempotent by messageId. */
  publish(messages: IntegrationMessage[]): Promise<void>;
  consume(options: ConsumerOptions): Promise<{ stop(): Promise<void> }>;
  deadLetters(group?: string): Promise<DeadLetter[]>;
  /**
   * Delivers a dead letter again to its group's handler in this process (after a fix): removed when
   * handled, kept (and the error thrown) when it fails again; false when there is no such letter.
   */
  replayDeadLetter(group: string, messageId: string): Promise<boolean>;
  /** How many messages each group has still to handle (where the bus knows a group's types, only messages of those). */
  lag(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** Where a bus without a queryable log of its own (Kafka) keeps dead letters for operators. */
export interface DeadLetterStore {
  add(letter: DeadLetter): Promise<void>;
  list(group?: string): Promise<DeadLetter[]>;
  remove(group: string, messageId: string): Promise<void>;
}
