import { DEV_JWT_SECRET, TokenService } from '@ooh/http-kit';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, PlatformProcess } from './testing/platform-process';
import type { ServiceProcess } from './testing/service-process';

const BACKUP_TOOL = join(__dirname, '../../../dist/tools/backup.js');
const tokens = new TokenService(DEV_JWT_SECRET);
const bearer = (sub: string, role: string) => ({ authorization: `Bearer ${tokens.mint({ sub, roles: [role] })}` });
const staff = bearer('li', 'ops-staff');
const manager = bearer('mei', 'ops-manager');
const admin = bearer('root', 'admin');

async function call(base: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function faultIds(base: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await call(base, 'GET', `/api/operations/faults?siteId=BAK-01&limit=200${cursor ? `&cursor=${cursor}` : ''}`, staff);
    for (const item of page.body.items as Array<{ faultId: string }>) ids.add(item.faultId);
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

async function caughtUp(base: string): Promise<void> {
  await eventually(
    async () => (await call(base, 'GET', '/health', {})).body.caughtUp as boolean,
    (done) => done,
  );
}

function storedFaults(dataDir: string): Set<string> {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  try {
    const rows = db.prepare("SELECT stream_id FROM events WHERE type = 'FaultOpened'").all() as Array<{ stream_id: string }>;
    return new Set(rows.map((r) => r.stream_id.slice('operations.fault-'.length)));
  } finally {
    db.close();
  }
}

const tool = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, [BACKUP_TOOL, ...args], { env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('backup while serving, killed during the next backup, restored and verified (hardening item 18)', () => {
  const root = mkdtempSync(join(tmpdir(), 'backup-e2e-'));
  const dataDir = join(root, 'data');
  const backupDir = join(root, 'backups');
  const processes: ServiceProcess[] = [];

  afterAll(async () => {
    for (const p of processes) await p.stop('SIGKILL');
  });

  it('restores the last complete backup with every command acknowledged before it began, evidence intact', async () => {
    const platform = new PlatformProcess(await freePort(), dataDir);
    // The first backup completes; the process dies inside the second one, before its manifest.
    Object.assign(platform.env, { BACKUP_DIR: backupDir, BACKUP_EVERY_MINUTES: '0', OOH_CRASH_POINT: 'during-backup', OOH_CRASH_AFTER: '2' });
    processes.push(platform);
    await platform.start();
    const base = platform.url;
    expect(
      (
        await call(base, 'POST', '/api/operations/sites', manager, {
          siteId: 'BAK-01',
          city: 'Chongqing',
          station: 'Chongqing North',
          location: 'Hall',
          kind: 'light-box',
          faces: ['A'],
          landlordAuthority: 'CRM',
        })
      ).status,
    ).toBe(201);
    const photo = Buffer.from('\xff\xd8\xff\xe0 backup test photo', 'latin1');
    const form = new FormData();
    form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'p.jpg');
    const blobId = ((await (await fetch(`${base}/api/evidence`, { method: 'POST', headers: staff, body: form })).json()) as { blobId: string }).blobId;

    // Eight clients keep opening faults while the operator's backup runs.
    const acknowledged: string[] = [];
    let stop = false;
    const clients = Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; !stop; i++) {
        const res = await call(base, 'POST', '/api/operations/faults', staff, { siteId: 'BAK-01', severity: 'minor', description: `client ${c} #${i}` });
        expect(res.status).toBe(201);
        acknowledged.push(res.body.id);
      }
    });
    await new Promise((r) => setTimeout(r, 500));
    const ackedBeforeBackup = [...acknowledged];
    const started = await call(base, 'POST', '/api/admin/backups', admin);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', trigger: 'operator', requestedBy: 'root' });
    const location = started.headers.get('location')!;
    const complete = await eventually(
      async () => (await call(base, 'GET', location, admin)).body,
      (b) => b.status === 'complete',
    );
    stop = true;
    await Promise.all(clients);
    expect(ackedBeforeBackup.length).toBeGreaterThan(0);
    expect(complete.eventCount).toBeGreaterThanOrEqual(ackedBeforeBackup.length);
    expect(complete.blobCount).toBe(1);

    // More work, then a second backup: the process is killed while it copies.
    for (let i = 0; i < 5; i++) {
      expect((await call(base, 'POST', '/api/operations/faults', staff, { siteId: 'BAK-01', severity: 'minor', description: `after #${i}` })).status).toBe(201);
    }
    await call(base, 'POST', '/api/admin/backups', admin).catch(() => undefined);
    await eventually(
      async () => platform.running,
      (running) => !running,
    );
    expect(platform.output).toContain('crash point during-backup reached');
    const left = readdirSync(backupDir);
    expect(left.filter((n) => !n.startsWith('.'))).toEqual([complete.backupId]);
    expect(left.filter((n) => n.startsWith('.incomplete-'))).toHaveLength(1);

    // Restored into a fresh directory and verified before anything starts on it.
    const restoredDir = join(root, 'restored');
    const restore = await tool(['restore', '--from', join(backupDir, complete.backupId), '--to', restoredDir]);
    expect(restore.code).toBe(0);
    const report = JSON.parse(restore.stdout);
    expect(report).toMatchObject({ backupId: complete.backupId, eventCount: complete.eventCount, blobsVerified: 1, readModels: 'restored' });

    const inBackup = storedFaults(restoredDir);
    expect(ackedBeforeBackup.filter((id) => !inBackup.has(id))).toEqual([]);

    const restored = new PlatformProcess(await freePort(), restoredDir);
    Object.assign(restored.env, { BACKUP_DIR: join(root, 'restored-backups'), BACKUP_EVERY_MINUTES: '0' });
    processes.push(restored);
    await restored.start();
    await caughtUp(restored.url);
    expect(await faultIds(restored.url)).toEqual(inBackup);
    const download = await fetch(`${restored.url}/api/evidence/${blobId}`, { headers: staff });
    expect(
      createHash('sha256')
        .update(Buffer.from(await download.arrayBuffer()))
        .digest('hex'),
    ).toBe(blobId);

    // The command-line backup of a running platform (its own connections) is listed by the platform.
    const cli = await tool([], { DATA_DIR: restoredDir, BACKUP_DIR: join(root, 'restored-backups') });
    expect(cli.code).toBe(0);
    const listed = (await call(restored.url, 'GET', '/api/admin/backups', admin)).body;
    expect(listed.backups).toEqual([expect.objectContaining({ backupId: JSON.parse(cli.stdout).backupId, trigger: 'command-line', blobCount: 1 })]);
    expect(listed.status).toMatchObject({ keep: 7, everyMinutes: 0 });
    expect(await restored.stop('SIGTERM')).toBe(0);

    // Or without the read models: the platform rebuilds them from the restored log.
    const rebuiltDir = join(root, 'rebuilt');
    expect((await tool(['restore', '--from', join(backupDir, complete.backupId), '--to', rebuiltDir, '--rebuild-read-models'])).code).toBe(0);
    expect(existsSync(join(rebuiltDir, 'read-models.db'))).toBe(false);
    const rebuilt = new PlatformProcess(await freePort(), rebuiltDir);
    Object.assign(rebuilt.env, { BACKUP_DIR: join(root, 'rebuilt-backups'), BACKUP_EVERY_MINUTES: '0' });
    processes.push(rebuilt);
    await rebuilt.start();
    await caughtUp(rebuilt.url);
    expect(await faultIds(rebuilt.url)).toEqual(inBackup);

    // A second restore into a directory in use is refused, and says so.
    const refused = await tool(['restore', '--from', join(backupDir, complete.backupId), '--to', rebuiltDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty');
  }, 180_000);

  it('lets only an admin start a backup, and answers 404 for a backup that does not exist', async () => {
    const platform = new PlatformProcess(await freePort(), join(root, 'second'));
    Object.assign(platform.env, { BACKUP_DIR: join(root, 'second-backups'), BACKUP_EVERY_MINUTES: '0' });
    processes.push(platform);
    await platform.start();
    expect((await call(platform.url, 'POST', '/api/admin/backups', manager)).status).toBe(403);
    expect((await call(platform.url, 'GET', '/api/admin/backups', manager)).status).toBe(403);
    expect((await call(platform.url, 'GET', '/api/admin/backups/20261205T000000000Z-abcdef', admin)).body).toMatchObject({
      status: 404,
      code: 'BACKUP_NOT_FOUND',
    });
    expect((await call(platform.url, 'GET', '/api/admin/backups/..%2F..%2Fetc', admin)).status).toBe(404);
  }, 60_000);
});
