import { FsBlobStore } from '@ooh/adapter-fs-blob';
import { SqliteMessageBus } from '@ooh/adapter-in-process-bus';
import { SqliteCheckpointStore, SqliteEventStore, SqliteIdempotencyStore, SqliteReadModelStore } from '@ooh/adapter-sqlite';
import { systemClock, type Clock } from '@ooh/eventing';
import { PrometheusInstrumentation, type Infrastructure } from '@ooh/http-kit';
import { join } from 'node:path';

/**
 * The embedded default: everything under DATA_DIR, no servers. Events, read models and the bus
 * live in separate SQLite files so projections never contend with appends for the write lock.
 */
export function embeddedInfrastructure(dataDir: string, options: { clock?: Clock; defaultMetrics?: boolean } = {}): Infrastructure & { close(): Promise<void> } {
  const clock = options.clock ?? systemClock;
  const eventStore = new SqliteEventStore({ path: join(dataDir, 'events.db'), clock });
  const readModels = new SqliteReadModelStore({ path: join(dataDir, 'read-models.db') });
  const bus = new SqliteMessageBus({ path: join(dataDir, 'bus.db') });
  return {
    eventStore,
    readModels,
    bus,
    processed: bus,
    blobs: new FsBlobStore(join(dataDir, 'blobs')),
    checkpoints: new SqliteCheckpointStore({ db: readModels.db }),
    idempotency: new SqliteIdempotencyStore({ db: readModels.db }),
    clock,
    instrumentation: new PrometheusInstrumentation({ defaultMetrics: options.defaultMetrics }),
    async close() {
      await bus.close();
      await eventStore.close();
      await readModels.close();
    },
  };
}
