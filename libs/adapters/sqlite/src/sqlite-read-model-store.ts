import {
  assertReadModelField,
  crashPoint,
  decodeCursor,
  encodeCursor,
  invalid,
  type FieldCondition,
  type Filter,
  type FindOptions,
  type IndexDefinition,
  type Page,
  type ReadModelStore,
  type ShadowReadModels,
  type StoredDocument,
  type WriteOp,
} from '@ooh/eventing';
import type { Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { setImmediate as yieldToRequests, setTimeout as sleep } from 'node:timers/promises';
import { BroadcastChannel } from 'node:worker_threads';
import { checkpointInBackground } from './background-checkpoints';
import { openDatabase, type SqliteDatabase } from './open-database';
import { backupDatabase, type OnlineBackupOptions } from './sqlite-backup';

// A rowid table: documents of a few hundred bytes and more are several times slower to write in a
// WITHOUT ROWID table (SQLite advises those for rows under ~1/20 of a page).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  collection TEXT NOT NULL,
  id         TEXT NOT NULL,
  doc        TEXT NOT NULL,
  position   INTEGER NOT NULL,
  UNIQUE (collection, id)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  name     TEXT PRIMARY KEY,
  position INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS generations (
  collection TEXT PRIMARY KEY,
  physical   TEXT NOT NULL,
  generation INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS retired (
  physical TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shadows (
  physical   TEXT PRIMARY KEY,
  collection TEXT NOT NULL,
  generation INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** How a view of the store names collections and checkpoints in its tables. */
interface Names {
  collection(logical: string): string;
  checkpoint(logical: string): string;
}

/** A deleted document keeps its position as `null`, so a replayed older write cannot bring it back. */
const TOMBSTONE = 'null';
const assertField = assertReadModelField;
type SqlValue = string | number | null;

/**
 * Read models as JSON documents in SQLite. A write only lands when its position is newer than the
 * stored one, and a commit moves its checkpoint in the same transaction.
 */
export class SqliteReadModelStore implements ReadModelStore {
  readonly db: SqliteDatabase;
  private readonly statements = new Map<string, Statement<unknown[]>>();
  private readonly stopCheckpoints?: () => Promise<void>;

  /** Which generation of each rebuilt collection readers see (absent: the first, named as the collection). */
  private readonly generations = new Map<string, string>();
  private readonly names: Names;
  /** The other stores on this file in this process (worker threads), told when readers must switch generations. */
  private readonly peers?: BroadcastChannel;
  /** Generations replaced by a promotion, dropped in the background once the other threads have switched. */
  private retiring: Promise<void> = Promise.resolve();
  private readonly closing = new AbortController();

  constructor(options: { path: string; durability?: 'full' | 'normal' } | { db: SqliteDatabase; names?: Names }) {
    this.db = 'db' in options ? options.db : openDatabase(options.path, options.durability ?? 'normal', READ_MODEL_TUNING);
    if ('path' in options && options.path !== ':memory:') {
      this.stopCheckpoints = checkpointInBackground(this.db, options.path);
      this.peers = new BroadcastChannel(`ooh:read-models:${resolve(options.path)}`);
      this.peers.unref();
      this.peers.onmessage = () => this.reloadGenerations();
    }
    dropOutdatedSchema(this.db);
    this.db.exec(SCHEMA);
    for (const row of this.db.prepare('SELECT collection, physical FROM generations').all() as Array<{ collection: string; physical: string }>) {
      this.generations.set(row.collection, row.physical);
    }
    this.names = ('names' in options && options.names) || {
      collection: (c) => this.generations.get(c) ?? c,
      checkpoint: (n) => n,
    };
  }

  private stmt(sql: string): Statement<unknown[]> {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  async ensureIndexes(indexes: IndexDefinition[]): Promise<void> {
    for (const { collection: logical, fields } of indexes) {
      const collection = this.names.collection(logical);
      fields.forEach(assertField);
      const name =
        'ix_' +
        createHash('sha1')
          .update(`${collection}:${fields.join(',')}`)
          .digest('hex')
          .slice(0, 12);
      const columns = fields.map((f) => `json_extract(doc, '$.${f}')`).join(', ');
      this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON documents (${columns}, id) WHERE collection = '${collection.replace(/'/g, "''")}'`);
    }
  }

  async get<T>(collection: string, id: string): Promise<StoredDocument<T> | undefined> {
    const row = this.stmt('SELECT id, doc, position FROM documents WHERE collection = ? AND id = ?').get(this.names.collection(collection), id) as
      { id: string; doc: string; position: number } | undefined;
    return row && row.doc !== TOMBSTONE ? { id: row.id, doc: JSON.parse(row.doc) as T, position: row.position } : undefined;
  }

  async getMany<T>(collection: string, ids: string[]): Promise<Array<StoredDocument<T>>> {
    const found: Array<StoredDocument<T>> = [];
    for (const id of ids) {
      const doc = await this.get<T>(collection, id);
      if (doc) found.push(doc);
    }
    return found;
  }

  async find<T>(collection: string, options: FindOptions = {}): Promise<Page<T>> {
    const limit = options.limit ?? 50;
    const { where, params } = whereClause(this.names.collection(collection), options.filter);
    const sortField = options.sort?.field;
    if (sortField) assertField(sortField);
    const dir = options.sort?.direction === 'desc' ? 'DESC' : 'ASC';
    const cmp = dir === 'DESC' ? '<' : '>';
    const sortExpr = sortField ? `json_extract(doc, '$.${sortField}')` : undefined;
    if (options.cursor) {
      const [value, id] = decodeCursor(options.cursor);
      if (sortExpr) {
        where.push(`(${sortExpr} ${cmp} ? OR (${sortExpr} = ? AND id ${cmp} ?))`);
        params.push(toSql(value), toSql(value), id);
      } else {
        where.push(`id ${cmp} ?`);
        params.push(id);
      }
    }
    const order = sortExpr ? `${sortExpr} ${dir}, id ${dir}` : `id ${dir}`;
    const select = sortExpr ? `doc, id, ${sortExpr} AS sort_value` : 'doc, id, NULL AS sort_value';
    const rows = this.stmt(`SELECT ${select} FROM documents WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`).all(...params, limit + 1) as Array<{
      doc: string;
      id: string;
      sort_value: SqlValue;
    }>;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => JSON.parse(r.doc) as T),
      nextCursor: rows.length > limit && last ? encodeCursor([last.sort_value, last.id]) : undefined,
    };
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    const { where, params } = whereClause(this.names.collection(collection), filter);
    return (this.stmt(`SELECT COUNT(*) AS n FROM documents WHERE ${where.join(' AND ')}`).get(...params) as { n: number }).n;
  }

  async commit(ops: WriteOp[], checkpoint?: { name: string; position: number }): Promise<void> {
    const put = this.stmt(
      `INSERT INTO documents (collection, id, doc, position) VALUES (?, ?, ?, ?)
       ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc, position = excluded.position
       WHERE excluded.position > documents.position`,
    );
    const del = this.stmt('DELETE FROM documents WHERE collection = ? AND id = ?');
    const cp = this.stmt(
      `INSERT INTO checkpoints (name, position) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position WHERE excluded.position > checkpoints.position`,
    );
    this.db.transaction(() => {
      for (const op of ops) {
        const collection = this.names.collection(op.collection);
        if (op.op === 'put') put.run(collection, op.id, JSON.stringify(op.doc), op.position);
        else if (op.position !== undefined) put.run(collection, op.id, TOMBSTONE, op.position);
        else del.run(collection, op.id);
      }
      if (checkpoint) cp.run(this.names.checkpoint(checkpoint.name), checkpoint.position);
    })();
    // Here documents and checkpoint are one transaction: a crash after it loses nothing and doubles nothing.
    if (ops.length) crashPoint('after-projection-write');
  }

  async getCheckpoint(name: string): Promise<number> {
    return (this.stmt('SELECT position FROM checkpoints WHERE name = ?').get(this.names.checkpoint(name)) as { position: number } | undefined)?.position ?? 0;
  }

  async reset(collections: string[], checkpoints: string[]): Promise<void> {
    this.db.transaction(() => {
      for (const c of collections) this.stmt('DELETE FROM documents WHERE collection = ?').run(this.names.collection(c));
      for (const n of checkpoints) this.stmt('DELETE FROM checkpoints WHERE name = ?').run(this.names.checkpoint(n));
    })();
  }

  /**
   * The next generation of `collections` in the same file (`<collection>#<generation>`), invisible to
   * readers until promoted: then, in one transaction, readers switch to it and the live checkpoint
   * takes the shadow's position; the old generation's rows and indexes are dropped after.
   */
  async shadow(collections: string[], options: { generation?: number } = {}): Promise<ShadowReadModels> {
    this.reloadGenerations();
    // Generations a crash left retired but not dropped (readers elsewhere are told again first).
    if (this.peers && this.db.prepare('SELECT 1 FROM retired LIMIT 1').get()) this.retireAfterPeersSwitch();
    const generation = options.generation ?? (await this.newShadowGeneration(collections));
    const physical = new Map(collections.map((c) => [c, `${c}#${generation}`]));
    const shadowCheckpoint = (n: string) => `${n}#${generation}`;
    if (options.generation === undefined) {
      const register = this.db.prepare('INSERT INTO shadows (physical, collection, generation) VALUES (?, ?, ?)');
      this.db.transaction(() => physical.forEach((p, c) => register.run(p, c, generation)))();
    }
    const view = new SqliteReadModelStore({
      db: this.db,
      names: { collection: (c) => physical.get(c) ?? this.names.collection(c), checkpoint: shadowCheckpoint },
    });
    return {
      generation,
      store: view,
      promote: async (checkpoint: string) => {
        const previous = collections.map((c) => this.names.collection(c));
        this.db.transaction(() => {
          for (const [c, p] of physical) {
            this.db
              .prepare(
                'INSERT INTO generations (collection, physical, generation) VALUES (?, ?, ?) ON CONFLICT (collection) DO UPDATE SET physical = excluded.physical, generation = excluded.generation',
              )
              .run(c, p, generation);
          }
          for (const p of previous) this.db.prepare('INSERT OR IGNORE INTO retired (physical) VALUES (?)').run(p);
          for (const p of physical.values()) this.db.prepare('DELETE FROM shadows WHERE physical = ?').run(p);
          const reached =
            (this.db.prepare('SELECT position FROM checkpoints WHERE name = ?').get(shadowCheckpoint(checkpoint)) as { position: number } | undefined)
              ?.position ?? 0;
          this.db
            .prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position')
            .run(this.names.checkpoint(checkpoint), reached);
          this.db.prepare('DELETE FROM checkpoints WHERE name = ?').run(shadowCheckpoint(checkpoint));
        })();
        for (const [c, p] of physical) this.generations.set(c, p);
        crashPoint('after-promotion');
        // Readers in other threads switch when told: the old generation is dropped after they have,
        // in the background (the next rebuild need not wait for it).
        if (this.peers) this.retireAfterPeersSwitch();
        else await this.dropRetired();
      },
      discard: () => this.dropShadows([...physical.values()], [generation]),
    };
  }

  /** Which generation readers see, as the file says (another process may have promoted one). */
  reloadGenerations(): void {
    for (const row of this.db.prepare('SELECT collection, physical FROM generations').all() as Array<{ collection: string; physical: string }>) {
      this.generations.set(row.collection, row.physical);
    }
  }

  /**
   * A generation number no shadow or promoted generation has used, after dropping the shadows of
   * `collections` a crash left behind (a projection is rebuilt by one rebuild at a time, so none of
   * them is being filled).
   */
  private async newShadowGeneration(collections: string[]): Promise<number> {
    const abandoned = collections.flatMap(
      (c) => this.db.prepare('SELECT physical, generation FROM shadows WHERE collection = ?').all(c) as Array<{ physical: string; generation: number }>,
    );
    await this.dropShadows(
      abandoned.map((a) => a.physical),
      abandoned.map((a) => a.generation),
    );
    const used = this.db
      .prepare('SELECT MAX(g) AS g FROM (SELECT MAX(generation) AS g FROM generations UNION ALL SELECT MAX(generation) FROM shadows)')
      .get() as { g: number | null };
    const generation = (used.g ?? 0) + 1;
    // Rows of a shadow abandoned before shadows were registered (an earlier version) under this number.
    await this.dropGeneration(collections.map((c) => `${c}#${generation}`));
    return generation;
  }

  /** Drops shadows' rows, then their registration and checkpoints (`<projection>#<generation>`, the numbers being unique). */
  private async dropShadows(physicalNames: string[], generations: number[]): Promise<void> {
    await this.dropGeneration(physicalNames);
    this.db.transaction(() => {
      for (const p of physicalNames) this.db.prepare('DELETE FROM shadows WHERE physical = ?').run(p);
      for (const g of new Set(generations)) {
        if (!this.db.prepare('SELECT 1 FROM shadows WHERE generation = ?').get(g))
          this.db.prepare("DELETE FROM checkpoints WHERE name LIKE '%#' || ?").run(String(g));
      }
    })();
  }

  /** Resolves when the generations retired so far are dropped (or the store closed). */
  retired(): Promise<void> {
    return this.retiring;
  }

  private retireAfterPeersSwitch(): void {
    this.peers?.postMessage('generations');
    this.retiring = this.retiring
      .then(() => sleep(PEERS_SWITCH_MS, undefined, { signal: this.closing.signal }))
      .then(() => this.dropRetired())
      // Closed meanwhile: the table keeps what is left for the next rebuild to drop.
      .catch(() => undefined);
  }

  private async dropRetired(): Promise<void> {
    const retired = this.db.prepare('SELECT physical FROM retired').all() as Array<{ physical: string }>;
    for (const { physical } of retired) {
      await this.dropGeneration([physical]);
      if (this.closing.signal.aborted) return;
      this.db.prepare('DELETE FROM retired WHERE physical = ?').run(physical);
    }
  }

  /**
   * Drops a generation's indexes, then its rows a few thousand at a time with a turn for requests in
   * between (one DELETE of a large collection held the event loop for hundreds of milliseconds).
   */
  private async dropGeneration(physicalNames: string[]): Promise<void> {
    for (const p of physicalNames) {
      const quoted = `collection = '${p.replace(/'/g, "''")}'`;
      const indexes = this.db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents' AND sql IS NOT NULL")
        .all() as Array<{ name: string; sql: string }>;
      for (const ix of indexes) if (ix.sql.endsWith(quoted)) this.db.exec(`DROP INDEX IF EXISTS ${ix.name}`);
      const chunk = this.stmt('DELETE FROM documents WHERE rowid IN (SELECT rowid FROM documents WHERE collection = ? LIMIT 2000)');
      while (!this.closing.signal.aborted && chunk.run(p).changes > 0) await yieldToRequests();
    }
  }

  /** An online copy of the read models with their checkpoints, idempotency and consumer records. */
  backupTo(path: string, options?: OnlineBackupOptions): Promise<void> {
    return backupDatabase(this.db, path, options);
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.retiring;
    this.peers?.close();
    await this.stopCheckpoints?.();
    if (this.db.open) this.db.close();
  }
}

/** How long an old generation stays readable after a promotion, for the other threads to switch. */
const PEERS_SWITCH_MS = 500;

/**
 * Large pages and rare WAL checkpoints: a rebuild writes hundreds of thousands of documents, and with
 * SQLite's defaults it spent about half its time in checkpoint fsyncs. Read models are rebuilt from
 * the log, so a longer WAL to replay after a crash costs nothing that matters.
 */
const READ_MODEL_TUNING = { pageSize: 16384, cacheMiB: 64, walAutocheckpointPages: 4000 };

/**
 * Read models written by an earlier version (documents WITHOUT ROWID) are dropped with every
 * projection checkpoint: the projections rebuild them from the log on start. Bus and relay records
 * in the same file are kept.
 */
function dropOutdatedSchema(db: SqliteDatabase): void {
  const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get() as { sql: string } | undefined;
  if (!table || !/WITHOUT ROWID/i.test(table.sql)) return;
  db.transaction(() => {
    db.exec('DROP TABLE documents');
    db.exec('DELETE FROM checkpoints');
  })();
}

function toSql(value: unknown): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw invalid('INVALID_FILTER', `unsupported filter value ${JSON.stringify(value)}`);
}

