import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './open-database';

// Runs in a worker thread with its own connection. A passive checkpoint copies committed WAL frames
// into the database file (and fsyncs it) without blocking writers or readers of other connections.
// Under a steady stream of commits, passive checkpoints never catch up with the last frame, and SQLite
// only starts the WAL over once a checkpoint has: the file grew without bound (24 GB during a 1M-event
// rebuild, and every read searched an index of millions of frames). So once the WAL holds more than
// `restartFrames`, the worker takes a RESTART checkpoint: it waits for the current commit, copies the
// few frames the passive pass left, and the next commit writes the WAL from its start again. Writers
// wait meanwhile (a few milliseconds), so it gives up after 100 ms and tries again at the next tick.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 100');
const run = () => {
  try {
    const [passive] = db.pragma('wal_checkpoint(PASSIVE)');
    if (passive && passive.log >= workerData.restartFrames) db.pragma('wal_checkpoint(RESTART)');
  } catch {}
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); run(); db.close(); parentPort.close(); });
`;

export interface BackgroundCheckpointOptions {
  intervalMs?: number;
  /** WAL size from which the worker starts the WAL over (it is also truncated to this size then). */
  walLimitBytes?: number;
}

/**
 * Takes SQLite's WAL checkpoints off the event loop. With automatic checkpoints, the commit that
 * crosses the threshold copies the WAL into the file and fsyncs it on the main thread: a stall of
 * up to ~200 ms for every request in flight. Here the connection never checkpoints itself; a worker
 * thread does, every `intervalMs`, and keeps the WAL near `walLimitBytes`. Should the worker fail,
 * automatic checkpoints come back. Returns a function that stops the worker after a last checkpoint.
 */
export function checkpointInBackground(db: SqliteDatabase, path: string, options: BackgroundCheckpointOptions = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 500;
  const walLimitBytes = options.walLimitBytes ?? 64 * 1024 * 1024;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const previous = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${walLimitBytes}`);
  const restartFrames = Math.max(1, Math.floor(walLimitBytes / pageSize));
  const worker = new Worker(WORKER, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), path, intervalMs, restartFrames } });
  worker.unref();
  worker.on('error', () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${previous}`);
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return async () => {
    // Referenced again while it finishes: waiting on an unreferenced worker would let a process with
    // nothing else to do exit right here, with the close never completing.
    worker.ref();
    worker.postMessage('stop');
    await exited;
  };
}
