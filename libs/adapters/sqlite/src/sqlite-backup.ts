import Database from 'better-sqlite3';
import type { SqliteDatabase } from './open-database';

export interface OnlineBackupOptions {
  /** Pages copied per step; the event loop runs between steps. */
  pagesPerStep?: number;
  /** Aborts between two steps (the partial copy is left for the caller to remove). */
  signal?: AbortSignal;
}

/**
 * Copies a live database with SQLite's online backup API, through the connection that writes it:
 * SQLite then applies that connection's commits made during the copy to the copy as well, so the
 * result is the database as of the moment the copy finished, and writers are never blocked (a step
 * reads under a short shared lock; between steps the event loop serves requests). The copy is left
 * as one self-contained file (rollback journal, no -wal/-shm beside it).
 */
export async function backupDatabase(db: SqliteDatabase, targetPath: string, options: OnlineBackupOptions = {}): Promise<void> {
  const pagesPerStep = options.pagesPerStep ?? 1000;
  await db.backup(targetPath, {
    progress: () => {
      if (options.signal?.aborted) throw new Error('backup aborted');
      return pagesPerStep;
    },
  });
  const copy = new Database(targetPath, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** SQLite's full consistency check of a database file: 'ok', or the problems it found. */
export function integrityCheck(path: string): string {
  const db = new Database(path, { fileMustExist: true, readonly: true });
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}
