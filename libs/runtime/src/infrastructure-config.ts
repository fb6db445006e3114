import { loadSettings, setting, settingRefused } from '@ooh/http-kit';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Which adapter backs each port, read from the environment (embedded unless told otherwise). */
export interface InfrastructureConfig {
  /** Names the service's database, topics' producer and consumer client ids. */
  service: string;
  dataDir: string;
  eventStore: { kind: 'sqlite'; path: string } | { kind: 'eventstoredb'; url: string };
  bus: { kind: 'embedded'; path: string } | { kind: 'kafka'; brokers: string[]; namespace: string; sessionTimeoutMs: number };
  /** On SQLite, Idempotency-Key responses in a file of their own (`idempotencyPath`): the request thread writes them, the subscriptions thread the read models. */
  readStore: { kind: 'sqlite'; path: string; idempotencyPath: string } | { kind: 'mongodb'; url: string; dbName: string };
  blobStore: { kind: 'fs'; path: string } | { kind: 'gridfs' };
  /** How long a replica's lease on a piece of log-driven work lasts without renewal (its failover time). */
  leaseTtlMs: number;
  /** Online backups of the embedded runtime (in distributed mode each engine is backed up with its own tools). */
  backup: { dir: string; everyMinutes: number; keep: number };
}

const INFRASTRUCTURE_SETTINGS = {
  EVENT_STORE: setting.oneOf(['sqlite', 'eventstoredb'], 'sqlite'),
  EVENT_STORE_PATH: setting.optionalText(),
  ESDB_URL: setting.optionalText(),
  MESSAGE_BUS: setting.oneOf(['embedded', 'kafka'], 'embedded'),
  BUS_PATH: setting.optionalText(),
  KAFKA_BROKERS: setting.list(),
  KAFKA_NAMESPACE: z.string().default('ooh.'),
  KAFKA_SESSION_TIMEOUT_MS: setting.int(30_000, 1000, 3_600_000),
  READ_STORE: setting.oneOf(['sqlite', 'mongodb'], 'sqlite'),
  MONGO_URL: setting.optionalText(),
  MONGO_DB: setting.optionalText(),
  BLOB_STORE: setting.oneOf(['fs', 'gridfs'], 'fs'),
  BLOB_DIR: setting.optionalText(),
  LEASE_TTL_MS: setting.int(15_000, 1_000, 600_000),
  BACKUP_DIR: setting.optionalText(),
  BACKUP_EVERY_MINUTES: setting.int(24 * 60, 0, 366 * 24 * 60),
  BACKUP_KEEP: setting.int(7, 1, 1000),
};

function required(value: string | undefined, name: string, because: string): string {
  if (!value) throw settingRefused(name, `is required when ${because}`);
  return value;
}

export function loadInfrastructureConfig(service: string, dataDir: string, env: NodeJS.ProcessEnv = process.env): InfrastructureConfig {
  // Evidence goes to GridFS by default when the read models are in MongoDB.
  const withDefaults = { ...env, BLOB_STORE: env.BLOB_STORE || (env.READ_STORE === 'mongodb' ? 'gridfs' : undefined) };
  return loadSettings(INFRASTRUCTURE_SETTINGS, withDefaults, (s): InfrastructureConfig => {
    if (s.BLOB_STORE === 'gridfs' && s.READ_STORE !== 'mongodb') throw settingRefused('BLOB_STORE', 'gridfs needs READ_STORE=mongodb');
    const brokers = (): string[] => {
      if (!s.KAFKA_BROKERS?.length) throw settingRefused('KAFKA_BROKERS', 'is required when MESSAGE_BUS=kafka');
      return s.KAFKA_BROKERS;
    };
    return {
      service,
      dataDir,
      eventStore:
        s.EVENT_STORE === 'sqlite'
          ? { kind: 'sqlite', path: s.EVENT_STORE_PATH || join(dataDir, 'events.db') }
          : { kind: 'eventstoredb', url: required(s.ESDB_URL, 'ESDB_URL', 'EVENT_STORE=eventstoredb') },
      bus:
        s.MESSAGE_BUS === 'embedded'
          ? { kind: 'embedded', path: s.BUS_PATH || join(dataDir, 'bus.db') }
          : {
              kind: 'kafka',
              brokers: brokers(),
              namespace: s.KAFKA_NAMESPACE,
              sessionTimeoutMs: s.KAFKA_SESSION_TIMEOUT_MS,
            },
      readStore:
        s.READ_STORE === 'sqlite'
          ? { kind: 'sqlite', path: join(dataDir, 'read-models.db'), idempotencyPath: join(dataDir, 'idempotency.db') }
          : { kind: 'mongodb', url: required(s.MONGO_URL, 'MONGO_URL', 'READ_STORE=mongodb'), dbName: s.MONGO_DB || `ooh_${service.replace(/\W/g, '_')}` },
      blobStore: s.BLOB_STORE === 'fs' ? { kind: 'fs', path: s.BLOB_DIR || join(dataDir, 'blobs') } : { kind: 'gridfs' },
      leaseTtlMs: s.LEASE_TTL_MS,
      backup: { dir: s.BACKUP_DIR || `${resolve(dataDir)}-backups`, everyMinutes: s.BACKUP_EVERY_MINUTES, keep: s.BACKUP_KEEP },
    };
  });
}

/** Anything beyond the embedded default means other machines and people: the dev secret is refused there. */
export function isDistributed(config: InfrastructureConfig): boolean {
  return config.eventStore.kind !== 'sqlite' || config.bus.kind !== 'embedded' || config.readStore.kind !== 'sqlite';
}
