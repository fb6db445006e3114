import {
  invalid,
  integrationHeaders,
  deliverWithRetries,
  type ConsumerOptions,
  type DeadLetter,
  type DeadLetterStore,
  type DeliveredMessage,
  type IntegrationMessage,
  type MessageBus,
  type ProcessedMessages,
} from '@ooh/eventing';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import { isTransient } from './transient-errors';

export interface KafkaMessageBusOptions {
  brokers: string[];
  clientId: string;
  /** Dedupe per consumer group: Kafka redelivers after rebalances and crashes. */
  processed: ProcessedMessages;
  /** Where operators list dead letters; each is also written to the dead-letter topic. */
  deadLetters: DeadLetterStore;
  /** Prefix for every topic and group name (keeps environments and test runs apart). */
  namespace?: string;
  /** The topics and their partitions (names without the namespace); `ensureTopicPlan` creates them all. */
  topics?: Array<{ name: string; partitions: number }>;
  /** Partitions of a topic outside the plan (tests, ad-hoc types). */
  partitions?: number;
  replicationFactor?: number;
  retryDelayMs?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** How often resolved offsets are committed (they are only resolved after the effect is durable). */
  commitIntervalMs?: number;
  log?: (level: 'error' | 'warn', message: string, extra?: Record<string, unknown>) => void;
}

class DeadLettered extends Error {}

interface ConsumerState {
  group: string;
  topics: string[];
  consumer: Consumer;
}

