import { fakePhoto, PlatformHarness } from './testing/platform-harness';

/** A site's timeline: its own events with those of its inspections, maintenance visits and faults, on given local days. */
describe('site timeline over HTTP', () => {
  const h = new PlatformHarness();
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');
  const timeline = (query: string, siteId = 'TML-LED-01') => manager().get(`/api/operations/sites/${siteId}/timeline?${query}`);
  let faultId: string;
  let inspectionId: string;
  let maintenanceId: string;

  beforeAll(async () => {
    await h.start();
    h.clock.set('2026-11-20T00:00:00.000Z');
    const site = { city: 'Chengdu', station: 'Chengdu East', location: 'Gate 3', kind: 'led-screen', faces: ['A'], landlordAuthority: 'CRM' };
    await manager().post('/api/operations/sites', { siteId: 'TML-LED-01', ...site });
    await manager().post('/api/operations/sites', { siteId: 'TML-LED-02', ...site });
    h.clock.set('2026-11-24T01:30:00.000Z');
    const photo = (await staff().upload(fakePhoto())).body.blobId as string;
    const checks = { deviceRunning: false, adsCorrect: true, safetyHazardFound: false, clean: true };
    const problems = [{ description: 'Left module dark', severity: 'major' }];
    const inspection = await staff().post('/api/operations/inspections', {
      siteId: 'TML-LED-01',
      performedAt: '2026-11-24T09:30:00+08:00',
      checks,
      problems,
      photos: [{ blobId: photo }],
    });
    expect(inspection.status).toBe(201);
    [inspectionId, faultId] = [inspection.body.id, inspection.body.faultIds[0]];
    await staff().post('/api/operations/inspections', {
      siteId: 'TML-LED-02',
      performedAt: '2026-11-24T09:30:00+08:00',
      checks,
      problems,
      photos: [{ blobId: photo }],
    });
    // The faults are opened by a reactor after the inspections: acknowledged once there is one.
    await h.settle();
    h.clock.set('2026-11-25T03:00:00.000Z');
    expect((await staff().post(`/api/operations/faults/${faultId}/acknowledge`, { note: 'On the way' })).status).toBe(200);
    const visit = await staff().post('/api/operations/maintenance', {
      siteId: 'TML-LED-01',
      performedAt: '2026-11-25T10:30:00+08:00',
      powerCycle: { offAt: '2026-11-24T22:00:00+08:00', onAt: '2026-11-25T09:00:00+08:00' },
      cleaning: 'done',
      photos: [{ blobId: photo }],
    });
    expect(visit.status).toBe(201);
    maintenanceId = visit.body.id;
    await h.settle();
  });
  afterAll(() => h.stop());

  it("merges the site's events with its inspections' and faults', in the order they happened, evidence included", async () => {
    const res = await timeline('from=2026-11-24&to=2026-11-25');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ siteId: 'TML-LED-01', from: '2026-11-24', to: '2026-11-25', timeZone: 'Asia/Shanghai' });
    const items = res.body.items as Array<{ aggregate: string; id: string; type: string; occurredAt: string; evidence: unknown[] }>;
    expect(items.map((i) => i.id)).not.toContain('TML-LED-02');
    expect(items.filter((i) => i.aggregate === 'inspection').map((i) => i.id)).toEqual([inspectionId]);
    expect(items.filter((i) => i.aggregate === 'fault').map((i) => [i.id, i.type])).toEqual([
      [faultId, 'FaultOpened'],
      [faultId, 'FaultAcknowledged'],
    ]);
    expect(items.find((i) => i.aggregate === 'inspection')?.evidence).toHaveLength(1);
    expect(items.filter((i) => i.aggregate === 'maintenance').map((i) => i.id)).toEqual([maintenanceId]);
    const times = items.map((i) => Date.parse(i.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(items.some((i) => i.type === 'SiteRegistered')).toBe(false);
  });

  it('keeps to the local days asked for', async () => {
    const registration = await timeline('from=2026-11-20&to=2026-11-20');
    expect(registration.body.items.map((i: { aggregate: string; type: string }) => [i.aggregate, i.type])).toEqual([['site', 'SiteRegistered']]);
    const ackDay = await timeline('from=2026-11-25&to=2026-11-25');
    expect(ackDay.body.items.map((i: { type: string }) => i.type)).toContain('FaultAcknowledged');
    expect(ackDay.body.items.map((i: { aggregate: string }) => i.aggregate)).not.toContain('inspection');
  });

  it('answers 404 for an unknown site, 422 (reversed, too long) or 400 (not a date) naming the field, 403 to sales', async () => {
    const unknown = await timeline('from=2026-11-24&to=2026-11-25', 'NOPE-01');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'SITE_NOT_FOUND']);
    for (const [query, status, field] of [
      ['from=2026-11-25&to=2026-11-24', 422, 'from'],
      ['from=2026-01-01&to=2026-11-24', 422, 'to'],
      ['from=2026-11-31&to=2026-12-01', 400, 'from'],
    ] as const) {
      const res = await timeline(query);
      expect([query, res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([query, status, expect.arrayContaining([field])]);
    }
    expect((await h.as('xiao', 'sales').get('/api/operations/sites/TML-LED-01/timeline?from=2026-11-24&to=2026-11-25')).status).toBe(403);
  });
});
