import { FsBlobStore } from '@ooh/adapter-fs-blob';
import { SqliteMessageBus } from '@ooh/adapter-in-process-bus';
import { SqliteEventStore, SqliteIdempotencyStore, SqliteReadModelStore } from '@ooh/adapter-sqlite';
import type { Clock } from '@ooh/eventing';
import { testEvent } from '@ooh/eventing-testing';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBackups, type BackupSettings } from './embedded-backups';
import { restoreBackup, RestoreRefused } from './restore-backup';

function runtime(settings: Partial<BackupSettings> = {}, clock?: Clock) {
  const root = mkdtempSync(join(tmpdir(), 'backup-'));
  const events = new SqliteEventStore({ path: join(root, 'data', 'events.db') });
  const readModels = new SqliteReadModelStore({ path: join(root, 'data', 'read-models.db') });
  const idempotency = new SqliteIdempotencyStore({ path: join(root, 'data', 'idempotency.db') });
  const bus = new SqliteMessageBus({ path: join(root, 'data', 'bus.db') });
  const blobs = new FsBlobStore(join(root, 'data', 'blobs'));
  const dir = join(root, 'backups');
  const backups = new EmbeddedBackups(
    { databases: { events, 'read-models': readModels, idempotency, bus }, blobs },
    { dir, keep: 7, everyMinutes: 0, ...settings },
    clock,
  );
  return {
    root,
    dir,
    events,
    readModels,
    idempotency,
    bus,
    blobs,
    backups,
    async close() {
      await backups.close();
      await Promise.all([events.close(), readModels.close(), idempotency.close(), bus.close()]);
    },
  };
}

const eventIds = (path: string): Set<string> => {
  const db = new Database(path, { readonly: true });
  try {
    return new Set((db.prepare('SELECT event_id FROM events').all() as Array<{ event_id: string }>).map((r) => r.event_id));
  } finally {
    db.close();
  }
};

