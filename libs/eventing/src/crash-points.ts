import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/**
 * Named places where a fault test can make the process die abruptly (SIGKILL, no cleanup), to prove
 * that what was made durable before that point is neither lost nor doubled after a restart.
 * Armed only by `OOH_CRASH_POINT` (comma-separated names) for tests; `OOH_CRASH_AFTER=n` crashes at
 * the n-th pass. Services refuse to start with it when NODE_ENV=production.
 */
export type CrashPointName =
  /** Events committed to the store; the command not yet answered, nothing published yet. */
  | 'after-append'
  /** A group commit durable (many commands' events in one transaction); none of them answered yet. */
  | 'after-group-commit'
  /** A projection's documents written; its checkpoint not yet (on stores without atomic commits). */
  | 'after-projection-write'
  /** Integration messages handed to the bus; the relay's checkpoint not yet moved. */
  | 'after-publish'
  /** A consumed message's effect done; its dedupe record and offset not yet. */
  | 'after-consume-effect'
  /** A backup's databases and blobs copied; its manifest not yet written (so it is not complete). */
  | 'during-backup'
  /** A rebuild's shadow filled (documents, checkpoint, indexes); not promoted. */
  | 'after-shadow-fill'
  /** A rebuild's shadow promoted (readers and checkpoint moved); the old generation retired, not dropped, other threads not yet told. */
  | 'after-promotion';

const armed = new Set(
  (process.env.OOH_CRASH_POINT ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
let remaining = Number(process.env.OOH_CRASH_AFTER ?? 1);
/** `OOH_CRASH_THREAD=1`: a crash point reached in a worker thread (the subscriptions thread) ends only that thread. */
const endThreadOnly = process.env.OOH_CRASH_THREAD === '1' && !isMainThread;

export function crashPoint(name: CrashPointName): void {
  if (armed.size === 0 || !armed.has(name)) return;
  remaining -= 1;
  if (remaining > 0) return;
  // Written straight to the descriptor: a worker thread's stderr reaches it through the main thread, too late.
  if (endThreadOnly) {
    writeSync(2, `crash point ${name} reached: ending the subscriptions thread\n`);
    // In a worker thread, exit ends that thread at once (no cleanup); the process goes on.
    process.exit(70);
  }
  writeSync(2, `crash point ${name} reached: killing the process\n`);
  process.kill(process.pid, 'SIGKILL');
}

export function crashPointsArmed(): string[] {
  return [...armed];
}
