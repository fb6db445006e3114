import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './open-database';

// Runs in a worker thread with its own connection: a passive checkpoint copies committed WAL frames
// into the database file (and fsyncs it) without blocking writers or readers of other connections.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const run = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); run(); db.close(); parentPort.close(); });
`;

/**
 * Takes SQLite's WAL checkpoints off the event loop. With automatic checkpoints, the commit that
 * crosses the threshold copies the WAL into the file and fsyncs it on the main thread: a stall of
 * up to ~200 ms for every request in flight. Here the connection never checkpoints itself; a worker
 * thread does, every `intervalMs`. Should the worker fail, automatic checkpoints come back.
 * Returns a function that stops the worker after a last checkpoint.
 */
export function checkpointInBackground(db: SqliteDatabase, path: string, intervalMs = 500): () => Promise<void> {
  const previous = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), path, intervalMs } });
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
