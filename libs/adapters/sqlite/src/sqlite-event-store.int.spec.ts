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
});
