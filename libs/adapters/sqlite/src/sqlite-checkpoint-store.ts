import type { CheckpointStore, DeadLetter, DeadLetterStore, IdempotencyStore, ProcessedMessages, StoredResponse } from '@ooh/eventing';
import { openDatabase, type SqliteDatabase } from './open-database';
import { backupDatabase, type OnlineBackupOptions } from './sqlite-backup';

export class SqliteCheckpointStore implements CheckpointStore {
  private readonly select;
  private readonly upsert;
  constructor(options: { path: string } | { db: SqliteDatabase }) {
    const db = 'db' in options ? options.db : openDatabase(options.path, 'normal');
    db.exec('CREATE TABLE IF NOT EXISTS subscription_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID');
    this.select = db.prepare<[string], { position: number }>('SELECT position FROM subscription_checkpoints WHERE name = ?');
    this.upsert = db.prepare(
      'INSERT INTO subscription_checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    );
  }
  async get(name: string): Promise<number> {
    return this.select.get(name)?.position ?? 0;
  }
  async set(name: string, position: number): Promise<void> {
    this.upsert.run(name, position);
  }
}

const IDEMPOTENCY_SCHEMA =
  'CREATE TABLE IF NOT EXISTS idempotent_responses (key TEXT PRIMARY KEY, response TEXT NOT NULL, stored_at TEXT NOT NULL) WITHOUT ROWID';

/**
 * The first response per Idempotency-Key. On a file of its own (`path`): the request thread writes
 * it on every keyed command, and in a file shared with the read models it waited for whatever
 * projection batch, rebuild or index build held that file's write lock (better-sqlite3 waits on the
 * event loop), stalling every request meanwhile. `migrateFrom`: the database an earlier version kept
 * the responses in; they move over once.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly db: SqliteDatabase;
  private readonly owned: boolean;
  constructor(options: { path: string; migrateFrom?: SqliteDatabase } | { db: SqliteDatabase }) {
    this.owned = !('db' in options);
    // `normal`: as before, a power loss may forget the last responses (a retry then runs its command again).
    this.db = 'db' in options ? options.db : openDatabase(options.path, 'normal');
    this.db.exec(IDEMPOTENCY_SCHEMA);
    if ('migrateFrom' in options && options.migrateFrom) moveResponses(options.migrateFrom, this.db);
  }
  async get(key: string): Promise<StoredResponse | undefined> {
    const row = this.db.prepare('SELECT response FROM idempotent_responses WHERE key = ?').get(key) as { response: string } | undefined;
    return row ? (JSON.parse(row.response) as StoredResponse) : undefined;
  }
  async putIfAbsent(key: string, response: StoredResponse): Promise<StoredResponse> {
    this.db
      .prepare('INSERT INTO idempotent_responses (key, response, stored_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING')
      .run(key, JSON.stringify(response), new Date().toISOString());
    return (await this.get(key))!;
  }
  /** An online copy (backups). */
  backupTo(path: string, options?: OnlineBackupOptions): Promise<void> {
    return backupDatabase(this.db, path, options);
  }
  async close(): Promise<void> {
    if (this.owned && this.db.open) this.db.close();
  }
}

/** Moves the responses an earlier version kept in `from` (the read models' file) into `to`, once (both threads may try). */
function moveResponses(from: SqliteDatabase, to: SqliteDatabase): void {
  from
    .transaction(() => {
      if (!from.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'idempotent_responses'").get()) return;
      const rows = from.prepare('SELECT key, response, stored_at FROM idempotent_responses').all() as Array<{
        key: string;
        response: string;
        stored_at: string;
      }>;
      const insert = to.prepare('INSERT INTO idempotent_responses (key, response, stored_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING');
      to.transaction(() => rows.forEach((r) => insert.run(r.key, r.response, r.stored_at)))();
      from.exec('DROP TABLE idempotent_responses');
    })
    .immediate();
}

/** Dedupe records and dead letters for a bus without a database of its own (Kafka) on the embedded store. */
export class SqliteConsumerRecords implements ProcessedMessages, DeadLetterStore {
  private readonly db: SqliteDatabase;
  constructor(options: { path: string } | { db: SqliteDatabase }) {
    this.db = 'db' in options ? options.db : openDatabase(options.path, 'normal');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS consumer_processed (consumer TEXT NOT NULL, message_id TEXT NOT NULL, PRIMARY KEY (consumer, message_id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS consumer_dead_letters (grp TEXT NOT NULL, message_id TEXT NOT NULL, letter TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (grp, message_id)) WITHOUT ROWID;
    `);
  }
  async once(consumer: string, messageId: string, effect: () => Promise<void>): Promise<boolean> {
    if (this.db.prepare('SELECT 1 FROM consumer_processed WHERE consumer = ? AND message_id = ?').get(consumer, messageId)) return false;
    await effect();
    this.db.prepare('INSERT INTO consumer_processed (consumer, message_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(consumer, messageId);
    return true;
  }
  async add(letter: DeadLetter): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO consumer_dead_letters (grp, message_id, letter, seq) VALUES (?, ?, ?, (SELECT COUNT(*) FROM consumer_dead_letters)) ON CONFLICT DO NOTHING',
      )
      .run(letter.group, letter.message.messageId, JSON.stringify(letter));
  }
  async remove(group: string, messageId: string): Promise<void> {
    this.db.prepare('DELETE FROM consumer_dead_letters WHERE grp = ? AND message_id = ?').run(group, messageId);
  }
  async list(group?: string): Promise<DeadLetter[]> {
    const rows = (
      group
        ? this.db.prepare('SELECT letter FROM consumer_dead_letters WHERE grp = ? ORDER BY seq').all(group)
        : this.db.prepare('SELECT letter FROM consumer_dead_letters ORDER BY seq').all()
    ) as Array<{ letter: string }>;
    return rows.map((r) => JSON.parse(r.letter) as DeadLetter);
  }
}
