import {
  deliverWithRetries,
  isNotYetResult,
  notYetDelay,
  type ConsumerOptions,
  type DeadLetter,
  type DeliveredMessage,
  type IntegrationMessage,
  type MessageBus,
  type ProcessedMessages,
} from '@ooh/eventing';
import { backupDatabase, checkpointInBackground, openDatabase, type OnlineBackupOptions, type SqliteDatabase } from '@ooh/adapter-sqlite';
import type { Statement } from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bus_messages (
  offset     INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  type       TEXT NOT NULL,
  body       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bus_offsets (grp TEXT PRIMARY KEY, offset INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bus_dead_letters (
  id INTEGER PRIMARY KEY, grp TEXT NOT NULL, offset INTEGER NOT NULL, message TEXT NOT NULL,
  error TEXT NOT NULL, attempts INTEGER NOT NULL, at TEXT NOT NULL, UNIQUE (grp, offset)
);
CREATE TABLE IF NOT EXISTS bus_processed (consumer TEXT NOT NULL, message_id TEXT NOT NULL, PRIMARY KEY (consumer, message_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS bus_messages_by_type ON bus_messages (type, offset);
`;

/** A running consumer's wake-up: called on a publish of one of its types (any type when it has none). */
interface Waiting {
  types?: ReadonlySet<string>;
  wake(): void;
}

/**
 * The embedded message bus: a durable log of published messages (deduped by message id) and a
 * durable offset per consumer group, so a restart resumes each group where it stopped. A message
 * that keeps failing is dead-lettered with its error after bounded attempts and the group moves on.
 */
export class SqliteMessageBus implements MessageBus, ProcessedMessages {
  private readonly db: SqliteDatabase;
  private readonly waiting = new Set<Waiting>();
  private readonly counts = new Map<number, Statement>();
  /** Incremented on every publish, so a consumer can tell whether it missed one while busy. */
  private publishes = 0;
  private readonly consumers = new Set<{ stop(): Promise<void> }>();
  private readonly handlers = new Map<string, ConsumerOptions>();
  private readonly stopCheckpoints?: () => Promise<void>;

  constructor(options: { path: string; retryDelayMs?: number; pollMs?: number; durability?: 'full' | 'normal' }) {
    // Published messages come from the event log (the relay republishes after a loss) and consumers
    // are idempotent, so the bus does not need an fsync per commit.
    this.db = openDatabase(options.path, options.durability ?? 'normal');
    // A bus that relayed a long log is a large file: its checkpoints must not stall the event loop.
    if (options.path !== ':memory:') this.stopCheckpoints = checkpointInBackground(this.db, options.path);
    this.db.exec(SCHEMA);
    // Files from before consumers recorded their types: every group counted as interested in everything until it starts again.
    const columns = this.db.prepare("SELECT name FROM pragma_table_info('bus_offsets')").all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'types')) this.db.exec('ALTER TABLE bus_offsets ADD COLUMN types TEXT');
    this.retryDelayMs = options.retryDelayMs ?? 50;
    this.pollMs = options.pollMs ?? 1000;
  }
  private readonly retryDelayMs: number;
  private readonly pollMs: number;

  async publish(messages: IntegrationMessage[]): Promise<void> {
    const insert = this.db.prepare('INSERT INTO bus_messages (message_id, type, body) VALUES (?, ?, ?) ON CONFLICT (message_id) DO NOTHING');
    this.db.transaction(() => {
      for (const m of messages) insert.run(m.messageId, m.type, JSON.stringify(m));
    })();
    this.publishes += 1;
    // Only the groups that take one of these types wake (dozens of groups each reading and moving
    // its offset on every publish put milliseconds into every hand-off); the others see these
    // messages as nothing to do whenever they next look, and lag() does not count them.
    const types = new Set(messages.map((m) => m.type));
    for (const w of [...this.waiting]) if (!w.types || [...types].some((t) => w.types!.has(t))) w.wake();
  }

  async consume(options: ConsumerOptions): Promise<{ stop(): Promise<void> }> {
    const controller = new AbortController();
    this.handlers.set(options.group, options);
    const maxAttempts = options.maxAttempts ?? 5;
    const typeFilter = options.types?.length ? `AND type IN (${options.types.map(() => '?').join(',')})` : '';
    const next = this.db.prepare(`SELECT offset, body FROM bus_messages WHERE offset > ? ${typeFilter} ORDER BY offset LIMIT 100`);
    const head = this.db.prepare('SELECT MAX(offset) AS head FROM bus_messages');
    const getOffset = () => (this.db.prepare('SELECT offset FROM bus_offsets WHERE grp = ?').get(options.group) as { offset: number } | undefined)?.offset ?? 0;
    const setOffset = this.db.prepare('INSERT INTO bus_offsets (grp, offset) VALUES (?, ?) ON CONFLICT (grp) DO UPDATE SET offset = excluded.offset');
    const deadLetter = this.db.prepare(
      'INSERT INTO bus_dead_letters (grp, offset, message, error, attempts, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (grp, offset) DO NOTHING',
    );

    // Known from the start, so lag() reports a group before it has handled anything; with its types,
    // so that lag() counts only the messages it takes.
    this.db
      .prepare('INSERT INTO bus_offsets (grp, offset, types) VALUES (?, 0, ?) ON CONFLICT (grp) DO UPDATE SET types = excluded.types')
      .run(options.group, options.types?.length ? JSON.stringify(options.types) : null);
    const types = options.types?.length ? new Set(options.types) : undefined;
    // A message that came before the state it needs is parked with every later message of its key
    // (one aggregate's messages stay in order); the group goes on with the other keys meanwhile. The
    // durable offset stays before the oldest parked message, so a restart delivers it again (what was
    // handled after it is recognised by the consumer's processed-message record).
    const parked = new Map<string, { queue: Array<{ offset: number; body: string; message: DeliveredMessage }>; since: number; retryAt: number }>();
    const durable = (read: number) => Math.min(read, ...[...parked.values()].map((p) => p.queue[0].offset - 1));
    const finish = (row: { offset: number; body: string }, failure: { error: string; attempts: number } | undefined) =>
      failure && deadLetter.run(options.group, row.offset, row.body, failure.error, failure.attempts, new Date().toISOString());
    /** Delivers a key's parked messages in order, as long as they go through; false when stopping. */
    const retryParked = async (): Promise<boolean> => {
      for (const [key, p] of parked) {
        if (p.retryAt > Date.now()) continue;
        while (p.queue.length) {
          const head = p.queue[0];
          let result;
          try {
            result = await this.deliver(options, head.message, maxAttempts, controller.signal);
          } catch (error) {
            if (controller.signal.aborted) return false;
            throw error;
          }
          if (isNotYetResult(result)) {
            const waited = Date.now() - p.since;
            if (waited <= (options.maxWaitMs ?? 600_000)) {
              p.retryAt = Date.now() + notYetDelay(waited);
              break;
            }
            result = { error: `waited ${waited} ms for its precondition: ${result.reason}`, attempts: 1 };
          }
          finish(head, result);
          p.queue.shift();
          p.since = Date.now();
          p.retryAt = 0;
        }
        if (p.queue.length === 0) parked.delete(key);
      }
      return true;
    };
    const loop = (async () => {
      let offset = getOffset();
      while (!controller.signal.aborted) {
        const seenPublishes = this.publishes;
        if (parked.size) {
          if (!(await retryParked())) return;
          setOffset.run(options.group, durable(offset));
        }
        const upTo = (head.get() as { head: number | null }).head ?? 0;
        const rows = next.all(offset, ...(options.types ?? [])) as Array<{ offset: number; body: string }>;
        for (const row of rows) {
          if (controller.signal.aborted) return;
          const message: DeliveredMessage = { ...(JSON.parse(row.body) as IntegrationMessage), offset: row.offset };
          const waiting = parked.get(message.key);
          if (waiting) {
            waiting.queue.push({ ...row, message });
          } else {
            let result: Awaited<ReturnType<SqliteMessageBus['deliver']>>;
            try {
              result = await this.deliver(options, message, maxAttempts, controller.signal);
            } catch (error) {
              // Stopped while retrying: the message stays undelivered and comes again after the restart.
              if (controller.signal.aborted) return;
              throw error;
            }
            if (isNotYetResult(result)) parked.set(message.key, { queue: [{ ...row, message }], since: Date.now(), retryAt: Date.now() + notYetDelay(0) });
            else if (controller.signal.aborted && result !== undefined) return;
            else {
              // The dead letter (if any) and the offset past it, together.
              this.db.transaction(() => {
                finish(row, result);
                setOffset.run(options.group, durable(row.offset));
              })();
              offset = row.offset;
              continue;
            }
          }
          offset = row.offset;
          setOffset.run(options.group, durable(offset));
        }
        if (rows.length === 100) continue;
        if (upTo > offset) {
          offset = upTo;
          setOffset.run(options.group, durable(offset));
        }
        if (this.publishes !== seenPublishes) continue;
        if (parked.size) await this.nextPublish(types, controller.signal, Math.max(0, Math.min(...[...parked.values()].map((p) => p.retryAt)) - Date.now()));
        else await this.nextPublish(types, controller.signal);
      }
    })();

    const consumer = {
      stop: async () => {
        controller.abort();
        await loop;
        this.consumers.delete(consumer);
      },
    };
    this.consumers.add(consumer);
    return consumer;
  }

  /** Undefined on success, the failure to dead-letter otherwise; throws when the consumer stops mid-retry. */
  private deliver(options: ConsumerOptions, message: DeliveredMessage, maxAttempts: number, signal: AbortSignal) {
    return deliverWithRetries(() => options.handle(message), {
      maxAttempts,
      maxWaitMs: options.maxWaitMs ?? 600_000,
      retryDelayMs: this.retryDelayMs,
      stopping: () => signal.aborted,
      reportNotYet: true,
    });
  }

  /** Resolves on the next publish of one of `types` (any, without), on stop, or after `maxMs` (the poll interval by default). */
  private nextPublish(types: ReadonlySet<string> | undefined, signal: AbortSignal, maxMs = this.pollMs): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const waiting: Waiting = { types, wake: () => done() };
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(waiting);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(maxMs, this.pollMs));
      timer.unref();
      this.waiting.add(waiting);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  async deadLetters(group?: string): Promise<DeadLetter[]> {
    const rows = (
      group
        ? this.db.prepare('SELECT * FROM bus_dead_letters WHERE grp = ? ORDER BY id').all(group)
        : this.db.prepare('SELECT * FROM bus_dead_letters ORDER BY id').all()
    ) as Array<{ grp: string; offset: number; message: string; error: string; attempts: number; at: string }>;
    return rows.map((r) => ({
      group: r.grp,
      message: { ...(JSON.parse(r.message) as IntegrationMessage), offset: r.offset },
      error: r.error,
      attempts: r.attempts,
      at: r.at,
    }));
  }

  async replayDeadLetter(group: string, messageId: string): Promise<boolean> {
    const letter = (await this.deadLetters(group)).find((d) => d.message.messageId === messageId);
    if (!letter) return false;
    const handler = this.handlers.get(group);
    if (!handler) throw new Error(`no consumer of group ${group} runs in this process`);
    await handler.handle(letter.message);
    this.db.prepare('DELETE FROM bus_dead_letters WHERE grp = ? AND offset = ?').run(group, letter.message.offset);
    return true;
  }

  /** Per group, the messages of its types after its offset (of any type for a group that takes all). */
  async lag(): Promise<Record<string, number>> {
    const head = (this.db.prepare('SELECT MAX(offset) AS head FROM bus_messages').get() as { head: number | null }).head ?? 0;
    const rows = this.db.prepare('SELECT grp, offset, types FROM bus_offsets').all() as Array<{ grp: string; offset: number; types: string | null }>;
    return Object.fromEntries(
      rows.map((r) => {
        if (!r.types || r.offset >= head) return [r.grp, Math.max(0, head - r.offset)];
        const types = JSON.parse(r.types) as string[];
        return [r.grp, (this.countOf(types.length).get(...types, r.offset) as { n: number }).n];
      }),
    );
  }

  /** The count of messages of n types after an offset (prepared once per n: lag() runs on every health check). */
  private countOf(n: number): Statement {
    let statement = this.counts.get(n);
    if (!statement) {
      statement = this.db.prepare(`SELECT COUNT(*) AS n FROM bus_messages WHERE type IN (${Array(n).fill('?').join(',')}) AND offset > ?`);
      this.counts.set(n, statement);
    }
    return statement;
  }

  async once(consumer: string, messageId: string, effect: () => Promise<void>): Promise<boolean> {
    const seen = this.db.prepare('SELECT 1 FROM bus_processed WHERE consumer = ? AND message_id = ?').get(consumer, messageId);
    if (seen) return false;
    await effect();
    this.db.prepare('INSERT INTO bus_processed (consumer, message_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(consumer, messageId);
    return true;
  }

  /** An online copy of the published messages, consumer offsets, dedupe records and dead letters. */
  backupTo(path: string, options?: OnlineBackupOptions): Promise<void> {
    return backupDatabase(this.db, path, options);
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.stop()));
    await this.stopCheckpoints?.();
    if (this.db.open) this.db.close();
  }
}
