import { invalid } from '@ooh/eventing';
import { join } from 'node:path';

/** Which adapter backs each port, read from the environment (embedded unless told otherwise). */
export interface InfrastructureConfig {
  /** Names the service's database, topics' producer and consumer client ids. */
  service: string;
  dataDir: string;
  eventStore: { kind: 'sqlite'; path: string } | { kind: 'eventstoredb'; url: string };
  bus:
    | { kind: 'embedded'; path: string }
    | { kind: 'kafka'; brokers: string[]; namespace: string; partitions: number; sessionTimeoutMs: number };
  readStore: { kind: 'sqlite'; path: string } | { kind: 'mongodb'; url: string; dbName: string };
  blobStore: { kind: 'fs'; path: string } | { kind: 'gridfs' };
}

const fail = (field: string, message: string) => invalid('INVALID_CONFIG', `${field}: ${message}`, [{ field, message }]);

function choice<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = (env[name] || fallback) as T;
  if (!allowed.includes(raw)) throw fail(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw;
}

function required(env: NodeJS.ProcessEnv, name: string, because: string): string {
  const value = env[name];
  if (!value) throw fail(name, `is required when ${because}`);
  return value;
}

export function loadInfrastructureConfig(service: string, dataDir: string, env: NodeJS.ProcessEnv = process.env): InfrastructureConfig {
  const eventStore = choice(env, 'EVENT_STORE', ['sqlite', 'eventstoredb'] as const, 'sqlite');
  const bus = choice(env, 'MESSAGE_BUS', ['embedded', 'kafka'] as const, 'embedded');
  const readStore = choice(env, 'READ_STORE', ['sqlite', 'mongodb'] as const, 'sqlite');
  const blobStore = choice(env, 'BLOB_STORE', ['fs', 'gridfs'] as const, readStore === 'mongodb' ? 'gridfs' : 'fs');
  if (blobStore === 'gridfs' && readStore !== 'mongodb') throw fail('BLOB_STORE', 'gridfs needs READ_STORE=mongodb');
  const partitions = Number(env.KAFKA_PARTITIONS || 3);
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 1000) throw fail('KAFKA_PARTITIONS', 'must be an integer from 1 to 1000');
  const sessionTimeoutMs = Number(env.KAFKA_SESSION_TIMEOUT_MS || 30_000);
  if (!Number.isInteger(sessionTimeoutMs) || sessionTimeoutMs < 1000) throw fail('KAFKA_SESSION_TIMEOUT_MS', 'must be an integer of at least 1000');
  return {
    service,
    dataDir,
    eventStore:
      eventStore === 'sqlite'
        ? { kind: 'sqlite', path: env.EVENT_STORE_PATH || join(dataDir, 'events.db') }
        : { kind: 'eventstoredb', url: required(env, 'ESDB_URL', 'EVENT_STORE=eventstoredb') },
    bus:
      bus === 'embedded'
        ? { kind: 'embedded', path: env.BUS_PATH || join(dataDir, 'bus.db') }
        : {
            kind: 'kafka',
            brokers: required(env, 'KAFKA_BROKERS', 'MESSAGE_BUS=kafka').split(',').map((b) => b.trim()).filter(Boolean),
            namespace: env.KAFKA_NAMESPACE ?? 'ooh.',
            partitions,
            sessionTimeoutMs,
          },
    readStore:
      readStore === 'sqlite'
        ? { kind: 'sqlite', path: join(dataDir, 'read-models.db') }
        : { kind: 'mongodb', url: required(env, 'MONGO_URL', 'READ_STORE=mongodb'), dbName: env.MONGO_DB || `ooh_${service.replace(/\W/g, '_')}` },
    blobStore: blobStore === 'fs' ? { kind: 'fs', path: env.BLOB_DIR || join(dataDir, 'blobs') } : { kind: 'gridfs' },
  };
}

/** Anything beyond the embedded default means other machines and people: the dev secret is refused there. */
export function isDistributed(config: InfrastructureConfig): boolean {
  return config.eventStore.kind !== 'sqlite' || config.bus.kind !== 'embedded' || config.readStore.kind !== 'sqlite';
}
