import { localDate } from '@ooh/calendar';
import { DEV_JWT_SECRET, TokenService } from '@ooh/http-kit';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, PlatformProcess } from './testing/platform-process';

const tokens = new TokenService(DEV_JWT_SECRET);
const staff = { authorization: `Bearer ${tokens.mint({ sub: 'li', roles: ['ops-staff'] })}` };
const manager = { authorization: `Bearer ${tokens.mint({ sub: 'mei', roles: ['ops-manager'] })}` };

async function call(base: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function countAll(base: string, path: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(base, 'GET', `${path}&limit=200${cursor ? `&cursor=${cursor}` : ''}`, staff);
    ids.push(...page.body.items.map((i: { inspectionId?: string; faultId?: string }) => i.inspectionId ?? i.faultId));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('restart of the embedded platform (a real OS process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'restart-'));
  let platform: PlatformProcess;

  beforeAll(async () => {
    platform = new PlatformProcess(await freePort(), dataDir);
    await platform.start();
  });
  afterAll(async () => {
    await platform?.stop('SIGKILL');
  });

  it('killed while projecting, catches up on restart with nothing lost or doubled', async () => {
    const base = platform.url;
    expect(
      (
        await call(base, 'POST', '/api/operations/sites', manager, {
          siteId: 'RST-01',
          city: 'Chongqing',
          station: 'Chongqing North',
          location: 'Hall',
          kind: 'light-box',
          faces: ['A'],
          landlordAuthority: 'CRM',
        })
      ).status,
    ).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('\xff\xd8\xff\xe0 restart test photo', 'latin1')], { type: 'image/jpeg' }), 'p.jpg');
    const upload = await fetch(`${base}/api/evidence`, { method: 'POST', headers: staff, body: form });
    const blobId = ((await upload.json()) as { blobId: string }).blobId;
    const performedAt = new Date().toISOString(); // after the registration: no site work predates it

    const acknowledged: string[] = [];
    const total = 240;
    for (let batch = 0; batch < total / 40; batch++) {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          call(base, 'POST', '/api/operations/inspections', staff, {
            siteId: 'RST-01',
            performedAt,
            checks: { deviceRunning: true, adsCorrect: false, safetyHazardFound: false, clean: true },
            problems: [{ description: `wrong ad #${batch * 40 + i}`, severity: 'minor' }],
            photos: [{ blobId }],
          }),
        ),
      );
      for (const r of results) {
        expect(r.status).toBe(201);
        acknowledged.push(r.body.id);
      }
    }
    // Killed at once: projections and the fault reactor are very likely mid-way.
    expect(await platform.stop('SIGKILL')).toBe('SIGKILL');

    await platform.start();
    const inspections = await eventually(
      () => countAll(base, '/api/operations/inspections?siteId=RST-01'),
      (ids) => ids.length >= total,
    );
    const faults = await eventually(
      () => countAll(base, '/api/operations/faults?siteId=RST-01'),
      (ids) => ids.length >= total,
    );
    expect(new Set(inspections)).toEqual(new Set(acknowledged));
    expect(faults).toHaveLength(total);
    expect(new Set(faults).size).toBe(total);

    // A clean stop, then the stored counters: one per inspection, never two.
    expect(await platform.stop('SIGTERM')).toBe(0);
    const db = new Database(join(dataDir, 'read-models.db'), { readonly: true });
    const day = db
      .prepare("SELECT doc FROM documents WHERE collection = 'operations_inspection_days' AND id = ?")
      .get(`RST-01|${localDate(performedAt, 'Asia/Shanghai')}`) as { doc: string };
    expect(JSON.parse(day.doc).inspections).toBe(total);
    db.close();
    const events = new Database(join(dataDir, 'events.db'), { readonly: true });
    expect(events.pragma('integrity_check', { simple: true })).toBe('ok');
    const opened = events.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'FaultOpened'").get() as { n: number };
    expect(opened.n).toBe(total);
    events.close();
    await platform.start();
  }, 120_000);

  it('SIGKILLed in the middle of a stream of commands: every acknowledged one is there after the restart', async () => {
    const base = platform.url;
    const acknowledged: string[] = [];
    let stop = false;
    const clients = Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; !stop && i < 500; i++) {
        try {
          const res = await call(base, 'POST', '/api/operations/faults', staff, { siteId: 'RST-01', severity: 'minor', description: `client ${c} #${i}` });
          if (res.status === 201) acknowledged.push(res.body.id);
        } catch {
          return; // the connection died with the process
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await platform.stop('SIGKILL')).toBe('SIGKILL');
    stop = true;
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThan(0);

    const events = new Database(join(dataDir, 'events.db'), { readonly: true });
    expect(events.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(
      (events.prepare("SELECT stream_id FROM events WHERE type = 'FaultOpened'").all() as Array<{ stream_id: string }>).map((r) =>
        r.stream_id.slice('operations.fault-'.length),
      ),
    );
    events.close();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    await platform.start();
  }, 120_000);

  it('shuts down gracefully on SIGTERM within the grace period', async () => {
    const started = Date.now();
    expect(await platform.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
