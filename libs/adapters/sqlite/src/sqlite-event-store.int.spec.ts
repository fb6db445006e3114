import { eventStoreConformance, testEvent } from '@ooh/eventing-testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

const paths = new WeakMap<object, string>();

eventStoreConformance('SQLite', {
  async create() {
    const path = join(mkdtempSync(join(tmpdir(), 'es-')), 'events.db');
    const store = new SqliteEventStore({ path });
    paths.set(store, path);
    return store;
  },
  async reopen(previous) {
    const path = paths.get(previous)!;
    await previous.close();
    const store = new SqliteEventStore({ path });
    paths.set(store, path);
    return store;
  },
});

describe('SqliteEventStore specifics', () => {
  it('commits the appends of one event-loop turn together and still answers each on its own', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const ok = store.appendToStream('test.a-1', [testEvent()], 'no_stream');
    const conflicting = store.appendToStream('test.a-1', [testEvent()], 'no_stream');
    const other = store.appendToStream('test.b-1', [testEvent()], 'no_stream');
    const results = await Promise.allSettled([ok, conflicting, other]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.headPosition()).toBe(2);
    expect(store.integrityCheck()).toBe('ok');
    await store.close();
  });

  it('runs WAL with synchronous=FULL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'es-'));
    const store = new SqliteEventStore({ path: join(dir, 'e.db') });
    const db = (store as unknown as { db: { pragma(s: string, o: object): unknown } }).db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    return store.close();
  });

  it('wakes a subscriber for appends committed while it was handling a batch, without waiting for the poll', async () => {
    const store = new SqliteEventStore({ path: ':memory:', pollMs: 60_000 });
    await store.appendToStream('test.w-1', [testEvent('First')], 'no_stream');
    const controller = new AbortController();
    const seen: string[] = [];
    const started = Date.now();
    for await (const batch of store.subscribe({ after: 0, signal: controller.signal })) {
      seen.push(...batch.events.map((e) => e.type));
      // Appended while this consumer is busy with the batch, not waiting on the store.
      if (seen.length === 1) await store.appendToStream('test.w-1', [testEvent('Second')], 0);
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toEqual(['First', 'Second']);
    expect(Date.now() - started).toBeLessThan(5_000);
    await store.close();
  });

  it('refuses an append that repeats an event id and still commits the others of its batch', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const repeated = testEvent();
    const results = await Promise.allSettled([
      store.appendToStream('test.r-1', [repeated, { ...testEvent(), eventId: repeated.eventId }], 'no_stream'),
      store.appendToStream('test.r-2', [testEvent()], 'no_stream'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason.code).toBe('EVENT_ID_REUSED');
    expect((await store.readAll({ after: 0, maxCount: 10 })).map((e) => e.streamId)).toEqual(['test.r-2']);
    await store.close();
  });

  it('gives live subscribers every event in order when two stores (two processes) append to one file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'es-')), 'events.db');
    const mine = new SqliteEventStore({ path, pollMs: 20, tailSize: 8 });
    const theirs = new SqliteEventStore({ path });
    const controller = new AbortController();
    const seen: number[] = [];
    const consumed = (async () => {
      for await (const batch of mine.subscribe({ after: 0, signal: controller.signal, batchSize: 5 })) {
        seen.push(...batch.events.map((e) => e.position));
        if (seen.length >= 60) controller.abort();
      }
    })();
    for (let i = 0; i < 30; i++) {
      // Interleaved: this store's tail has gaps where the other wrote, and wraps past its capacity.
      await mine.appendToStream(`test.m-${i % 3}`, [testEvent()], 'any');
      await theirs.appendToStream(`test.t-${i % 3}`, [testEvent()], 'any');
    }
    await consumed;
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    await Promise.all([mine.close(), theirs.close()]);
  });

  it('wakes the subscribers of another store on the file in this process (a worker thread) at once, reading its commits once for all', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'es-')), 'events.db');
    const subscribing = new SqliteEventStore({ path, pollMs: 60_000 });
    const appending = new SqliteEventStore({ path, pollMs: 60_000 });
    const fileReads = jest.spyOn(subscribing, 'readAll');
    const controller = new AbortController();
    const started = Date.now();
    const subscribers = ['a', 'b', 'c'].map(async (category) => {
      const seen: string[] = [];
      for await (const batch of subscribing.subscribe({ after: 0, signal: controller.signal, filter: { categories: [category] } })) {
        seen.push(...batch.events.map((e) => e.streamId));
        if (batch.position >= 30) break;
      }
      return seen;
    });
    for (let i = 0; i < 30; i++) await appending.appendToStream(`${'abc'[i % 3]}-${i}`, [testEvent()], 'no_stream');
    const seen = await Promise.all(subscribers);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(seen[0]).toEqual(Array.from({ length: 10 }, (_, i) => `a-${i * 3}`));
    expect(seen[2]).toEqual(Array.from({ length: 10 }, (_, i) => `c-${i * 3 + 2}`));
    // Served from the tail the announcements filled, not by a query per subscriber and batch.
    expect(fileReads).not.toHaveBeenCalled();
    controller.abort();
    await Promise.all([subscribing.close(), appending.close()]);
  });

  it.each([
    ['its own commits', false],
    ['another store’s commits on the file (a worker thread)', true],
  ])(
    'moves a subscription past %s that hold nothing for it without a batch, reporting where it scanned, and yields an empty batch every 1000 positions',
    async (_, fromPeer) => {
      const path = join(mkdtempSync(join(tmpdir(), 'es-')), 'events.db');
      const subscribing = new SqliteEventStore({ path, pollMs: 60_000, coalesceMs: 0 });
      const appending = fromPeer ? new SqliteEventStore({ path, pollMs: 60_000 }) : subscribing;
      const controller = new AbortController();
      const batches: Array<{ position: number; events: number }> = [];
      const scanned: number[] = [];
      const consumed = (async () => {
        const options = { after: 0, signal: controller.signal, filter: { categories: ['mine'] }, onScanned: (p: number) => void scanned.push(p) };
        for await (const batch of subscribing.subscribe(options)) batches.push({ position: batch.position, events: batch.events.length });
      })();
      const until = async (check: () => boolean) => {
        for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
        expect(check()).toBe(true);
      };
      for (let i = 0; i < 5; i++) await appending.appendToStream(`other-${i}`, [testEvent()], 'no_stream');
      await until(() => scanned.at(-1) === 5);
      expect(batches).toEqual([]);
      await appending.appendToStream('mine-1', [testEvent()], 'no_stream');
      await until(() => batches.length === 1);
      expect(batches).toEqual([{ position: 6, events: 1 }]);
      // 1000 positions past the last batch: an empty one, for the subscriber to record how far it got.
      await appending.appendToStream(
        'other-many',
        Array.from({ length: 999 }, () => testEvent()),
        'no_stream',
      );
      await until(() => scanned.at(-1) === 1005);
      await appending.appendToStream('other-last', [testEvent()], 'no_stream');
      await until(() => batches.length === 2);
      expect(batches[1]).toEqual({ position: 1006, events: 0 });
      controller.abort();
      await consumed;
      await Promise.all([subscribing.close(), fromPeer ? appending.close() : undefined]);
    },
  );

  it('serves a filtered subscription from the tail exactly as from the file, and hands out events no one can change', async () => {
    const store = new SqliteEventStore({ path: ':memory:', tailSize: 100 });
    for (let i = 0; i < 10; i++) await store.appendToStream(`${i % 2 ? 'odd' : 'even'}-${i}`, [testEvent(i % 3 ? 'Kept' : 'Dropped')], 'no_stream');
    const filter = { categories: ['odd'], eventTypes: ['Kept'] };
    const fromFile = await store.readAll({ after: 0, maxCount: 100, filter });
    const controller = new AbortController();
    const live: typeof fromFile = [];
    for await (const batch of store.subscribe({ after: 0, signal: controller.signal, filter })) {
      live.push(...batch.events);
      if (batch.position >= 10) controller.abort();
    }
    expect(live).toEqual(fromFile);
    expect(live.map((e) => e.streamId)).toEqual(['odd-1', 'odd-5', 'odd-7']);
    expect(() => {
      (live[0].data as Record<string, unknown>).changed = true;
    }).toThrow(TypeError);
    await store.close();
  });

  it('lets the event loop run between the batches of a catch-up (a rebuild must not stop the process serving)', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    for (let i = 0; i < 50; i++)
      await store.appendToStream(
        `test.c-${i}`,
        Array.from({ length: 40 }, () => testEvent()),
        'no_stream',
      );
    let otherWorkRan = false;
    setImmediate(() => (otherWorkRan = true));
    const ranAtBatch: boolean[] = [];
    const controller = new AbortController();
    for await (const batch of store.subscribe({ after: 0, signal: controller.signal, batchSize: 100 })) {
      ranAtBatch.push(otherWorkRan);
      if (batch.position >= 2000) controller.abort();
    }
    expect(ranAtBatch).toHaveLength(20);
    // Work queued behind the catch-up (a request, a timer) runs after its first batch, not after its last.
    expect(ranAtBatch.slice(0, 2)).toEqual([false, true]);
    await store.close();
  });
});