describe('online backup of the embedded runtime', () => {
  it('copies the log while appends go on: everything acknowledged before it began is in it, and the copy verifies', async () => {
    const rt = runtime({ pagesPerStep: 1 });
    const acknowledged: string[] = [];
    for (let i = 0; i < 300; i++) {
      const event = testEvent('Filled', { i, padding: 'x'.repeat(400) });
      await rt.events.appendToStream(`test.s-${i % 30}`, [event], 'any');
      acknowledged.push(event.eventId);
    }
    await rt.readModels.commit([{ op: 'put', collection: 'things', id: 'a', doc: { n: 1 }, position: 1 }], { name: 'things', position: 1 });
    await rt.idempotency.putIfAbsent('key-1', { status: 201, body: { id: 'a' }, headers: {}, requestHash: 'h' });
    await rt.bus.publish([
      {
        messageId: 'm-1',
        type: 'test.v1',
        version: 1,
        key: 'a',
        data: {},
        correlationId: 'c',
        causationId: 'c',
        occurredAt: '2026-12-05T00:00:00Z',
        producer: 'test',
      },
    ]);

    const backup = rt.backups.take('operator', 'ops');
    let appendedDuring = 0;
    let done = false;
    void backup.finally(() => (done = true)).catch(() => undefined);
    while (!done) {
      await rt.events.appendToStream('test.during-1', [testEvent('During')], 'any');
      appendedDuring += 1;
    }
    const manifest = await backup;
    expect(appendedDuring).toBeGreaterThan(0); // the platform kept writing while the copy ran, one page per step

    const copied = eventIds(join(rt.dir, manifest.backupId, 'events.db'));
    expect(acknowledged.filter((id) => !copied.has(id))).toEqual([]);
    expect(manifest.events.eventCount).toBe(copied.size);
    expect(manifest).toMatchObject({ trigger: 'operator', requestedBy: 'ops' });

    const restored = await restoreBackup({ from: join(rt.dir, manifest.backupId), to: join(rt.root, 'restored') });
    expect(restored).toMatchObject({ eventCount: manifest.events.eventCount, headPosition: manifest.events.headPosition, readModels: 'restored' });
    const reopened = new SqliteReadModelStore({ path: join(rt.root, 'restored', 'read-models.db') });
    expect((await reopened.get('things', 'a'))?.doc).toEqual({ n: 1 });
    await reopened.close();
    const responses = new SqliteIdempotencyStore({ path: join(rt.root, 'restored', 'idempotency.db') });
    expect(await responses.get('key-1')).toEqual({ status: 201, body: { id: 'a' }, headers: {}, requestHash: 'h' });
    await responses.close();
    expect(readdirSync(join(rt.root, 'restored')).sort()).toEqual(['blobs', 'bus.db', 'events.db', 'idempotency.db', 'read-models.db', 'restored-from.json']);
    await rt.close();
  });

  it('copies each blob once and links it from the previous backup afterwards; a blob that no longer matches its hash is left out and reported', async () => {
    const rt = runtime();
    const a = await rt.blobs.put(Buffer.from('photo a'), { contentType: 'image/jpeg' });
    const b = await rt.blobs.put(Buffer.from('photo b'), { contentType: 'image/jpeg' });
    const first = await rt.backups.take('schedule');
    expect(first.blobs).toMatchObject({ count: 2, copied: 2, linked: 0, damaged: [] });

    const c = await rt.blobs.put(Buffer.from('photo c'), { contentType: 'image/png' });
    const second = await rt.backups.take('schedule');
    expect(second.blobs).toMatchObject({ count: 3, copied: 1, linked: 2, damaged: [] });
    expect(second.blobs.ids.sort()).toEqual([a.id, b.id, c.id].sort());

    // Someone rewrites stored evidence in place: the next backup does not carry the forgery.
    writeFileSync(join(rt.root, 'data', 'blobs', c.id.slice(0, 2), c.id.slice(2)), 'forged');
    const third = await rt.backups.take('schedule');
    expect(third.blobs.damaged).toEqual([]); // linked from the second backup's verified copy
    const fresh = runtime();
    await fresh.blobs.put(Buffer.from('photo d'), { contentType: 'image/jpeg' });
    const d = (await fresh.blobs.ids().next()).value as string;
    writeFileSync(join(fresh.root, 'data', 'blobs', d.slice(0, 2), d.slice(2)), 'forged');
    const damaged = await fresh.backups.take('schedule');
    expect(damaged.blobs).toMatchObject({ count: 0, damaged: [d] });
    expect(existsSync(join(fresh.dir, damaged.backupId, 'blobs', d.slice(0, 2), d.slice(2)))).toBe(false);
    await Promise.all([rt.close(), fresh.close()]);
  });

  it('keeps BACKUP_KEEP complete backups, newest first, and removes what a killed run left', async () => {
    const rt = runtime({ keep: 2 });
    mkdirSync(join(rt.dir, '.incomplete-20261205T000000000Z-000000-999999999'), { recursive: true });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await rt.backups.take('schedule')).backupId);
    expect(readdirSync(rt.dir).sort()).toEqual(ids.slice(1).sort());
    expect((await rt.backups.list()).map((b) => b.backupId)).toEqual([ids[2], ids[1]]);
    expect((await rt.backups.status()).lastCompleted?.backupId).toBe(ids[2]);
    await rt.close();
  });

  it('runs one backup at a time, and abandons a running one on close', async () => {
    const rt = runtime({ pagesPerStep: 1 });
    for (let i = 0; i < 200; i++) await rt.events.appendToStream(`test.s-${i}`, [testEvent('Filled', { padding: 'x'.repeat(2000) })], 'any');
    const running = rt.backups.start('operator', 'ops');
    expect(running.status).toBe('running');
    expect(() => rt.backups.start('operator', 'other')).toThrow(expect.objectContaining({ code: 'BACKUP_RUNNING' }));
    expect((await rt.backups.list())[0]).toMatchObject({ backupId: running.backupId, status: 'running' });
    await rt.close();
    expect(readdirSync(rt.dir)).toEqual([]);
  });

  it('takes a backup on schedule when one is due and records the failure of one that could not be written', async () => {
    let now = new Date('2026-12-05T02:00:00Z');
    const rt = runtime({ everyMinutes: 60, checkEveryMs: 10 }, { now: () => now });
    rt.backups.startSchedule();
    const settle = () => new Promise((r) => setTimeout(r, 100));
    await settle();
    expect(await rt.backups.list()).toEqual([]);
    expect((await rt.backups.status()).nextDueAt).toBe('2026-12-05T02:10:00.000Z');
    now = new Date('2026-12-05T02:10:00Z');
    await settle();
    const [first] = await rt.backups.list();
    expect(first).toMatchObject({ trigger: 'schedule', status: 'complete' });
    now = new Date('2026-12-05T02:40:00Z');
    await settle();
    expect(await rt.backups.list()).toHaveLength(1);
    expect((await rt.backups.status()).nextDueAt).toBe('2026-12-05T03:10:00.000Z');
    await rt.close();

    const broken = runtime();
    writeFileSync(join(broken.root, 'not-a-directory'), '');
    const failing = new EmbeddedBackups(
      { databases: { events: broken.events, 'read-models': broken.readModels, idempotency: broken.idempotency, bus: broken.bus }, blobs: broken.blobs },
      { dir: join(broken.root, 'not-a-directory', 'backups'), keep: 1, everyMinutes: 0 },
    );
    await expect(failing.take('operator')).rejects.toThrow();
    expect((await failing.status()).lastFailure).toMatchObject({ message: expect.stringContaining('not-a-directory') });
    await broken.close();
  });
});

