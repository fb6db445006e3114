import { DEV_JWT_SECRET } from '@ooh/http-kit';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, eventually } from './testing/api-client';
import { PlatformHarness } from './testing/platform-harness';
import { freePort } from './testing/platform-process';
import { SERVICE_MAINS, ServiceProcess } from './testing/service-process';

/**
 * An administrator rebuilds projections while the platform serves: the rebuild fills a shadow
 * generation, the live read models answer meanwhile, the swap brings the log's fold back (here over a
 * document damaged behind the projection's back), commands issued during it land, and nothing
 * downstream (relays, consumers) moves.
 */
describe('rebuilding projections beside the live read models', () => {
  const h = new PlatformHarness();
  const admin = () => h.as('root', 'admin');
  const mgr = () => h.as('mei', 'ops-manager');
  const readModels = () => h.platform.infra.readModels;
  const site = (siteId: string) => ({
    siteId,
    city: 'Chongqing',
    station: 'North',
    location: 'Hall',
    kind: 'light-box',
    faces: ['A'],
    landlordAuthority: 'CRM',
  });

  beforeAll(async () => {
    await h.start();
    for (const id of ['RB-1', 'RB-2', 'RB-3']) expect((await mgr().post('/api/operations/sites', site(id))).status).toBe(201);
    await h.settle();
  });
  afterAll(() => h.stop());

  it('lists the projections with their positions', async () => {
    const res = await admin().get('/api/admin/projections');
    expect(res.status).toBe(200);
    const sites = res.body.projections.find((p: { name: string }) => p.name === 'operations.sites');
    expect(sites).toMatchObject({ collections: ['operations_sites'], held: true });
    expect(sites.position).toBeGreaterThan(0);
  });

  it('rebuilds one projection into a shadow and swaps it in: the damaged document is the fold of the log again, a command issued meanwhile lands, relays do not move', async () => {
    const before = (await mgr().get('/api/operations/sites/RB-2')).body;
    // Damaged behind the projection's back (a position far ahead, so the live projection never repairs it).
    await readModels().commit([{ op: 'put', collection: 'operations_sites', id: 'RB-2', doc: { ...before, city: 'Damaged' }, position: 1e12 }]);
    expect((await mgr().get('/api/operations/sites/RB-2')).body.city).toBe('Damaged');
    const relays = h.platform.subscriptions.status().filter((s) => s.name.startsWith('relay:'));
    const published = await h.platform.infra.bus.lag();

    const accepted = await admin().post('/api/admin/projections/rebuild', { projections: ['operations.sites'] });
    expect([accepted.status, accepted.body]).toEqual([202, { projections: ['operations.sites'] }]);
    expect((await mgr().post('/api/operations/sites', site('RB-4'))).status).toBe(201);
    await h.platform.subscriptions.rebuildsSettled();
    await h.settle();

    expect((await mgr().get('/api/operations/sites/RB-2')).body).toEqual(before);
    expect((await mgr().get('/api/operations/sites/RB-4')).status).toBe(200);
    expect((await mgr().get('/api/operations/sites?limit=50')).body.items.map((s: { siteId: string }) => s.siteId)).toEqual(
      expect.arrayContaining(['RB-1', 'RB-2', 'RB-3', 'RB-4']),
    );
    const status = (await admin().get('/api/admin/projections')).body.projections.find((p: { name: string }) => p.name === 'operations.sites');
    expect(status.rebuild).toMatchObject({ state: 'done', events: expect.any(Number) });
    expect(status.rebuild.events).toBeGreaterThanOrEqual(3);
    // Relays went on from where they were (RB-4's site-changed), not from the start of the log.
    for (const r of relays) expect(h.platform.subscriptions.status().find((s) => s.name === r.name)!.position).toBeGreaterThanOrEqual(r.position);
    expect(Object.keys(await h.platform.infra.bus.lag()).sort()).toEqual(Object.keys(published).sort());
  });

  it('rebuilds every projection when none is named, and keeps serving the same answers', async () => {
    const sites = (await mgr().get('/api/operations/sites?limit=50')).body.items;
    const accepted = await admin().post('/api/admin/projections/rebuild', {});
    expect(accepted.status).toBe(202);
    expect(accepted.body.projections).toContain('operations.sites');
    await h.platform.subscriptions.rebuildsSettled();
    await h.settle();
    expect((await mgr().get('/api/operations/sites?limit=50')).body.items).toEqual(sites);
    const states = (await admin().get('/api/admin/projections')).body.projections.map((p: { rebuild?: { state: string } }) => p.rebuild?.state);
    expect(new Set(states)).toEqual(new Set(['done']));
  });

  it('refuses an unknown projection naming the field, a rebuild already under way, and every role but admin', async () => {
    const unknown = await admin().post('/api/admin/projections/rebuild', { projections: ['no.such'] });
    expect([unknown.status, unknown.body.code, unknown.body.errors?.[0]?.field]).toEqual([422, 'PROJECTION_NOT_FOUND', 'projections']);
    const bad = await admin().post('/api/admin/projections/rebuild', { projections: 'operations.sites' });
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'projections']);
    const both = await Promise.all([1, 2].map(() => admin().post('/api/admin/projections/rebuild', { projections: ['operations.sites'] })));
    expect(both.map((r) => [r.status, r.body.code]).sort()).toEqual([
      [202, undefined],
      [409, 'REBUILD_IN_PROGRESS'],
    ]);
    await h.platform.subscriptions.rebuildsSettled();
    for (const role of ['ops-manager', 'finance', 'integrator']) {
      expect((await h.as('x', role).post('/api/admin/projections/rebuild', {})).status).toBe(403);
      expect((await h.as('x', role).get('/api/admin/projections')).status).toBe(403);
    }
  });
});

