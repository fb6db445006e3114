import { FsBlobStore } from '@ooh/adapter-fs-blob';
import { SqliteMessageBus } from '@ooh/adapter-in-process-bus';
import { KafkaMessageBus } from '@ooh/adapter-kafka';
import { topicPlan } from '@ooh/contracts';
import {
  connectMongo,
  GridFsBlobStore,
  MongoCheckpointStore,
  MongoDeadLetterStore,
  MongoIdempotencyStore,
  MongoLeaseStore,
  MongoProcessedMessages,
  MongoReadModelStore,
} from '@ooh/adapter-mongodb';
import {
  SqliteCheckpointStore,
  SqliteConsumerRecords,
  SqliteEventStore,
  SqliteIdempotencyStore,
  SqliteLeaseStore,
  SqliteReadModelStore,
} from '@ooh/adapter-sqlite';
import {
  systemClock,
  type BlobStore,
  type CheckpointStore,
  type Clock,
  type DeadLetterStore,
  type EventStore,
  type IdempotencyStore,
  type LeaseStore,
  type MessageBus,
  type ProcessedMessages,
  type ReadModelStore,
} from '@ooh/eventing';
import { PrometheusInstrumentation, type Infrastructure, type ReadinessCheck } from '@ooh/http-kit';
import type { Connection } from 'mongoose';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EmbeddedBackups } from './backup/embedded-backups';
import { createEventStore } from './event-store-factory';
import type { InfrastructureConfig } from './infrastructure-config';

export interface BuiltInfrastructure extends Infrastructure {
  readiness: ReadinessCheck[];
  /** Online backups, when every store is embedded (scheduled by the process host). */
  backups?: EmbeddedBackups;
  /** What backs each port, for the start-up log line. */
  summary: Record<string, string>;
  close(): Promise<void>;
}

export interface BuildOptions {
  clock?: Clock;
  defaultMetrics?: boolean;
  /**
   * Built for the subscriptions thread: its event store wakes subscriptions at once after a commit
   * instead of gathering commits for a few milliseconds (which spares the request thread's queries
   * when subscriptions share it). A cross-service hand-off crosses two such wake-ups.
   */
  subscriptionsThread?: boolean;
  log?: (level: 'error' | 'warn', message: string, extra?: Record<string, unknown>) => void;
}

/** Builds the adapters the configuration names; closing releases them in reverse order. */
export async function buildInfrastructure(config: InfrastructureConfig, options: BuildOptions = {}): Promise<BuiltInfrastructure> {
  const clock = options.clock ?? systemClock;
  const closers: Array<() => Promise<void>> = [];
  const readiness: ReadinessCheck[] = [];
  mkdirSync(config.dataDir, { recursive: true });

  try {
    const eventStore: EventStore = createEventStore(config.eventStore, clock, { coalesceMs: options.subscriptionsThread ? 0 : undefined });
    closers.push(() => eventStore.close());
    readiness.push({ name: 'eventStore', check: async () => void (await eventStore.headPosition()) });

    let readModels: ReadModelStore;
    let checkpoints: CheckpointStore;
    let idempotency: IdempotencyStore;
    let records: ProcessedMessages & DeadLetterStore;
    let leases: LeaseStore;
    let mongo: Connection | undefined;
    if (config.readStore.kind === 'sqlite') {
      const sqlite = new SqliteReadModelStore({ path: config.readStore.path });
      closers.push(() => sqlite.close());
      readModels = sqlite;
      checkpoints = new SqliteCheckpointStore({ db: sqlite.db });
      const responses = new SqliteIdempotencyStore({ path: config.readStore.idempotencyPath, migrateFrom: sqlite.db });
      closers.push(() => responses.close());
      idempotency = responses;
      records = new SqliteConsumerRecords({ db: sqlite.db });
      leases = new SqliteLeaseStore({ db: sqlite.db });
    } else {
      const connection = (mongo = await connectMongo({ url: config.readStore.url, dbName: config.readStore.dbName }));
      closers.push(() => connection.close());
      readModels = new MongoReadModelStore(connection);
      checkpoints = new MongoCheckpointStore(connection);
      idempotency = new MongoIdempotencyStore(connection);
      leases = new MongoLeaseStore(connection);
      const processed = new MongoProcessedMessages(connection);
      const deadLetters = new MongoDeadLetterStore(connection);
      records = {
        once: processed.once.bind(processed),
        add: deadLetters.add.bind(deadLetters),
        list: deadLetters.list.bind(deadLetters),
        remove: deadLetters.remove.bind(deadLetters),
      };
      readiness.push({ name: 'readStore', check: async () => void (await connection.db!.admin().ping()) });
    }

    let bus: MessageBus;
    let processed: ProcessedMessages;
    if (config.bus.kind === 'embedded') {
      mkdirSync(dirname(config.bus.path), { recursive: true });
      const sqliteBus = new SqliteMessageBus({ path: config.bus.path });
      bus = sqliteBus;
      processed = sqliteBus;
    } else {
      const kafka = new KafkaMessageBus({
        brokers: config.bus.brokers,
        clientId: config.service,
        namespace: config.bus.namespace,
        topics: topicPlan(),
        sessionTimeoutMs: config.bus.sessionTimeoutMs,
        processed: records,
        deadLetters: records,
        log: options.log,
      });
      // Every topic exists before any consumer starts (and before an integrator subscribes).
      await kafka.ensureTopicPlan();
      bus = kafka;
      processed = records;
      readiness.push({ name: 'broker', check: () => kafka.ping() });
    }
    // Closed first: consumers stop before the stores they write to.
    closers.push(() => bus.close());

    let blobs: BlobStore;
    if (config.blobStore.kind === 'fs') blobs = new FsBlobStore(config.blobStore.path);
    else blobs = new GridFsBlobStore(mongo!);

    let backups: EmbeddedBackups | undefined;
    if (
      eventStore instanceof SqliteEventStore &&
      readModels instanceof SqliteReadModelStore &&
      idempotency instanceof SqliteIdempotencyStore &&
      bus instanceof SqliteMessageBus &&
      blobs instanceof FsBlobStore
    ) {
      const embedded = (backups = new EmbeddedBackups(
        { databases: { events: eventStore, 'read-models': readModels, idempotency, bus }, blobs },
        config.backup,
        clock,
      ));
      // Closed first of all: a backup still running is abandoned before the stores it copies close.
      closers.push(() => embedded.close());
    }

    return {
      eventStore,
      readModels,
      bus,
      processed,
      blobs,
      checkpoints,
      idempotency,
      leases: { store: leases, ttlMs: config.leaseTtlMs },
      clock,
      instrumentation: new PrometheusInstrumentation({ defaultMetrics: options.defaultMetrics }),
      readiness,
      backups,
      summary: { eventStore: config.eventStore.kind, bus: config.bus.kind, readStore: config.readStore.kind, blobStore: config.blobStore.kind },
      close: () => closeAll(closers),
    };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function closeAll(closers: Array<() => Promise<void>>): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
}
