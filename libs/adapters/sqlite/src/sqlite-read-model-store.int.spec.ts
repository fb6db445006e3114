import { readModelStoreConformance } from '@ooh/eventing-testing';
import Database from 'better-sqlite3';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';
import { SqliteReadModelStore } from './sqlite-read-model-store';

readModelStoreConformance('SQLite', { create: async () => new SqliteReadModelStore({ path: ':memory:' }) });

describe('SqliteReadModelStore specifics', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'rm-')), 'read-models.db');

  it('drops read models written by an earlier version (WITHOUT ROWID) so that they rebuild, keeping bus and relay records', async () => {
    const path = file();
    const old = new Database(path);
    old.exec(`
      CREATE TABLE documents (collection TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (collection, id)) WITHOUT ROWID;
      CREATE TABLE checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO documents VALUES ('sites', 's-1', '{"name":"old"}', 7);
      INSERT INTO checkpoints VALUES ('sites', 7);`);
    new SqliteCheckpointStore({ db: old }).set('relay:operations', 42);
    old.close();

    const store = new SqliteReadModelStore({ path });
    expect(await store.get('sites', 's-1')).toBeUndefined();
    expect(await store.getCheckpoint('sites')).toBe(0);
    expect(await new SqliteCheckpointStore({ db: store.db }).get('relay:operations')).toBe(42);
    await store.commit([{ op: 'put', collection: 'sites', id: 's-1', doc: { name: 'rebuilt' }, position: 7 }], { name: 'sites', position: 7 });
    await store.close();

    const reopened = new SqliteReadModelStore({ path });
    expect((await reopened.get('sites', 's-1'))?.doc).toEqual({ name: 'rebuilt' });
    expect(await reopened.getCheckpoint('sites')).toBe(7);
    await reopened.close();
  });

  it('switches the readers of another store on the file in this process (a worker thread) to a promoted generation, the old one readable until they have', async () => {
    const path = file();
    const rebuilding = new SqliteReadModelStore({ path });
    const reading = new SqliteReadModelStore({ path });
    const put = (id: string, v: string, position: number) => ({ op: 'put' as const, collection: 'sites', id, doc: { v }, position });
    await rebuilding.commit([put('a', 'old', 1), put('b', 'old', 2)], { name: 'sites-p', position: 2 });
    const shadow = await rebuilding.shadow(['sites']);
    await shadow.store.commit([put('a', 'new', 1)], { name: 'sites-p', position: 2 });
    const promoted = shadow.promote('sites-p');
    // Told at once; until it switches, the old generation is still whole.
    await new Promise((r) => setTimeout(r, 50));
    expect((await reading.get('sites', 'a'))?.doc).toEqual({ v: 'new' });
    expect(await reading.count('sites')).toBe(1);
    await promoted;
    expect(await reading.get('sites', 'b')).toBeUndefined();
    // Dropped in the background, after the grace the other threads have to switch.
    const oldRows = () => (rebuilding.db.prepare("SELECT COUNT(*) AS n FROM documents WHERE collection = 'sites'").get() as { n: number }).n;
    expect(oldRows()).toBe(2);
    await rebuilding.retired();
    expect(oldRows()).toBe(0);
    await Promise.all([rebuilding.close(), reading.close()]);
  });

  it('keeps a generation retired by a promotion until it is dropped, even across a close: the next rebuild drops it', async () => {
    const path = file();
    const store = new SqliteReadModelStore({ path });
    const put = (id: string, position: number) => ({ op: 'put' as const, collection: 'sites', id, doc: { id }, position });
    await store.commit([put('a', 1), put('b', 2)], { name: 'sites-p', position: 2 });
    const shadow = await store.shadow(['sites']);
    await shadow.store.commit([put('a', 1)], { name: 'sites-p', position: 2 });
    await shadow.promote('sites-p');
    // Closed before the grace is over: nothing dropped, the old generation remembered as retired.
    await store.close();
    const reopened = new SqliteReadModelStore({ path });
    const rows = (collection: string) => (reopened.db.prepare('SELECT COUNT(*) AS n FROM documents WHERE collection = ?').get(collection) as { n: number }).n;
    expect(rows('sites')).toBe(2);
    expect(await reopened.count('sites')).toBe(1);
    const next = await reopened.shadow(['sites']);
    await reopened.retired();
    expect(rows('sites')).toBe(0);
    expect(reopened.db.prepare('SELECT COUNT(*) AS n FROM retired').get()).toEqual({ n: 0 });
    await next.discard();
    await reopened.close();
  });

  it('drops a shadow a crash abandoned when the next shadow of its collections starts, with its checkpoint; shadows never share a generation number', async () => {
    const store = new SqliteReadModelStore({ path: ':memory:' });
    const put = (collection: string, id: string) => ({ op: 'put' as const, collection, id, doc: { id }, position: 1 });
    const abandoned = await store.shadow(['sites']);
    await abandoned.store.commit([put('sites', 'a')], { name: 'sites-p', position: 1 });
    const other = await store.shadow(['faults']);
    expect(other.generation).not.toBe(abandoned.generation);
    const rows = () => store.db.prepare("SELECT collection, COUNT(*) AS n FROM documents WHERE collection LIKE 'sites#%' GROUP BY collection").all();
    expect(rows()).toEqual([{ collection: `sites#${abandoned.generation}`, n: 1 }]);
    const next = await store.shadow(['sites']);
    expect(rows()).toEqual([]);
    expect(await next.store.getCheckpoint('sites-p')).toBe(0);
    // The other projection's shadow, still being filled, is untouched.
    await other.store.commit([put('faults', 'f')], { name: 'faults-p', position: 1 });
    await other.promote('faults-p');
    expect((await store.find('faults')).items).toEqual([{ id: 'f' }]);
    await store.close();
  });

  it('creates new files with 16 KiB pages and leaves WAL checkpoints to a worker thread, off the event loop', async () => {
    const path = file();
    const store = new SqliteReadModelStore({ path });
    expect(store.db.pragma('page_size', { simple: true })).toBe(16384);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    // This connection never checkpoints: a commit never copies the WAL into the file on the event loop.
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const sizeBefore = statSync(path).size;
    const doc = { text: 'x'.repeat(2000) };
    await store.commit(Array.from({ length: 200 }, (_, i) => ({ op: 'put' as const, collection: 'c', id: `d-${i}`, doc, position: i + 1 })));
    expect(statSync(path).size).toBe(sizeBefore);
    // The worker copies it into the file soon after.
    const until = Date.now() + 10_000;
    while (statSync(path).size === sizeBefore && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(path).size).toBeGreaterThan(sizeBefore + 200 * 2000);
    await store.close();
  });
});
