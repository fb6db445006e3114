import {
  assertReadModelField,
  crashPoint,
  decodeCursor,
  encodeCursor,
  invalid,
  type CursorValue,
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
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { isDuplicateKey, upsertRacing } from './connect';
import { fromBson, toBson, whenInstant } from './bson-instants';

/** Which generation of each rebuilt collection readers see, and the generations no longer read. */
interface GenerationsDocument {
  _id: 'generations';
  map: Record<string, string>;
  generation: number;
  retired: string[];
}

/** How long a replica trusts the generations it read: a promotion reaches every replica within it. */
const GENERATIONS_TTL_MS = 1000;

/** How a read-model document is stored: the projection's document under `doc`, guarded by `_position`. */
interface Stored extends Document {
  _id: string;
  _position: number;
  doc?: Record<string, unknown>;
  /** A deleted document keeps its position, so a replayed older write cannot bring it back. */
  _deleted?: true;
}

const assertField = assertReadModelField;
const LIVE = { _deleted: { $exists: false } };
const BULK_CHUNK = 50;
type SortValue = CursorValue;

/**
 * Read models in MongoDB (or FerretDB). Without multi-document transactions a commit cannot be
 * atomic, so every write is conditioned on the stored position (`_position < incoming`): a batch
 * replayed after a crash between its documents and its checkpoint changes nothing a second time.
 * The checkpoint is written last and never moves backwards.
 */
export class MongoReadModelStore implements ReadModelStore {
  /** Rebuilt collections' current generations, as last read (every replica re-reads them after GENERATIONS_TTL_MS). */
  private generations: { map: Record<string, string>; readAt: number } = { map: {}, readAt: 0 };

  constructor(
    private readonly connection: Connection,
    private readonly options: {
      collectionPrefix?: string;
      closeConnection?: boolean;
      /** A shadow view: its own names for some collections, and for checkpoints. */
      names?: { collection(logical: string): string | undefined; checkpoint(logical: string): string };
    } = {},
  ) {}

  private get generationsDoc(): Collection<GenerationsDocument> {
    return this.connection.db!.collection<GenerationsDocument>('read_model_generations');
  }

  private async physical(name: string): Promise<string> {
    const own = this.options.names?.collection(name);
    if (own) return own;
    if (Date.now() - this.generations.readAt > GENERATIONS_TTL_MS) {
      const doc = await this.generationsDoc.findOne({ _id: 'generations' });
      this.generations = { map: doc?.map ?? {}, readAt: Date.now() };
    }
    return this.generations.map[name] ?? `${this.options.collectionPrefix ?? 'rm_'}${name}`;
  }

  private checkpointName(name: string): string {
    return this.options.names?.checkpoint(name) ?? name;
  }

  private async collection(name: string): Promise<Collection<Stored>> {
    return this.connection.db!.collection<Stored>(await this.physical(name));
  }

  private get checkpoints(): Collection<{ _id: string; position: number }> {
    return this.connection.db!.collection<{ _id: string; position: number }>('projection_checkpoints');
  }

  async ensureIndexes(indexes: IndexDefinition[]): Promise<void> {
    for (const { collection, fields } of indexes) {
      fields.forEach(assertField);
      const keys: Record<string, 1> = {};
      for (const f of fields) keys[`doc.${f}`] = 1;
      keys._id = 1;
      await (await this.collection(collection)).createIndex(keys);
    }
  }

  async get<T>(collection: string, id: string): Promise<StoredDocument<T> | undefined> {
    // By `_id` alone (FerretDB pushes only that down to its storage), tombstones filtered here.
    const found = await (await this.collection(collection)).findOne({ _id: id });
    return found && !found._deleted ? toStored<T>(found) : undefined;
  }

  async getMany<T>(collection: string, ids: string[]): Promise<Array<StoredDocument<T>>> {
    if (ids.length === 0) return [];
    const found = await (await this.collection(collection)).find({ _id: { $in: ids }, ...LIVE }).toArray();
    const byId = new Map(found.map((d) => [d._id, d]));
    return ids.flatMap((id) => (byId.has(id) ? [toStored<T>(byId.get(id)!)] : []));
  }

  async find<T>(collection: string, options: FindOptions = {}): Promise<Page<T>> {
    const limit = options.limit ?? 50;
    const query: Document = toQuery(options.filter);
    const sortField = options.sort?.field;
    if (sortField) assertField(sortField);
    const desc = options.sort?.direction === 'desc';
    const path = sortField ? `doc.${sortField}` : undefined;
    if (options.cursor) {
      const [value, id] = decodeCursor(options.cursor);
      query.$and = [...((query.$and as Document[]) ?? []), keyset(path, value, id, desc)];
    }
    const dir = desc ? -1 : 1;
    const sort: Record<string, 1 | -1> = path ? { [path]: dir, _id: dir } : { _id: dir };
    const rows = await (
      await this.collection(collection)
    )
      .find(query)
      .sort(sort)
      .limit(limit + 1)
      .toArray();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => fromBson(r.doc) as T),
      nextCursor:
        rows.length > limit && last ? encodeCursor([path ? sortValue(fromBson(last.doc) as Record<string, unknown>, sortField!) : null, last._id]) : undefined,
    };
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    return (await this.collection(collection)).countDocuments(toQuery(filter));
  }

  async commit(ops: WriteOp[], checkpoint?: { name: string; position: number }): Promise<void> {
    const byCollection = new Map<string, WriteOp[]>();
    for (const op of ops) byCollection.set(op.collection, [...(byCollection.get(op.collection) ?? []), op]);
    for (const [collection, writes] of byCollection) await this.writeGuarded(await this.collection(collection), writes);
    if (ops.length) crashPoint('after-projection-write');
    if (checkpoint) {
      const name = this.checkpointName(checkpoint.name);
      await upsertRacing(() => this.checkpoints.updateOne({ _id: name }, { $max: { position: checkpoint.position } }, { upsert: true }));
    }
  }

  /**
   * Each document only moves forward. Without conditional upserts in one bulk (FerretDB v1 stops an
   * "unordered" update bulk at its first duplicate-key error and silently drops the rest): read the
   * stored positions, insert the documents that are absent, and replace the others on the condition
   * that their stored position is still older. A concurrent writer can only make a write a no-op.
   */
  private async writeGuarded(col: Collection<Stored>, writes: WriteOp[]): Promise<void> {
    const hardDeletes = writes.filter((w) => w.op === 'delete' && w.position === undefined).map((w) => w.id);
    const latest = new Map<string, Stored>();
    for (const w of writes) {
      const position = w.position;
      if (position === undefined) continue;
      // Instants are stored as BSON dates (analysts query them as dates); read back as the same strings.
      const stored: Stored =
        w.op === 'put' ? { _id: w.id, _position: position, doc: toBson(w.doc) as Record<string, unknown> } : { _id: w.id, _position: position, _deleted: true };
      if ((latest.get(w.id)?._position ?? -1) < position) latest.set(w.id, stored);
    }
    if (hardDeletes.length) await col.deleteMany({ _id: { $in: hardDeletes } });
    if (latest.size === 0) return;
    const current = new Map<string, number>();
    for (const d of await col.find({ _id: { $in: [...latest.keys()] } }, { projection: { _position: 1 } }).toArray()) current.set(d._id, d._position);
    const absent = [...latest.values()].filter((d) => !current.has(d._id));
    const replace = [...latest.values()].filter((d) => current.has(d._id) && current.get(d._id)! < d._position);
    if (absent.length) {
      try {
        await col.insertMany(absent, { ordered: false });
      } catch (error) {
        // Inserted meanwhile by another writer: those become conditional replaces.
        const writeErrors = (error as { writeErrors?: Array<{ index: number; code?: number }> }).writeErrors;
        if (!Array.isArray(writeErrors) || !writeErrors.every(isDuplicateKey)) throw error;
        for (const e of writeErrors) replace.push(absent[e.index]);
      }
    }
    // Bounded commands: FerretDB v1 (SQLite backend) stalls on an update command with 100 or more
    // matching statements.
    for (let i = 0; i < replace.length; i += BULK_CHUNK) {
      const chunk = replace.slice(i, i + BULK_CHUNK);
      await col.bulkWrite(
        chunk.map((d) => ({ replaceOne: { filter: { _id: d._id, _position: { $lt: d._position } }, replacement: d } })),
        { ordered: false },
      );
    }
  }

  async getCheckpoint(name: string): Promise<number> {
    return (await this.checkpoints.findOne({ _id: this.checkpointName(name) }))?.position ?? 0;
  }

  async reset(collections: string[], checkpoints: string[]): Promise<void> {
    for (const c of collections) await (await this.collection(c)).deleteMany({});
    if (checkpoints.length) await this.checkpoints.deleteMany({ _id: { $in: checkpoints.map((n) => this.checkpointName(n)) } });
  }

  /**
   * The next generation of `collections` as collections of their own (`rm_<name>__g<n>`). Promoting
   * switches every replica's readers (one document, re-read within GENERATIONS_TTL_MS), then moves the
   * live checkpoint; the previous generation is dropped at the next rebuild, when no replica reads it.
   */
  async shadow(collections: string[], options: { generation?: number } = {}): Promise<ShadowReadModels> {
    const current = await this.generationsDoc.findOne({ _id: 'generations' });
    const attach = options.generation !== undefined;
    const generation = options.generation ?? (current?.generation ?? 0) + 1;
    const prefix = this.options.collectionPrefix ?? 'rm_';
    const physical = new Map(collections.map((c) => [c, `${prefix}${c}__g${generation}`]));
    if (!attach) {
      for (const name of current?.retired ?? []) await this.connection.db!.dropCollection(name).catch(() => undefined);
      await this.generationsDoc.updateOne({ _id: 'generations' }, { $set: { generation, retired: [] } }, { upsert: true });
      // Shadows of these collections a crash left behind (a projection is rebuilt by one rebuild at a
      // time, so none is being filled): every generation but the one readers use.
      const existing = (await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
      for (const c of collections) {
        const read = current?.map?.[c];
        const base = `${prefix}${c}__g`;
        const isGeneration = (name: string) => name.startsWith(base) && /^\d+$/.test(name.slice(base.length));
        for (const name of existing) if (isGeneration(name) && name !== read) await this.connection.db!.dropCollection(name).catch(() => undefined);
      }
    }
    const written = new Set<string>();
    const shadowCheckpoint = (n: string) => {
      written.add(`${n}#${generation}`);
      return `${n}#${generation}`;
    };
    const view = new MongoReadModelStore(this.connection, { ...this.options, names: { collection: (c) => physical.get(c), checkpoint: shadowCheckpoint } });
    return {
      generation,
      store: view,
      promote: async (checkpoint: string) => {
        const previous = await Promise.all(collections.map((c) => this.physical(c)));
        const set: Record<string, unknown> = {};
        for (const [c, p] of physical) set[`map.${c}`] = p;
        // Readers first, then the checkpoint: a crash in between replays events the new documents already hold.
        // Retired generations add up until the next rebuild drops them (two promotions in a row keep both).
        await this.generationsDoc.updateOne({ _id: 'generations' }, { $set: set, $addToSet: { retired: { $each: previous } } }, { upsert: true });
        this.generations.readAt = 0;
        const reached = (await this.checkpoints.findOne({ _id: shadowCheckpoint(checkpoint) }))?.position ?? 0;
        await this.checkpoints.updateOne({ _id: this.checkpointName(checkpoint) }, { $set: { position: reached } }, { upsert: true });
        await this.checkpoints.deleteOne({ _id: shadowCheckpoint(checkpoint) });
      },
      discard: async () => {
        for (const p of physical.values()) await this.connection.db!.dropCollection(p).catch(() => undefined);
        await this.checkpoints.deleteMany({ _id: { $in: [...written] } });
      },
    };
  }

  async close(): Promise<void> {
    if (this.options.closeConnection) await this.connection.close();
  }
}