function whereClause(collection: string, filter: Filter = {}) {
  const where = ['collection = ?', `doc <> '${TOMBSTONE}'`];
  const params: SqlValue[] = [collection];
  for (const [field, condition] of Object.entries(filter)) {
    assertField(field);
    const expr = `json_extract(doc, '$.${field}')`;
    addCondition(expr, condition, where, params);
  }
  return { where, params };
}

function addCondition(expr: string, c: FieldCondition, where: string[], params: SqlValue[]): void {
  if (c === null) return void where.push(`${expr} IS NULL`);
  if (typeof c !== 'object') return void (where.push(`${expr} = ?`), params.push(toSql(c)));
  if ('$in' in c) {
    if (c.$in.length === 0) return void where.push('0');
    where.push(`${expr} IN (${c.$in.map(() => '?').join(',')})`);
    params.push(...c.$in.map(toSql));
    return;
  }
  if ('$ne' in c) {
    if (c.$ne === null) return void where.push(`${expr} IS NOT NULL`);
    where.push(`(${expr} IS NULL OR ${expr} != ?)`);
    params.push(toSql(c.$ne));
    return;
  }
  const ops: Array<[keyof typeof c, string]> = [
    ['$gte', '>='],
    ['$gt', '>'],
    ['$lte', '<='],
    ['$lt', '<'],
  ];
  for (const [key, op] of ops) {
    const v = (c as Record<string, unknown>)[key];
    if (v !== undefined) {
      where.push(`${expr} ${op} ?`);
      params.push(toSql(v));
    }
  }
}
