import { SqliteEventStore, SqliteReadModelStore } from '@ooh/adapter-sqlite';
import { ProjectionBatch, ShadowFillWriter, streamEntityId, type Projection, type ReadModelStore, type RecordedEvent } from '@ooh/eventing';
import { counterStream, incremented, rawEvent } from './fixtures/counter';

/**
 * Reads and rewrites a counter per stream (kept in memory by a fill), writes an entry per event that
 * only a later event reads (`last`, read when the counter closes), and deletes the counter on close.
 */
const ledgerProjection: Projection = {
  name: 'ledger',
  collections: ['counters', 'last', 'closed'],
  filter: { categories: ['test.counter'] },
  async apply({ event, get, put, delete: remove }) {
    const id = streamEntityId(event.streamId);
    if (event.type === 'Incremented') {
      const { amount } = event.data as { amount: number };
      const counter = await get<{ count: number }>('counters', id);
      put('counters', id, { id, count: (counter?.count ?? 0) + amount });
      put('last', id, { id, amount, position: event.position });
    } else {
      const last = await get<{ amount: number }>('last', id);
      const counter = await get<{ count: number }>('counters', id);
      put('closed', id, { id, lastAmount: last?.amount ?? null, count: counter?.count ?? null });
      remove('counters', id);
    }
  },
};

/** Counts the store's reads, to see which documents a fill looks up. */
function countingReads(store: ReadModelStore): { store: ReadModelStore; reads: string[] } {
  const reads: string[] = [];
  const counting = Object.create(store) as ReadModelStore;
  counting.get = (collection, id) => {
    reads.push(`${collection}/${id}`);
    return store.get(collection, id);
  };
  return { store: counting, reads };
}

describe('ShadowFillWriter', () => {
  let events: SqliteEventStore;
  let log: RecordedEvent[];
  const stores: SqliteReadModelStore[] = [];
  const newStore = () => {
    const store = new SqliteReadModelStore({ path: ':memory:' });
    stores.push(store);
    return store;
  };
  const contents = async (store: ReadModelStore) =>
    Object.fromEntries(await Promise.all(ledgerProjection.collections.map(async (c) => [c, (await store.find(c, { limit: 1000 })).items] as const)));

  beforeAll(async () => {
    events = new SqliteEventStore({ path: ':memory:' });
    const revisions = new Map<string, number>();
    for (let i = 0; i < 120; i++) {
      const stream = counterStream(`c${i % 7}`);
      const closing = i % 29 === 28;
      const revision = revisions.get(stream);
      await events.appendToStream(stream, [closing ? rawEvent('CounterClosed', { reason: 'done' }) : incremented(1 + (i % 5))], revision ?? 'no_stream');
      revisions.set(stream, (revision ?? -1) + 1);
    }
    log = await events.readAll({ after: 0, maxCount: 1000 });
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await events.close();
  });

  /** The reference: the log applied as a live projection applies it, one event per batch. */
  async function live(): Promise<ReadModelStore> {
    const store = newStore();
    for (const event of log) await new ProjectionBatch(store, ledgerProjection).apply([event], event.position);
    return store;
  }

  async function fill(batch: number, limits?: { keep?: number; knownKeys?: number }) {
    const store = newStore();
    const { store: counted, reads } = countingReads(store);
    const writer = new ShadowFillWriter(counted, ledgerProjection, limits);
    for (let i = 0; i < log.length; i += batch) {
      await writer.apply(log.slice(i, i + batch));
      // Nothing promises a position until the end: a stopped fill is discarded, never resumed.
      expect(await store.getCheckpoint(ledgerProjection.name)).toBe(0);
    }
    await writer.finish(log.at(-1)!.position);
    return { store, reads };
  }

  it.each([
    ['documents kept in memory, every key remembered', 1000, {}],
    ['one event per batch', 1, {}],
    ['two documents kept: the others written when pushed out and read back', 10, { keep: 2 }],
    ['too many keys to remember: misses read from the store', 10, { keep: 2, knownKeys: 3 }],
  ])('leaves the documents a live projection leaves (%s)', async (_, batch, limits) => {
    const expected = await contents(await live());
    const { store } = await fill(batch, limits);
    expect(await contents(store)).toEqual(expected);
    expect(await store.getCheckpoint(ledgerProjection.name)).toBe(log.at(-1)!.position);
  });

  it('reads no document it never wrote, and none it keeps', async () => {
    const { reads } = await fill(1);
    // Only the entries, written without being read and so written out with their batch, are read back
    // when a counter closes; each counter's first event finds it absent without asking the store.
    const closes = log.filter((e) => e.type === 'CounterClosed').map((e) => `last/${streamEntityId(e.streamId)}`);
    expect(reads).toEqual(closes);
  });

  it('reads back what it wrote and no longer keeps', async () => {
    const { reads } = await fill(10, { keep: 2 });
    expect(reads.length).toBeGreaterThan(0);
    // A counter or entry read back was written before (never a lookup of an absent key).
    const written = new Set(log.map((e) => streamEntityId(e.streamId)));
    expect(reads.every((r) => written.has(r.split('/')[1]))).toBe(true);
  });

  it('writes a document the projection reads once per push-out, not once per event', async () => {
    const store = newStore();
    const commits: number[] = [];
    const counting = Object.create(store) as ReadModelStore;
    counting.commit = (ops, checkpoint) => {
      commits.push(ops.filter((op) => op.collection === 'counters').length);
      return store.commit(ops, checkpoint);
    };
    const writer = new ShadowFillWriter(counting, ledgerProjection);
    for (let i = 0; i < log.length; i += 10) await writer.apply(log.slice(i, i + 10));
    await writer.finish(log.at(-1)!.position);
    // Seven counters, each written once at the end (deleted ones as tombstones).
    expect(commits.slice(0, -1).every((n) => n === 0)).toBe(true);
    expect(commits.at(-1)).toBe(7);
  });
});