/**
 * The message bus on Kafka. One topic per integration event type, keyed by aggregate id so one
 * aggregate's messages stay in order on one partition. Consumers commit an offset only after the
 * handler's effect is durable; a failing message is retried a bounded number of times, then
 * dead-lettered (topic `<namespace>dead-letters` plus the dead-letter store) and the partition moves on.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private connected?: Promise<void>;
  private readonly knownTopics = new Set<string>();
  private readonly consumers = new Set<ConsumerState>();
  private readonly handlers = new Map<string, ConsumerOptions>();
  private readonly ns: string;

  constructor(private readonly options: KafkaMessageBusOptions) {
    this.ns = options.namespace ?? '';
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.ERROR,
      logCreator: () => (entry) => {
        options.log?.(entry.level === logLevel.ERROR ? 'error' : 'warn', entry.log.message, { namespace: entry.namespace, broker: entry.log.broker });
      },
      retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5_000 },
    });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  topicFor(type: string): string {
    return `${this.ns}${type}`;
  }

  private get deadLetterTopic(): string {
    return `${this.ns}dead-letters`;
  }

  private connect(): Promise<void> {
    this.connected ??= (async () => {
      await this.admin.connect();
      await this.producer.connect();
    })().catch((error) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  /** Creates every topic of the plan that is missing, and raises the partitions of any that has fewer than planned. */
  async ensureTopicPlan(): Promise<void> {
    const plan = this.options.topics ?? [];
    await this.ensureTopics(plan.map((t) => this.topicFor(t.name)));
    const metadata = await this.admin.fetchTopicMetadata({ topics: plan.map((t) => this.topicFor(t.name)) });
    const short = plan
      .map((t) => ({ topic: this.topicFor(t.name), count: t.partitions }))
      .filter((t) => (metadata.topics.find((m) => m.name === t.topic)?.partitions.length ?? t.count) < t.count);
    if (short.length) {
      // Keys of new messages may map to other partitions from now on: per-key order holds for what is published after.
      this.options.log?.('warn', 'raising the partitions of topics created with fewer than planned', { topics: short.map((t) => t.topic) });
      await this.admin.createPartitions({ topicPartitions: short, validateOnly: false }).catch((error: unknown) => {
        if (!/INVALID_PARTITIONS|already has/i.test(String(error))) throw error;
      });
    }
  }

  private partitionsOf(topic: string): number {
    const planned = this.options.topics?.find((t) => this.topicFor(t.name) === topic);
    return planned?.partitions ?? this.options.partitions ?? 3;
  }

  /** Creates missing topics with their partitions (the broker never auto-creates them). */
  async ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    await this.connect();
    const existing = new Set(await this.admin.listTopics());
    const toCreate = missing.filter((t) => !existing.has(t));
    if (toCreate.length) {
      try {
        await this.admin.createTopics({
          waitForLeaders: true,
          topics: toCreate.map((topic) => ({ topic, numPartitions: this.partitionsOf(topic), replicationFactor: this.options.replicationFactor ?? 1 })),
        });
      } catch (error) {
        // Another replica created them first: fine, as long as they exist now.
        const now = new Set(await this.admin.listTopics());
        if (!toCreate.every((t) => now.has(t))) throw error;
      }
      // Wait until every partition has a leader the cluster reports (a replica may have just created
      // them: until its metadata reaches this broker, it answers UNKNOWN_TOPIC_OR_PARTITION).
      await retry(() => this.admin.fetchTopicMetadata({ topics: toCreate }), 12);
    }
    for (const t of missing) this.knownTopics.add(t);
  }

  /** Readiness: the cluster answers a metadata request. */
  async ping(): Promise<void> {
    await this.connect();
    await this.admin.describeCluster();
  }

  async publish(messages: IntegrationMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, IntegrationMessage[]>();
    for (const m of messages) {
      const topic = this.topicFor(m.type);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), m]);
    }
    await this.ensureTopics([...byTopic.keys()]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({
          key: m.key,
          value: JSON.stringify(m),
          headers: integrationHeaders(m),
        })),
      })),
    });
  }

  async consume(options: ConsumerOptions): Promise<{ stop(): Promise<void> }> {
    if (!options.types?.length) throw invalid('INVALID_CONSUMER', `consumer ${options.group} must name the message types it reads`);
    const topics = options.types.map((t) => this.topicFor(t));
    this.handlers.set(options.group, options);
    await this.ensureTopics([...topics, this.deadLetterTopic]);
    const consumer = this.kafka.consumer({
      groupId: `${this.ns}${options.group}`,
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 3_000,
      maxWaitTimeInMs: 100,
      retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 5_000 },
    });
    await retry(async () => {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
    });
    const maxAttempts = options.maxAttempts ?? 5;
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: this.options.commitIntervalMs ?? 200,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        for (const raw of batch.messages) {
          // After a rebalance or on shutdown the rest of this batch belongs to someone else: leave it.
          if (!isRunning() || isStale()) return;
          await this.handleOne(options, raw, batch.topic, batch.partition, maxAttempts, isRunning, heartbeat);
          resolveOffset(raw.offset);
          await commitOffsetsIfNecessary();
          await heartbeat();
        }
      },
    });
    const state: ConsumerState = { group: options.group, topics, consumer };
    this.consumers.add(state);
    return {
      stop: async () => {
        this.consumers.delete(state);
        await consumer.disconnect();
      },
    };
  }

  private async handleOne(
    options: ConsumerOptions,
    raw: KafkaMessage,
    topic: string,
    partition: number,
    maxAttempts: number,
    isRunning: () => boolean,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const parsed = parse(raw);
    if ('error' in parsed) {
      const messageId = raw.headers?.['message-id']?.toString() ?? `${topic}/${partition}/${raw.offset}`;
      const message = {
        messageId,
        type: topic,
        version: 0,
        key: raw.key?.toString() ?? '',
        data: raw.value?.toString() ?? null,
        correlationId: messageId,
        causationId: messageId,
        occurredAt: '',
        producer: '',
        offset: Number(raw.offset),
      };
      return this.deadLetter({ group: options.group, message, error: `POISON_MESSAGE: ${parsed.error}`, attempts: 1, at: new Date().toISOString() });
    }
    const message: DeliveredMessage = { ...parsed.message, offset: Number(raw.offset) };
    let failure: { error: string; attempts: number } | undefined;
    try {
      await this.options.processed.once(options.group, message.messageId, async () => {
        failure = await this.deliver(options, message, maxAttempts, isRunning, heartbeat);
        // Not recorded as processed: a dead letter can be replayed after a fix.
        if (failure) throw new DeadLettered();
      });
    } catch (error) {
      if (!(error instanceof DeadLettered)) throw error;
    }
    if (failure) await this.deadLetter({ group: options.group, message, error: failure.error, attempts: failure.attempts, at: new Date().toISOString() });
  }

  /** Undefined on success, the failure to dead-letter otherwise. Outages are thrown (Kafka redelivers), not counted. */
  private deliver(options: ConsumerOptions, message: DeliveredMessage, maxAttempts: number, isRunning: () => boolean, heartbeat: () => Promise<void>) {
    return deliverWithRetries(() => options.handle(message), {
      maxAttempts,
      maxWaitMs: options.maxWaitMs ?? 600_000,
      retryDelayMs: this.options.retryDelayMs ?? 50,
      stopping: () => !isRunning(),
      rethrow: isTransient,
      // A message waiting for its precondition holds its partition only; the heartbeat keeps the membership.
      whileWaiting: heartbeat,
    });
  }

  private async deadLetter(letter: DeadLetter): Promise<void> {
    await this.options.deadLetters.add(letter);
    await this.producer.send({
      topic: this.deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: letter.message.key || letter.message.messageId,
          value: JSON.stringify(letter),
          headers: { 'message-id': letter.message.messageId, group: letter.group, error: letter.error.slice(0, 1000) },
        },
      ],
    });
    this.options.log?.('warn', 'message dead-lettered', { group: letter.group, messageId: letter.message.messageId, error: letter.error });
  }

  async deadLetters(group?: string): Promise<DeadLetter[]> {
    return this.options.deadLetters.list(group);
  }

  async replayDeadLetter(group: string, messageId: string): Promise<boolean> {
    const letter = (await this.options.deadLetters.list(group)).find((d) => d.message.messageId === messageId);
    if (!letter) return false;
    const handler = this.handlers.get(group);
    if (!handler) throw new Error(`no consumer of group ${group} runs in this process`);
    await this.options.processed.once(group, messageId, () => handler.handle(letter.message));
    await this.options.deadLetters.remove(group, messageId);
    return true;
  }

  /** Messages not yet committed, per group consumed through this bus. */
  async lag(): Promise<Record<string, number>> {
    await this.connect();
    const result: Record<string, number> = {};
    for (const { group, topics } of this.consumers) {
      let total = 0;
      const committed = await this.admin.fetchOffsets({ groupId: `${this.ns}${group}`, topics });
      for (const topic of topics) {
        const ends = await this.admin.fetchTopicOffsets(topic);
        const done = committed.find((c) => c.topic === topic)?.partitions ?? [];
        for (const end of ends) {
          const at = Number(done.find((p) => p.partition === end.partition)?.offset ?? -1);
          total += Math.max(0, Number(end.high) - (at >= 0 ? at : Number(end.low)));
        }
      }
      result[group] = total;
    }
    return result;
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.consumer.disconnect()));
    this.consumers.clear();
    if (this.connected) {
      await this.connected.catch(() => undefined);
      await this.producer.disconnect();
      await this.admin.disconnect();
      this.connected = undefined;
    }
  }
}

function parse(raw: KafkaMessage): { message: IntegrationMessage } | { error: string } {
  try {
    const value = JSON.parse(raw.value?.toString() ?? '') as IntegrationMessage;
    if (!value || typeof value !== 'object' || typeof value.messageId !== 'string' || typeof value.type !== 'string') {
      return { error: 'not an integration message (messageId and type are required)' };
    }
    return { message: value };
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
}

/** Start-up against a cluster whose metadata is still settling (topics just created by a peer). */
async function retry<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable !== false || /topic-partition|leader|coordinator/i.test(String((error as Error).message));
      if (attempt >= attempts || !retriable) throw error;
      await new Promise((r) => setTimeout(r, 100 * 2 ** Math.min(attempt, 5)));
    }
  }
}
