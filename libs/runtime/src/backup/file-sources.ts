import { FsBlobStore } from '@ooh/adapter-fs-blob';
import { backupDatabase } from '@ooh/adapter-sqlite';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { InfrastructureConfig } from '../infrastructure-config';
import type { BackupSources } from './embedded-backups';

/**
 * The embedded runtime's files opened by a process of their own (the backup command), running or
 * not. Each database is copied in one step of the backup API under one read transaction: WAL lets
 * the platform keep writing meanwhile, and the copy is the database as of that transaction.
 */
export function openFileSources(config: InfrastructureConfig): { sources: BackupSources; close(): void } {
  if (config.eventStore.kind !== 'sqlite' || config.readStore.kind !== 'sqlite' || config.bus.kind !== 'embedded' || config.blobStore.kind !== 'fs') {
    throw new Error('only the embedded runtime (SQLite, in-process bus, files) is backed up by this command: see deploy/README.md for the engines');
  }
  const paths = { events: config.eventStore.path, 'read-models': config.readStore.path, idempotency: config.readStore.idempotencyPath, bus: config.bus.path };
  const opened: Database.Database[] = [];
  /** `created`: a file the platform makes on its next start (the responses of a platform not started since it had one). */
  const open = (path: string, created = false) => {
    if (!created && !existsSync(path)) throw new Error(`${path} does not exist: is DATA_DIR (${config.dataDir}) the platform's data directory?`);
    const db = new Database(path, { fileMustExist: !created });
    db.pragma('busy_timeout = 5000');
    opened.push(db);
    return { backupTo: (target: string) => backupDatabase(db, target, { pagesPerStep: 0x7fffffff }) };
  };
  try {
    const sources: BackupSources = {
      databases: {
        events: open(paths.events),
        'read-models': open(paths['read-models']),
        idempotency: open(paths.idempotency, true),
        bus: open(paths.bus),
      },
      blobs: new FsBlobStore(config.blobStore.path),
    };
    return { sources, close: () => opened.forEach((db) => db.close()) };
  } catch (error) {
    opened.forEach((db) => db.close());
    throw error;
  }
}
