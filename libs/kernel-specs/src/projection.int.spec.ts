import { SqliteEventStore, SqliteReadModelStore } from '@ooh/adapter-sqlite';
import {
  CommittedDocuments,
  type RecordedEvent,
  type Instrumentation,
  type RunningSubscription,
  ProjectionBatch,
  Upcasters,
  type Projection,
  type ProjectionContext,
  resetProjection,
  startProjection,
} from '@ooh/eventing';
import { counterProjection, counterStream, incremented, rawEvent } from './fixtures/counter';

type Counter = { id: string; count: number; increments: number };

describe('projections on SQLite', () => {
  let events: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  const running: RunningSubscription[] = [];

  const start = async (
    projection: Projection = counterProjection,
    extra: { batchSize?: number; instrumentation?: Instrumentation; committedDocuments?: number } = {},
  ) => {
    const sub = await startProjection(projection, { store: events, readModels, ...extra });
    running.push(sub);
    return sub;
  };
  const stopAll = async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  };
  const all = async (collection: string) => (await readModels.find<Record<string, unknown>>(collection, { limit: 1000 })).items;
  const storedDocs = async () => ({
    counters: await Promise.all((await all('counters')).map((d) => readModels.get('counters', String(d.id)))),
    totals: await readModels.get('totals', 'all'),
  });

  beforeEach(() => {
    events = new SqliteEventStore({ path: ':memory:' });
    readModels = new SqliteReadModelStore({ path: ':memory:' });
  });
  afterEach(async () => {
    await stopAll();
    await events.close();
    await readModels.close();
  });

  /** Appends the same little history to two counters and one unrelated stream. */
  async function seed() {
    const a = counterStream('a');
    const b = counterStream('b');
    await events.appendToStream(a, [incremented(1), incremented(2)], 'no_stream'); // 1, 2
    await events.appendToStream('test.other-x', [incremented(1000)], 'no_stream'); // 3 (not projected)
    await events.appendToStream(b, [incremented(10)], 'no_stream'); // 4
    await events.appendToStream(a, [incremented(4)], 1); // 5
    return { a, b };
  }

  describe('When a projection runs over the log', () => {
    it('should create and update documents, each remembering the position of its last event', async () => {
      await seed();
      const sub = await start();
      await sub.waitFor(5);

      expect(await readModels.get<Counter>('counters', 'a')).toEqual({ id: 'a', doc: { id: 'a', count: 7, increments: 3 }, position: 5 });
      expect(await readModels.get<Counter>('counters', 'b')).toEqual({ id: 'b', doc: { id: 'b', count: 10, increments: 1 }, position: 4 });
      expect(await readModels.get('totals', 'all')).toEqual({ id: 'all', doc: { sum: 17, events: 4 }, position: 5 });
      expect(await readModels.count('counters')).toBe(2);
    });

    it('should set the checkpoint to the scanned position, past trailing events it does not handle', async () => {
      await seed();
      await events.appendToStream('test.other-y', [incremented(1), incremented(1)], 'no_stream'); // 6, 7
      const sub = await start();
      await sub.waitFor(7);
      expect(await readModels.getCheckpoint('counters')).toBe(7);
      expect(sub.position()).toBe(7);
      expect(sub.name).toBe('projection:counters');
    });

    it('should follow events appended while it runs', async () => {
      const sub = await start();
      const a = counterStream('a');
      await events.appendToStream(a, [incremented(1)], 'no_stream');
      await sub.waitFor(1);
      await events.appendToStream(a, [incremented(2)], 0);
      await sub.waitFor(2);
      expect((await readModels.get<Counter>('counters', 'a'))?.doc.count).toBe(3);
    });

    it('should give the same documents whatever the batch size', async () => {
      await seed();
      const sub = await start(counterProjection, { batchSize: 1 });
      await sub.waitFor(5);
      expect((await readModels.get<Counter>('counters', 'a'))?.doc).toEqual({ id: 'a', count: 7, increments: 3 });
      expect((await readModels.get('totals', 'all'))?.doc).toEqual({ sum: 17, events: 4 });
      expect(await readModels.getCheckpoint('counters')).toBe(5);
    });

    it('should delete a document when the projection deletes it', async () => {
      const { a } = await seed();
      await events.appendToStream(a, [rawEvent('CounterClosed', { reason: 'done' })], 2); // 6
      const sub = await start();
      await sub.waitFor(6);
      expect(await readModels.get('counters', 'a')).toBeUndefined();
      expect(await readModels.get('counters', 'b')).toBeDefined();
    });

    it('should create the declared indexes', async () => {
      await start();
      const indexes = readModels.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql LIKE '%$.count%'").all();
      expect(indexes).toHaveLength(1);
    });

    it('should report progress to instrumentation', async () => {
      await seed();
      const progress: Array<[string, number, number]> = [];
      const sub = await start(counterProjection, {
        batchSize: 2,
        instrumentation: { commandHandled: () => undefined, eventsAppended: () => undefined, subscriptionProgress: (n, p, h) => progress.push([n, p, h]) },
      });
      await sub.waitFor(5);
      expect(progress.at(-1)).toEqual(['projection:counters', 5, 5]);
      expect(progress.map(([, p]) => p)).toEqual([...progress.map(([, p]) => p)].sort((x, y) => x - y));
    });
  });

  describe('When the same batch is applied twice', () => {
    it('should change nothing the second time', async () => {
      await seed();
      const log = await events.readAll({ after: 0, maxCount: 100, filter: counterProjection.filter });
      await new ProjectionBatch(readModels, counterProjection).apply(log, 5);
      const once = await storedDocs();

      await new ProjectionBatch(readModels, counterProjection).apply(log, 5);

      expect(await storedDocs()).toEqual(once);
      expect(once.totals?.doc).toEqual({ sum: 17, events: 4 });
      expect(await readModels.getCheckpoint('counters')).toBe(5);
    });

    it('should change nothing when the same batch object is reused either', async () => {
      await seed();
      const log = await events.readAll({ after: 0, maxCount: 100, filter: counterProjection.filter });
      const batch = new ProjectionBatch(readModels, counterProjection);
      await batch.apply(log, 5);
      await batch.apply(log, 5);
      expect((await readModels.get('totals', 'all'))?.doc).toEqual({ sum: 17, events: 4 });
    });
  });

  describe('When it crashed after committing documents but the checkpoint is behind', () => {
    it('should not double-count when old events are re-applied by a fresh batch', async () => {
      await seed();
      const sub = await start();
      await sub.waitFor(5);
      await stopAll();
      const before = await storedDocs();

      // Redeliver everything after position 1 (as if the checkpoint had stayed at 1).
      const redelivered = await events.readAll({ after: 1, maxCount: 100, filter: counterProjection.filter });
      expect(redelivered.map((e) => e.position)).toEqual([2, 4, 5]);
      await new ProjectionBatch(readModels, counterProjection).apply(redelivered, 5);

      expect(await storedDocs()).toEqual(before);
      expect((await readModels.get('counters', 'a'))?.doc).toEqual({ id: 'a', count: 7, increments: 3 });
    });

    it('should not double-count when the runner restarts from an earlier checkpoint', async () => {
      await seed();
      const first = await start();
      await first.waitFor(5);
      await stopAll();
      const before = await storedDocs();

      // Move the durable checkpoint back (commit() refuses to), as a crash before it was written would.
      readModels.db.prepare('UPDATE checkpoints SET position = ? WHERE name = ?').run(1, 'counters');
      expect(await readModels.getCheckpoint('counters')).toBe(1);
      const seen: number[] = [];
      const spy: Projection = {
        ...counterProjection,
        apply: (ctx) => {
          seen.push(ctx.event.position);
          return counterProjection.apply(ctx);
        },
      };

      const second = await start(spy);
      await second.waitFor(5);

      expect(seen).toEqual([2, 4, 5]); // really redelivered
      expect(await storedDocs()).toEqual(before);
      expect(await readModels.getCheckpoint('counters')).toBe(5);
    });

    it('should apply only the part of a redelivered batch that is new to each document', async () => {
      const { a } = await seed();
      const sub = await start();
      await sub.waitFor(5);
      await stopAll();
      await events.appendToStream(a, [incremented(100)], 2); // 6

      const redelivered = await events.readAll({ after: 0, maxCount: 100, filter: counterProjection.filter });
      await new ProjectionBatch(readModels, counterProjection).apply(redelivered, 6);

      expect(await readModels.get('counters', 'a')).toEqual({ id: 'a', doc: { id: 'a', count: 107, increments: 4 }, position: 6 });
      expect((await readModels.get('totals', 'all'))?.doc).toEqual({ sum: 117, events: 5 });
    });
  });

  describe('When a projection keeps the documents it committed between batches', () => {
    const storeReadsOf = (key: [string, string]) => {
      const get = jest.spyOn(readModels, 'get');
      return () => get.mock.calls.filter(([c, id]) => c === key[0] && id === key[1]).length;
    };

    it('should read a document from the store once, not once per batch', async () => {
      await seed();
      const reads = storeReadsOf(['totals', 'all']);
      const sub = await start(counterProjection, { batchSize: 1 });
      await sub.waitFor(5);
      expect(reads()).toBe(1);
      expect((await readModels.get('totals', 'all'))?.doc).toEqual({ sum: 17, events: 4 });
    });

    it('should read it once per batch when keeping none', async () => {
      await seed();
      const reads = storeReadsOf(['totals', 'all']);
      const sub = await start(counterProjection, { batchSize: 1, committedDocuments: 0 });
      await sub.waitFor(5);
      expect(reads()).toBe(4);
    });

    it('should read the store again after a failed commit, and count every event once', async () => {
      await seed();
      const reads = storeReadsOf(['totals', 'all']);
      const commit = readModels.commit.bind(readModels);
      let calls = 0;
      jest.spyOn(readModels, 'commit').mockImplementation(async (ops, checkpoint) => {
        calls += 1;
        if (calls === 2) throw new Error('disk full');
        return commit(ops, checkpoint);
      });
      const sub = await start(counterProjection, { batchSize: 1 });
      await sub.waitFor(5);
      expect(reads()).toBe(2);
      expect((await readModels.get('totals', 'all'))?.doc).toEqual({ sum: 17, events: 4 });
      expect((await readModels.get('counters', 'a'))?.doc).toEqual({ id: 'a', count: 7, increments: 3 });
    });

    it('should refuse a projection that changes a kept document in place, loudly, and still count each event once', async () => {
      await seed();
      // A class body is strict code, as every compiled module of the platform is.
      class InPlace {
        async apply({ get, put }: ProjectionContext) {
          const doc = (await get<{ events: number }>('totals', 'in-place')) ?? { events: 0 };
          doc.events += 1;
          put('totals', 'in-place', doc);
        }
      }
      const inPlace: Projection = { ...counterProjection, name: 'in-place', apply: (ctx) => new InPlace().apply(ctx) };
      const errors: string[] = [];
      const logger = { error: (obj: object) => errors.push(String((obj as { err: Error }).err.message)) };
      const sub = await startProjection(inPlace, { store: events, readModels, batchSize: 1, logger });
      running.push(sub);
      await sub.waitFor(5, 5000);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]).toMatch(/read.only|Cannot assign/);
      // Each failure emptied the kept documents: the retry read the store, so nothing was lost or doubled.
      expect((await readModels.get('totals', 'in-place'))?.doc).toEqual({ events: 4 });
    });

    it('should replay over a store that is ahead (a deleted document included) and end where the store is', async () => {
      const { a } = await seed();
      await events.appendToStream(a, [rawEvent('CounterClosed', { reason: 'retired' })], 2); // 6: a deleted
      const sub = await start();
      await sub.waitFor(6);
      await stopAll();
      const before = await storedDocs();
      await events.appendToStream(counterStream('c'), [incremented(100)], 'no_stream'); // 7
      const committed = new CommittedDocuments();

      const replay = await events.readAll({ after: 0, maxCount: 100, filter: counterProjection.filter });
      for (const event of replay) await new ProjectionBatch(readModels, counterProjection, committed).apply([event], event.position);

      expect(await readModels.get('counters', 'a')).toBeUndefined();
      expect(committed.get('counters\u0000a')).toEqual({ doc: null, position: 6 });
      expect(await readModels.get('counters', 'b')).toEqual(before.counters.find((d) => d?.id === 'b'));
      expect(await readModels.get('totals', 'all')).toEqual({ id: 'all', doc: { sum: 117, events: 5 }, position: 7 });
      expect(committed.get('totals\u0000all')).toEqual({ doc: { sum: 117, events: 5 }, position: 7 });
    });
  });

  describe('When the projection is reset and rebuilt', () => {
    it('should drop documents and checkpoint, then rebuild deep-equal documents from the log', async () => {
      const { a, b } = await seed();
      const incremental = await start(counterProjection, { batchSize: 1 });
      await incremental.waitFor(5);
      await events.appendToStream(b, [incremented(5)], 0); // 6
      await incremental.waitFor(6);
      await events.appendToStream(a, [rawEvent('CounterClosed', { reason: 'x' })], 2); // 7
      await events.appendToStream(counterStream('c'), [incremented(3)], 'no_stream'); // 8
      await incremental.waitFor(8);
      await stopAll();
      const built = await storedDocs();
      expect(built.counters.map((d) => d?.id)).toEqual(['b', 'c']);

      await resetProjection(counterProjection, readModels);
      expect(await readModels.count('counters')).toBe(0);
      expect(await readModels.count('totals')).toBe(0);
      expect(await readModels.getCheckpoint('counters')).toBe(0);

      const rebuild = await start(counterProjection, { batchSize: 1000 });
      await rebuild.waitFor(8);
      expect(await storedDocs()).toEqual(built);
    });

    it('should start from empty collections under a new name, dropping documents an earlier version wrote in another shape', async () => {
      await seed();
      const first = await start(counterProjection, { batchSize: 1000 });
      await first.waitFor(5);
      await stopAll();
      await readModels.commit([{ op: 'put', collection: 'counters', id: 'stale', doc: { shape: 'old' }, position: 99 }]);
      const renamed: Projection = { ...counterProjection, name: 'counters.v2' };
      const rebuilt = await start(renamed, { batchSize: 1000 });
      await rebuilt.waitFor(5);
      expect(await readModels.get('counters', 'stale')).toBeUndefined();
      expect(await readModels.getCheckpoint('counters.v2')).toBe(5);
      await stopAll();
      // Restarted under the same name: its checkpoint is there, nothing is dropped.
      const again = await start(renamed, { batchSize: 1000 });
      await again.waitFor(5);
      expect(await readModels.count('counters')).toBeGreaterThan(0);
    });

    it('should leave other projections alone', async () => {
      await seed();
      const other: Projection = {
        name: 'per-type',
        collections: ['types'],
        filter: { categories: ['test.counter'] },
        async apply(ctx) {
          const doc = await ctx.get<{ n: number }>('types', ctx.event.type);
          ctx.put('types', ctx.event.type, { n: (doc?.n ?? 0) + 1 });
        },
      };
      const s1 = await start();
      const s2 = await start(other);
      await Promise.all([s1.waitFor(5), s2.waitFor(5)]);
      await stopAll();

      await resetProjection(counterProjection, readModels);

      expect((await readModels.get('types', 'Incremented'))?.doc).toEqual({ n: 4 });
      expect(await readModels.getCheckpoint('per-type')).toBe(5);
    });
  });

  describe('When the projection is stopped and started again', () => {
    it('should resume from its checkpoint and apply every event exactly once', async () => {
      const { a, b } = await seed();
      const seen: number[] = [];
      const spy: Projection = {
        ...counterProjection,
        apply: (ctx) => {
          seen.push(ctx.event.position);
          return counterProjection.apply(ctx);
        },
      };
      const first = await start(spy);
      await first.waitFor(5);
      await stopAll();

      await events.appendToStream(a, [incremented(100)], 2); // 6
      await events.appendToStream(b, [incremented(1000)], 0); // 7
      await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual([1, 2, 4, 5]); // stopped: nothing new applied

      const second = await start(spy);
      await second.waitFor(7);

      expect(seen).toEqual([1, 2, 4, 5, 6, 7]);
      expect((await readModels.get('counters', 'a'))?.doc).toEqual({ id: 'a', count: 107, increments: 4 });
      expect((await readModels.get('counters', 'b'))?.doc).toEqual({ id: 'b', count: 1010, increments: 2 });
      expect((await readModels.get('totals', 'all'))?.doc).toEqual({ sum: 1117, events: 6 });
    });
  });

  describe('When waiting for a position', () => {
    it('should resolve at once for a position already reached', async () => {
      await seed();
      const sub = await start();
      await sub.waitFor(5);
      await expect(sub.waitFor(3, 1)).resolves.toBeUndefined();
    });

    it('should resolve once a later append is projected', async () => {
      const sub = await start();
      const waiting = sub.waitFor(2, 5_000);
      await events.appendToStream(counterStream('a'), [incremented(1), incremented(1)], 'no_stream');
      await expect(waiting).resolves.toBeUndefined();
      expect((await readModels.get('counters', 'a'))?.doc).toMatchObject({ count: 2 });
    });

    it('should reject after the timeout when the position is never reached', async () => {
      await seed();
      const sub = await start();
      await sub.waitFor(5);
      const started = Date.now();
      await expect(sub.waitFor(99, 50)).rejects.toThrow('projection:counters did not reach position 99 in 50 ms (at 5)');
      expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    });

    it('should mention the last error in the timeout message', async () => {
      await seed();
      const broken: Projection = {
        ...counterProjection,
        name: 'broken',
        apply: () => {
          throw new Error('cannot project');
        },
      };
      const sub = await startProjection(broken, { store: events, readModels });
      running.push(sub);
      await expect(sub.waitFor(5, 150)).rejects.toThrow(/at 0, error: cannot project/);
      expect(await readModels.getCheckpoint('broken')).toBe(0);
    });
  });

  describe('When one event writes the same document more than once', () => {
    it('should keep the last write (put then put, put then delete)', async () => {
      const a = counterStream('a');
      await events.appendToStream(a, [incremented(1)], 'no_stream');
      const twice: Projection = {
        name: 'twice',
        collections: ['docs'],
        filter: { categories: ['test.counter'] },
        async apply(ctx) {
          const existing = await ctx.get<{ steps: string[] }>('docs', 'main');
          ctx.put('docs', 'main', { steps: [...(existing?.steps ?? []), 'first'] });
          const pending = await ctx.get<{ steps: string[] }>('docs', 'main');
          ctx.put('docs', 'main', { steps: [...(pending?.steps ?? []), 'second'] });
          ctx.put('docs', 'scratch', { temporary: true });
          ctx.delete('docs', 'scratch');
        },
      };
      const log = await events.readAll({ after: 0, maxCount: 10 });
      await new ProjectionBatch(readModels, twice).apply(log, 1);

      expect(await readModels.get('docs', 'main')).toEqual({ id: 'main', doc: { steps: ['first', 'second'] }, position: 1 });
      expect(await readModels.get('docs', 'scratch')).toBeUndefined();

      // ...and a redelivery of that event still changes nothing.
      await new ProjectionBatch(readModels, twice).apply(log, 1);
      expect((await readModels.get('docs', 'main'))?.doc).toEqual({ steps: ['first', 'second'] });
    });
  });

  describe('When a projection reads within a batch', () => {
    it("should see the batch's pending writes, and deletions as missing", async () => {
      const a = counterStream('a');
      await events.appendToStream(a, [incremented(1), rawEvent('CounterClosed', { reason: 'x' }), incremented(5)], 'no_stream');
      const seenCounts: Array<number | undefined> = [];
      const spy: Projection = {
        ...counterProjection,
        async apply(ctx) {
          seenCounts.push((await ctx.get<Counter>('counters', 'a'))?.count);
          await counterProjection.apply(ctx);
        },
      };
      const log: RecordedEvent[] = await events.readAll({ after: 0, maxCount: 10 });
      await new ProjectionBatch(readModels, spy).apply(log, 3);
      expect(seenCounts).toEqual([undefined, 1, undefined]);
      expect(await readModels.get('counters', 'a')).toEqual({ id: 'a', doc: { id: 'a', count: 5, increments: 1 }, position: 3 });
    });
  });
});

describe('When a projection declares upcasters', () => {
  it('should see old event versions in their current shape', async () => {
    const readModels = new SqliteReadModelStore({ path: ':memory:' });
    const seen: unknown[] = [];
    const projection = {
      name: 'upcast-test',
      collections: [],
      filter: { categories: ['test.x'] },
      upcasters: new Upcasters([{ type: 'Renamed', fromVersion: 1, upcast: (d: unknown) => ({ data: { name: (d as { title: string }).title } }) }]),
      apply: ({ event }: { event: { data: unknown } }) => void seen.push(event.data),
    };
    const old = { ...rawEvent('Renamed', { title: 'old shape' }, 1), streamId: 'test.x-1', revision: 0, position: 1, recordedAt: '2026-01-01T00:00:00.000Z' };
    await new ProjectionBatch(readModels, projection as never).apply([old as never], 1);
    expect(seen).toEqual([{ name: 'old shape' }]);
    await readModels.close();
  });
});