function toStored<T>(d: Stored): StoredDocument<T> {
  return { id: d._id, doc: fromBson(d.doc) as T, position: d._position };
}

function toQuery(filter: Filter = {}): Document {
  const query: Document = { ...LIVE };
  const both: Document[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    assertField(field);
    const path = `doc.${field}`;
    const asDates = dateCondition(condition);
    // A field holds instants as dates and other text as strings; a bound that reads as a time compares with both.
    if (asDates === undefined) query[path] = toCondition(condition);
    else both.push({ $or: [{ [path]: toCondition(condition) }, { [path]: asDates }] });
  }
  if (both.length) query.$and = both;
  return query;
}

/** The same condition against instants stored as dates (string order kept), or undefined when no bound reads as a time. */
function dateCondition(c: FieldCondition): unknown {
  if (typeof c === 'string') return whenInstant(c)?.date;
  if (c === null || typeof c !== 'object') return undefined;
  if ('$in' in c) {
    const dates = c.$in.flatMap((v) => (typeof v === 'string' && whenInstant(v) ? [whenInstant(v)!.date] : []));
    return dates.length ? { $in: dates } : undefined;
  }
  if ('$ne' in c) return typeof c.$ne === 'string' && whenInstant(c.$ne) ? { $ne: whenInstant(c.$ne)!.date } : undefined;
  const out: Record<string, Date> = {};
  let any = false;
  for (const key of ['$gte', '$gt', '$lte', '$lt'] as const) {
    const v = (c as Record<string, unknown>)[key];
    if (v === undefined) continue;
    const instant = typeof v === 'string' ? whenInstant(v) : undefined;
    if (!instant) return undefined;
    any = true;
    // A bare day sorts before every instant of that day: `<= day` means before its first instant, `> day` from it on.
    const op = instant.dayOnly && key === '$lte' ? '$lt' : instant.dayOnly && key === '$gt' ? '$gte' : key;
    out[op] = instant.date;
  }
  return any ? out : undefined;
}

