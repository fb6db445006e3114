import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqliteDatabase = Database.Database;

export interface DatabaseTuning {
  pageSize?: number;
  cacheMiB?: number;
  /** WAL pages between automatic checkpoints (SQLite's default: 1000). Each checkpoint fsyncs the file. */
  walAutocheckpointPages?: number;
}

/**
 * WAL. `full` (the default, and always for the event store): a commit is durable when it returns.
 * `normal`: no fsync per commit, so a power loss may roll back the last commits, but never tears
 * one; right for data rebuilt or redelivered from the event log (read models, bus offsets), where
 * an fsync per projection batch would only block the event loop. `:memory:` is accepted for tests.
 */
export function openDatabase(path: string, durability: 'full' | 'normal' = 'full', tuning: DatabaseTuning = {}): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // Only takes effect on a new file (before WAL mode is set); an existing file keeps its page size.
  if (tuning.pageSize) db.pragma(`page_size = ${tuning.pageSize}`);
  db.pragma('journal_mode = WAL');
  if (tuning.cacheMiB) db.pragma(`cache_size = -${tuning.cacheMiB * 1024}`);
  if (tuning.walAutocheckpointPages) db.pragma(`wal_autocheckpoint = ${tuning.walAutocheckpointPages}`);
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
