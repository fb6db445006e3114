import {
  AppError,
  crashPoint,
  streamCategory,
  systemClock,
  WrongExpectedRevision,
  type AppendResult,
  type Clock,
  type EventStore,
  type ExpectedRevision,
  type LogFilter,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type LogBatch,
} from '@ooh/eventing';
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import type { Statement } from 'better-sqlite3';
import { openDatabase, type SqliteDatabase } from './open-database';
import { RecentEvents } from './recent-events';
import { checkpointInBackground } from './background-checkpoints';
import { backupDatabase, type OnlineBackupOptions } from './sqlite-backup';
import Database from 'better-sqlite3';

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  event_id    TEXT NOT NULL UNIQUE,
  stream_id   TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  category    TEXT NOT NULL,
  type        TEXT NOT NULL,
  data        TEXT NOT NULL,
  metadata    TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_by_category ON events (category, position);
`;
// A stream's revision is the last one in the (stream_id, revision) index: no table of its own, whose
// random-page updates cost every commit as much again as the events themselves.

/**
 * The embedded event store. Appends that arrive in the same event-loop turn are committed in one
 * transaction (one fsync), each inside its own savepoint so one append's conflict does not fail
 * the others; every caller is answered only after that commit is durable.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: SqliteDatabase;
  private readonly appended = new EventEmitter();
  /** Incremented on every commit, so a subscriber can tell whether it missed one while busy. */
  private commits = 0;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly stmts;
  private readonly clock: Clock;
  private readonly pollMs: number;

  private readonly coalesceMs: number;
  /** The events this process appended last, parsed once: live subscriptions read them from here. */
  private readonly tail: RecentEvents;
  private readonly tailCapacity: number;
  private readonly stopCheckpoints?: () => Promise<void>;
  /**
   * The other stores on this file in this process (worker threads): each commit is announced to them,
   * so their subscriptions wake at once instead of at the next poll.
   */
  private readonly peers?: BroadcastChannel;
  /** The last position another thread announced (older announcements are not news). */
  private peersHead = 0;

  constructor(options: { path: string; clock?: Clock; pollMs?: number; coalesceMs?: number; tailSize?: number }) {
    this.db = openDatabase(options.path);
    if (options.path !== ':memory:') this.stopCheckpoints = checkpointInBackground(this.db, options.path);
    this.db.exec(SCHEMA);
    this.clock = options.clock ?? systemClock;
    this.pollMs = options.pollMs ?? 1000;
    this.coalesceMs = options.coalesceMs ?? 5;
    this.tailCapacity = options.tailSize ?? 4096;
    this.tail = new RecentEvents(this.tailCapacity);
    this.appended.setMaxListeners(0);
    if (options.path !== ':memory:') {
      this.peers = new BroadcastChannel(`ooh:event-store:${resolve(options.path)}`);
      this.peers.unref();
      this.peers.onmessage = (message) => this.peerCommitted((message as { data: number }).data);
    }
    this.stmts = {
      revision: this.db.prepare<[string], { revision: number }>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      insert: this.db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, category, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      byEventId: this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE event_id = ?'),
      readStream: this.db.prepare<[string, number], EventRow>('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision'),
      readStreamUntil: this.db.prepare<[string, number, string], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? AND recorded_at <= ? ORDER BY revision',
      ),
      readAll: this.db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      head: this.db.prepare<[], { head: number | null }>('SELECT MAX(position) AS head FROM events'),
    };
  }

  appendToStream(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    if (events.length === 0) return Promise.reject(new AppError('invalid', 'NO_EVENTS', 'nothing to append'));
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    const fresh: RecordedEvent[] = [];
    try {
      // IMMEDIATE: take the write lock before reading revisions. A deferred transaction that reads
      // and then writes fails at once with SQLITE_BUSY when another process (a second replica on the
      // same file) wrote in between; the busy timeout only covers waiting for the lock up front.
      // No savepoint per append: an append is checked in full (event ids, expected revision) before
      // it writes anything, so a refused one leaves nothing behind; any other error fails the batch.
      this.db
        .transaction(() => {
          for (const pending of batch) {
            try {
              outcomes.push({ ok: true, result: this.appendNow(pending, fresh) });
            } catch (error) {
              if (!isRefusal(error)) throw error;
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      batch.forEach((p) => p.reject(error));
      return;
    }
    crashPoint('after-group-commit');
    this.tail.remember(fresh);
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
    this.commits += 1;
    this.appended.emit('appended');
    if (fresh.length > 0) this.peers?.postMessage(fresh[fresh.length - 1].position);
  }

  private peerCommitted(position: number): void {
    if (this.closed || position <= this.peersHead) return;
    this.peersHead = position;
    this.commits += 1;
    // Read once for every subscription waiting here, so each can tell whether it holds anything for it.
    if (this.appended.listenerCount('appended') > 0) this.absorbOthers(position);
    this.appended.emit('appended');
  }

  /**
   * What others (another thread's store, another process) committed since the tail's end, up to the
   * head a subscription just read, taken into the tail once for every subscription: a commit may be in
   * the file before its announcement arrives. Only subscriptions call this: a thread that only
   * appends never reads it.
   */
  private absorbOthers(head: number): void {
    if (this.tailCapacity <= 0 || head <= this.tail.last) return;
    const from = Math.max(this.tail.last, head - this.tailCapacity);
    this.tail.remember(this.stmts.readAll.all(from, head - from).map(toRecorded));
  }

  private appendNow({ streamId, events, expected }: PendingAppend, fresh: RecordedEvent[]): AppendResult {
    const existing = events.map((e) => this.stmts.byEventId.get(e.eventId));
    if (existing.every((row) => row !== undefined)) {
      const rows = existing as EventRow[];
      if (rows.every((r) => r.stream_id === streamId)) {
        const stored = rows.map(toRecorded);
        return { nextExpectedRevision: stored[stored.length - 1].revision, lastPosition: stored[stored.length - 1].position, events: stored };
      }
    }
    if (existing.some((row) => row !== undefined) || new Set(events.map((e) => e.eventId)).size !== events.length) {
      throw new AppError('conflict', 'EVENT_ID_REUSED', `some event ids of this append are already stored or repeated (${streamId})`);
    }
    const current = this.stmts.revision.get(streamId)?.revision;
    checkExpected(streamId, expected, current);
    const recordedAt = this.clock.now().toISOString();
    const category = streamCategory(streamId);
    let revision = current ?? -1;
    const stored: RecordedEvent[] = [];
    for (const e of events) {
      revision += 1;
      const data = e.json?.data ?? JSON.stringify(e.data);
      const metadata = e.json?.metadata ?? JSON.stringify(e.metadata);
      const info = this.stmts.insert.run(e.eventId, streamId, revision, category, e.type, data, metadata, recordedAt);
      // Parsed back from what was stored: readers of the tail get what a read from the file would give.
      stored.push({
        eventId: e.eventId,
        type: e.type,
        data: JSON.parse(data),
        metadata: JSON.parse(metadata),
        streamId,
        revision,
        position: Number(info.lastInsertRowid),
        recordedAt,
      });
    }
    fresh.push(...stored);
    return { nextExpectedRevision: revision, lastPosition: stored[stored.length - 1].position, events: stored };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromRevision ?? 0;
    const rows = options.recordedUntil ? this.stmts.readStreamUntil.all(streamId, from, options.recordedUntil) : this.stmts.readStream.all(streamId, from);
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    if (!hasFilter(options.filter) && options.until === undefined) {
      return this.stmts.readAll.all(options.after, options.maxCount).map(toRecorded);
    }
    const { where, params } = filterClause(options.filter ?? {}, options.after);
    if (options.until !== undefined) {
      where.push('position <= ?');
      params.push(options.until);
    }
    const sql = `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`;
    return (this.prepared(sql).all(...params, options.maxCount) as EventRow[]).map(toRecorded);
  }

  async *subscribe(options: SubscribeOptions): AsyncIterable<LogBatch> {
    let after = options.after;
    let yielded = after;
    const batchSize = options.batchSize ?? 500;
    while (!options.signal.aborted && !this.closed) {
      const seenCommits = this.commits;
      const head = this.stmts.head.get()?.head ?? 0;
      this.absorbOthers(head);
      const events =
        head <= after
          ? []
          : (this.tail.read(after, head, batchSize, options.filter) ??
            (await this.readAll({ after, maxCount: batchSize, filter: options.filter, until: head })));
      // A short batch means everything up to `head` was scanned, matching or not.
      const position = events.length === batchSize ? events[events.length - 1].position : head;
      if (events.length > 0 || position > after) {
        after = yielded = position;
        yield { events, position, head };
        if (events.length === batchSize) {
          // Catching up: let the event loop run between batches (HTTP, timers, other subscriptions);
          // otherwise a rebuild's awaits, all microtasks, keep the process from serving until it ends.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
      }
      // Appends committed while the consumer handled the batch must not wait for the next one.
      if (this.commits === seenCommits) after = await this.nextAppend(options, after, yielded);
    }
  }

  /**
   * Waits for a commit with something for this subscription; resolves with the position scanned
   * through meanwhile. A commit whose events (all in the tail) hold nothing for it only moves that
   * position, reported by `onScanned`, without a turn of its loop — until `SCANNED_WITHOUT_BATCH`
   * positions have passed, when it is woken to yield an empty batch (its checkpoint moves).
   */
  private nextAppend(options: SubscribeOptions, after: number, yielded: number): Promise<number> {
    const { signal, onScanned, filter } = options;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve(after);
      let scanned = after;
      const done = () => {
        clearTimeout(timer);
        this.appended.off('appended', woken);
        signal.removeEventListener('abort', done);
        resolve(scanned);
      };
      // Woken by an append, wait a moment so that appends arriving together are read as one batch:
      // a dozen subscriptions each querying after every single commit would crowd out the commands.
      const woken = () => {
        if (onScanned && !signal.aborted) {
          const head = this.tail.last;
          const mine = head > scanned && head - yielded < SCANNED_WITHOUT_BATCH ? this.tail.read(scanned, head, 1, filter) : null;
          if (mine && mine.length === 0) {
            scanned = head;
            onScanned(head);
            return;
          }
        }
        this.appended.off('appended', woken);
        clearTimeout(timer);
        if (this.coalesceMs <= 0 || signal.aborted) return done();
        setTimeout(done, this.coalesceMs).unref();
      };
      const timer = setTimeout(done, this.pollMs);
      timer.unref();
      this.appended.on('appended', woken);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  async headPosition(filter?: LogFilter): Promise<number> {
    if (!hasFilter(filter)) return this.stmts.head.get()?.head ?? 0;
    const { where, params } = filterClause(filter!, 0);
    const row = this.prepared(`SELECT MAX(position) AS head FROM events WHERE ${where.join(' AND ')}`).get(...params) as { head: number | null };
    return row.head ?? 0;
  }

  private readonly statementCache = new Map<string, Statement<unknown[]>>();
  private prepared(sql: string) {
    let stmt = this.statementCache.get(sql);
    if (!stmt) this.statementCache.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }

  /** An online copy of the log as of the moment it finishes (appends continue meanwhile). */
  backupTo(path: string, options?: OnlineBackupOptions): Promise<void> {
    return backupDatabase(this.db, path, options);
  }

  /** Runs SQLite's own consistency check (for crash tests). */
  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.queue.length > 0) this.flush();
    this.closed = true;
    this.peers?.close();
    this.appended.emit('appended');
    await this.stopCheckpoints?.();
    this.db.close();
  }
}

/** Errors that refuse one append and leave the batch's others to commit. */
function isRefusal(error: unknown): boolean {
  return error instanceof WrongExpectedRevision || error instanceof AppError;
}

function checkExpected(streamId: string, expected: ExpectedRevision, current: number | undefined): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    (typeof expected === 'number' && current === expected);
  if (!ok) throw new WrongExpectedRevision(streamId, expected, current ?? -1);
}

function hasFilter(filter?: LogFilter): boolean {
  return !!filter && (!!filter.categories?.length || !!filter.streamPrefix || !!filter.eventTypes?.length);
}

function filterClause(filter: LogFilter, after: number) {
  const where = ['position > ?'];
  const params: Array<string | number> = [after];
  if (filter.categories?.length) {
    where.push(`category IN (${filter.categories.map(() => '?').join(',')})`);
    params.push(...filter.categories);
  }
  if (filter.streamPrefix) {
    where.push('stream_id >= ? AND stream_id < ?');
    params.push(filter.streamPrefix, filter.streamPrefix + '\uffff');
  }
  if (filter.eventTypes?.length) {
    where.push(`type IN (${filter.eventTypes.map(() => '?').join(',')})`);
    params.push(...filter.eventTypes);
  }
  return { where, params };
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    recordedAt: row.recorded_at,
  };
}

/** Positions a subscription may move past without a batch (its checkpoint unmoved) before it is woken to record them. */
const SCANNED_WITHOUT_BATCH = 1000;

export function openSqliteEventStore(path: string, clock?: Clock): SqliteEventStore {
  return new SqliteEventStore({ path, clock });
}

/** How many events a log file holds and its head position (0 when empty): what a restore must find again. */
export function eventLogSummary(path: string): { eventCount: number; headPosition: number } {
  const db = new Database(path, { fileMustExist: true, readonly: true });
  try {
    const row = db.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(position), 0) AS head FROM events').get() as { n: number; head: number };
    return { eventCount: row.n, headPosition: row.head };
  } finally {
    db.close();
  }
}
