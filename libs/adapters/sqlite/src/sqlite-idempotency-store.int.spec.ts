import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteIdempotencyStore } from './sqlite-checkpoint-store';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const response = (id: string) => ({ status: 201, body: { id }, headers: { location: `/x/${id}` }, requestHash: `h-${id}` });

describe('SqliteIdempotencyStore on a file of its own', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'idem-'));

  it('keeps the first response per key', async () => {
    const store = new SqliteIdempotencyStore({ path: join(dir(), 'idempotency.db') });
    expect(await store.putIfAbsent('k', response('a'))).toEqual(response('a'));
    expect(await store.putIfAbsent('k', response('b'))).toEqual(response('a'));
    expect(await store.get('other')).toBeUndefined();
    await store.close();
  });

  it('is not held up by a writer of the read models (a rebuild, an index build) holding their file', async () => {
    const data = dir();
    const readModels = new SqliteReadModelStore({ path: join(data, 'read-models.db') });
    const store = new SqliteIdempotencyStore({ path: join(data, 'idempotency.db'), migrateFrom: readModels.db });
    // Another connection (the subscriptions thread) in the middle of a long write transaction.
    const writer = new Database(join(data, 'read-models.db'));
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare("INSERT INTO checkpoints (name, position) VALUES ('busy', 1)").run();
    const began = performance.now();
    await store.putIfAbsent('k', response('a'));
    // With the read models' file it waited for the lock (the busy timeout, up to 5 s, on the event loop).
    expect(performance.now() - began).toBeLessThan(1000);
    writer.exec('ROLLBACK');
    writer.close();
    await store.close();
    await readModels.close();
  });

  it('moves the responses an earlier version kept in the read models file over, once', async () => {
    const data = dir();
    const old = new Database(join(data, 'read-models.db'));
    old.exec('CREATE TABLE idempotent_responses (key TEXT PRIMARY KEY, response TEXT NOT NULL, stored_at TEXT NOT NULL) WITHOUT ROWID');
    old.prepare('INSERT INTO idempotent_responses VALUES (?, ?, ?)').run('old-key', JSON.stringify(response('old')), '2026-12-01T00:00:00.000Z');
    old.close();
    const readModels = new SqliteReadModelStore({ path: join(data, 'read-models.db') });
    const store = new SqliteIdempotencyStore({ path: join(data, 'idempotency.db'), migrateFrom: readModels.db });
    expect(await store.get('old-key')).toEqual(response('old'));
    expect(readModels.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'idempotent_responses'").get()).toBeUndefined();
    // A second store on the same files (the other thread) finds nothing left to move and the same responses.
    const again = new SqliteIdempotencyStore({ path: join(data, 'idempotency.db'), migrateFrom: readModels.db });
    expect(await again.get('old-key')).toEqual(response('old'));
    await Promise.all([store.close(), again.close(), readModels.close()]);
  });
});