/**
 * As a process (`npm start`): the shadow is filled off the request thread — in the subscriptions
 * thread beside the live projections, or, where those run on the main thread, in a low-priority child
 * process — then swapped in by the service.
 */
describe.each([
  ['worker', 'in the subscriptions thread'],
  ['main', 'in a child process'],
])('rebuilding projections of a running platform process (SUBSCRIPTIONS_IN=%s)', (subscriptionsIn, where) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rebuild-process-'));
  let platform: ServiceProcess;
  const api = new ApiClient(() => platform.url, DEV_JWT_SECRET);
  beforeAll(async () => {
    platform = new ServiceProcess('platform', SERVICE_MAINS.platform, await freePort(), {
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_MINUTE: '0',
      SUBSCRIPTIONS_IN: subscriptionsIn,
    });
    await platform.start();
  });
  afterAll(() => platform?.stop('SIGTERM'));

  it(`fills the shadow ${where} and swaps it in: the damaged document is the fold of the log again`, async () => {
    const mgr = api.as('mei', 'ops-manager');
    for (const id of ['RP-1', 'RP-2']) {
      expect(
        (
          await mgr.post('/api/operations/sites', {
            siteId: id,
            city: 'Chongqing',
            station: 'North',
            location: 'Hall',
            kind: 'light-box',
            faces: ['A'],
            landlordAuthority: 'CRM',
          })
        ).status,
      ).toBe(201);
    }
    const before = await eventually('the site projected', async () => {
      const got = await mgr.get('/api/operations/sites/RP-2');
      return got.status === 200 && got.body;
    });
    const db = new Database(join(dataDir, 'read-models.db'));
    db.prepare(
      "UPDATE documents SET doc = json_set(doc, '$.city', 'Damaged'), position = 1000000000000 WHERE collection = 'operations_sites' AND id = 'RP-2'",
    ).run();
    db.close();
    expect((await mgr.get('/api/operations/sites/RP-2')).body.city).toBe('Damaged');
    const admin = api.as('root', 'admin');
    expect((await admin.post('/api/admin/projections/rebuild', { projections: ['operations.sites', 'operations.faults'] })).status).toBe(202);
    await eventually(
      'both rebuilt',
      async () => {
        const list = (await admin.get('/api/admin/projections')).body.projections as Array<{ name: string; rebuild?: { state: string } }>;
        return list.filter((p) => ['operations.sites', 'operations.faults'].includes(p.name)).every((p) => p.rebuild?.state === 'done');
      },
      60_000,
      () => platform.output,
    );
    expect((await mgr.get('/api/operations/sites/RP-2')).body).toEqual(before);
  });
});