describe('restore of a backup into a fresh data directory', () => {
  async function backedUp() {
    const rt = runtime();
    for (let i = 0; i < 20; i++) await rt.events.appendToStream(`test.s-${i}`, [testEvent('Filled')], 'any');
    const blob = await rt.blobs.put(Buffer.from('evidence'), { contentType: 'image/jpeg' });
    const manifest = await rt.backups.take('operator');
    await rt.close();
    return { rt, blob, from: join(rt.dir, manifest.backupId), to: join(rt.root, 'restored'), manifest };
  }

  it('rebuilds the read models from the log when asked: they are left out', async () => {
    const { from, to } = await backedUp();
    const report = await restoreBackup({ from, to, rebuildReadModels: true });
    expect(report.readModels).toBe('rebuilt from the log on start');
    expect(existsSync(join(to, 'read-models.db'))).toBe(false);
    expect(report.blobsVerified).toBe(1);
    expect(report.checks).toEqual(expect.arrayContaining(['event log: 20 events, head position 20']));
  });

  it('refuses a target that is not empty, and writes nothing', async () => {
    const { from, rt } = await backedUp();
    mkdirSync(join(rt.root, 'in-use'));
    writeFileSync(join(rt.root, 'in-use', 'events.db'), 'live data');
    await expect(restoreBackup({ from, to: join(rt.root, 'in-use') })).rejects.toThrow(/is not empty/);
    expect(readFileSync(join(rt.root, 'in-use', 'events.db'), 'utf8')).toBe('live data');
  });

  it('refuses a backup whose log file was altered, naming it, and leaves no data directory behind', async () => {
    const { from, to } = await backedUp();
    const file = join(from, 'events.db');
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] ^= 0xff;
    writeFileSync(file, bytes);
    const refused = await restoreBackup({ from, to }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RestoreRefused);
    expect((refused as RestoreRefused).problems).toEqual(['events.db differs from the one the backup recorded (sha256)']);
    expect(existsSync(to)).toBe(false);
    expect(readdirSync(join(to, '..')).filter((n) => n.includes('.restoring-'))).toEqual([]);
  });

  it('refuses a backup whose evidence was altered or lost', async () => {
    const { from, to, blob } = await backedUp();
    writeFileSync(join(from, 'blobs', blob.id.slice(0, 2), blob.id.slice(2)), 'forged');
    await expect(restoreBackup({ from, to })).rejects.toThrow(`blob ${blob.id} does not match its sha256`);
    const again = await backedUp();
    rmSync(join(again.from, 'blobs', again.blob.id.slice(0, 2)), { recursive: true });
    await expect(restoreBackup({ from: again.from, to: again.to })).rejects.toThrow(`blob ${again.blob.id} is missing from the backup`);
  });

  it('refuses a directory without a manifest (a backup that never completed)', async () => {
    const { from, to } = await backedUp();
    rmSync(join(from, 'manifest.json'));
    await expect(restoreBackup({ from, to })).rejects.toThrow(/holds no complete backup/);
  });
});