function toCondition(c: FieldCondition): unknown {
  if (c === null || typeof c !== 'object') return c;
  if ('$in' in c) return { $in: c.$in };
  if ('$ne' in c) {
    const date = typeof c.$ne === 'string' ? whenInstant(c.$ne) : undefined;
    // Not equal to the value, whichever way it is stored.
    return date && !date.dayOnly ? { $nin: [c.$ne, date.date] } : { $ne: c.$ne };
  }
  const out: Record<string, unknown> = {};
  for (const key of ['$gte', '$gt', '$lte', '$lt'] as const) {
    const v = (c as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  for (const v of Object.values(out)) {
    if (typeof v !== 'string' && typeof v !== 'number') throw invalid('INVALID_FILTER', `unsupported filter value ${JSON.stringify(v)}`);
  }
  return out;
}

/** Documents after (value, id) in the sort order; null sorts first, as in MongoDB. */
function keyset(path: string | undefined, value: SortValue, id: string, desc: boolean): Document {
  const idAfter = { _id: desc ? { $lt: id } : { $gt: id } };
  if (!path) return idAfter;
  if (value === null) {
    return desc ? { [path]: null, ...idAfter } : { $or: [{ [path]: { $ne: null } }, { [path]: null, ...idAfter }] };
  }
  // A cursor's instant came from a date in the store: compare it as one.
  const bound = typeof value === 'string' && whenInstant(value) && !whenInstant(value)!.dayOnly ? whenInstant(value)!.date : value;
  const beyond = desc ? { $lt: bound } : { $gt: bound };
  const or: Document[] = [{ [path]: beyond }, { [path]: bound, ...idAfter }];
  if (desc) or.push({ [path]: null });
  return { $or: or };
}

function sortValue(doc: Record<string, unknown> | undefined, field: string): SortValue {
  let value: unknown = doc;
  for (const part of field.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value === undefined ? null : (value as SortValue);
}
