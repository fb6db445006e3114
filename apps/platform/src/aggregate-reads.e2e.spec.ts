import { fakePhoto, PlatformHarness } from './testing/platform-harness';

/** The reads every aggregate gets from the kit: get-or-404, history, and state as of an instant, the same way everywhere. */
describe('generic aggregate reads over HTTP', () => {
  const h = new PlatformHarness();
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');
  const otherManager = () => h.as('zhao', 'ops-manager');
  const requester = () => h.as('chen', 'media-manager');
  const finance = () => h.as('fang', 'finance');

  beforeAll(async () => {
    await h.start();
    await manager().post('/api/operations/sites', {
      siteId: 'GEN-LED-01',
      city: 'Chongqing',
      station: 'Chongqing North',
      location: 'Hall A',
      kind: 'led-screen',
      faces: ['A'],
      landlordAuthority: 'CRM Chongqing',
    });
  });
  afterAll(() => h.stop());

  const photo = async () => ({ blobId: (await staff().upload(fakePhoto())).body.blobId as string });

  it('answers every command with id, revision, status and events', async () => {
    const opened = await staff().post('/api/operations/faults', { siteId: 'GEN-LED-01', severity: 'minor', description: 'Flicker' });
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({ id: expect.any(String), revision: 0, status: 'open', events: ['FaultOpened'] });
    const site = await manager().post('/api/operations/sites/GEN-LED-01/take-out-of-service', { reason: 'faulty', note: 'Flicker' });
    expect(site.body).toEqual({ id: 'GEN-LED-01', revision: 1, status: 'faulty', events: ['SiteTakenOutOfService'] });
  });

  it('shows a fault as it was recorded at a past instant, and 404 before it existed', async () => {
    h.clock.set('2026-11-25T02:00:00.000Z');
    const faultId = (await staff().post('/api/operations/faults', { siteId: 'GEN-LED-01', severity: 'major', description: 'Dark' })).body.id;
    h.clock.set('2026-11-25T03:00:00.000Z');
    await staff().post(`/api/operations/faults/${faultId}/acknowledge`, {});
    h.clock.set('2026-11-25T04:00:00.000Z');
    await staff().post(`/api/operations/faults/${faultId}/resolve`, { action: 'Replaced the module', photos: [await photo()] });
    await h.settle();

    expect((await staff().get(`/api/operations/faults/${faultId}?asOf=2026-11-25T02:30:00Z`)).body).toMatchObject({
      status: 'open',
      revision: 0,
      asOf: '2026-11-25T02:30:00.000Z',
    });
    expect((await staff().get(`/api/operations/faults/${faultId}?asOf=2026-11-25T11:30:00%2B08:00`)).body).toMatchObject({
      status: 'acknowledged',
      revision: 1,
    });
    expect((await staff().get(`/api/operations/faults/${faultId}`)).body).toMatchObject({ status: 'resolved' });
    const before = await staff().get(`/api/operations/faults/${faultId}?asOf=2026-11-25T01:00:00Z`);
    expect([before.status, before.body.code]).toEqual([404, 'FAULT_NOT_FOUND']);
  });

  it('refuses an asOf that is not a real instant, naming the field', async () => {
    for (const bad of ['2026-13-01T00:00Z', '2026-12-01T25:00Z', '2026-12-01T10:00%2B99:99', '2026-12-01T10:00:61Z', '2026-02-30T10:00Z', '2026-12-01']) {
      const res = await staff().get(`/api/operations/sites/GEN-LED-01?asOf=${bad}`);
      expect([bad, res.status, res.body.errors?.[0]?.field]).toEqual([bad, 400, 'asOf']);
    }
  });

  it('gives inspections and maintenance visits a history, and payables a state as of an instant', async () => {
    const inspection = await staff().post('/api/operations/inspections', {
      siteId: 'GEN-LED-01',
      performedAt: '2026-11-25T12:00:00+08:00',
      checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
      photos: [await photo()],
    });
    expect(inspection.status).toBe(201);
    const history = await manager().get(`/api/operations/inspections/${inspection.body.id}/history`);
    expect(history.body).toMatchObject({
      inspectionId: inspection.body.id,
      items: [{ type: 'InspectionRecorded', actor: { userId: 'li', role: 'ops-staff' }, occurredAt: '2026-11-25T04:00:00.000Z' }],
    });
    expect(history.body.items[0].evidence).toHaveLength(1);
    expect((await manager().get('/api/operations/maintenance/nope/history')).body.code).toBe('MAINTENANCE_NOT_FOUND');

    h.clock.set('2026-11-26T02:00:00.000Z');
    const payable = await requester().post('/api/finance/payables', {
      vendor: { vendorId: 'v1', name: 'Bulbs Ltd' },
      milestone: 'full',
      amountFen: 50_000,
      currency: 'CNY',
      purpose: 'Bulbs',
    });
    h.clock.set('2026-11-26T05:00:00.000Z');
    expect((await finance().post(`/api/finance/payables/${payable.body.id}/approve`, {})).body.status).toBe('approved');
    expect((await finance().get(`/api/finance/payables/${payable.body.id}?asOf=2026-11-26T03:00:00Z`)).body).toMatchObject({
      status: 'requested',
      revision: 0,
    });
    expect((await otherManager().get(`/api/finance/payables/${payable.body.id}?asOf=2026-11-26T03:00:00Z`)).status).toBe(200);
  });
});
