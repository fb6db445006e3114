import type { IntegrationMessage, MessageBus } from '@ooh/eventing';
import { MESSAGE_BUS } from '@ooh/http-kit';
import { fakePhoto, PlatformHarness } from './testing/platform-harness';
import { csvRecords, workbookSheets } from './testing/exports';

describe('OOH site care over HTTP on the embedded platform', () => {
  const h = new PlatformHarness();
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');
  const otherStaff = () => h.as('wang', 'ops-staff');

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  async function photo() {
    const res = await staff().upload(fakePhoto());
    expect(res.status).toBe(201);
    return { blobId: res.body.blobId as string };
  }

  async function registerSite(siteId: string, extra: Record<string, unknown> = {}) {
    const res = await manager().post('/api/operations/sites', {
      siteId,
      city: 'Chongqing',
      station: 'Chongqing North',
      location: 'South square, exit 2',
      kind: 'led-screen',
      faces: ['A', 'B'],
      landlordAuthority: 'Chengdu Railway Media, Chongqing branch',
      ...extra,
    });
    expect(res.status).toBe(201);
    return res;
  }

  it('registers sites, refuses a duplicate code, and lists them filtered', async () => {
    const res = await registerSite('CQN-LED-01', { photos: [await photo()] });
    expect(res.body).toMatchObject({ id: 'CQN-LED-01', revision: 0, events: ['SiteRegistered'] });
    expect(res.headers.etag).toBe('"0"');
    await registerSite('CQN-BOX-02', { kind: 'light-box' });
    await registerSite('CDE-TAB-01', { city: 'Chengdu', station: 'Chengdu East', kind: 'tablet' });

    const duplicate = await manager().post('/api/operations/sites', {
      siteId: 'CQN-LED-01',
      city: 'X',
      station: 'Y',
      location: 'Z',
      kind: 'other',
      faces: ['A'],
      landlordAuthority: 'L',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('SITE_ALREADY_REGISTERED');
    expect(duplicate.headers['content-type']).toContain('application/problem+json');

    await h.settle();
    const chongqing = await staff().get('/api/operations/sites?city=Chongqing');
    expect(chongqing.body.items.map((s: { siteId: string }) => s.siteId)).toEqual(['CQN-BOX-02', 'CQN-LED-01']);
    const tablets = await h.as('s', 'sales').get('/api/operations/sites?kind=tablet');
    expect(tablets.body.items.map((s: { siteId: string }) => s.siteId)).toEqual(['CDE-TAB-01']);
    const site = await staff().get('/api/operations/sites/CQN-LED-01');
    expect(site.body).toMatchObject({ status: 'in-service', faces: ['A', 'B'], revision: 0 });
    expect(site.body.photos[0].sha256).toMatch(/^[a-f0-9]{64}$/);
  });

  it('pages through sites with a cursor', async () => {
    const first = await staff().get('/api/operations/sites?limit=2');
    const second = await staff().get(`/api/operations/sites?limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items].map((s: { siteId: string }) => s.siteId)).toEqual(['CDE-TAB-01', 'CQN-BOX-02', 'CQN-LED-01']);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('records an inspection whose problem opens a fault ticket with its SLA deadline', async () => {
    const res = await staff().post('/api/operations/inspections', {
      siteId: 'CQN-LED-01',
      performedAt: '2026-11-25T09:00:00+08:00',
      checks: { deviceRunning: false, adsCorrect: true, safetyHazardFound: false, clean: true },
      problems: [{ description: 'Left module of the screen is dark', severity: 'major' }],
      photos: [await photo()],
    });
    expect(res.status).toBe(201);
    expect(res.body.faultIds).toHaveLength(1);
    await h.settle();
    const fault = await staff().get(`/api/operations/faults/${res.body.faultIds[0]}`);
    expect(fault.status).toBe(200);
    expect(fault.body).toMatchObject({
      siteId: 'CQN-LED-01',
      severity: 'major',
      status: 'open',
      breached: false,
      source: { kind: 'inspection', inspectionId: res.body.id, problemIndex: 0 },
      openedAt: '2026-11-25T01:00:00.000Z',
      slaDeadline: '2026-11-27T01:00:00.000Z',
    });
    const open = await staff().get('/api/operations/faults?status=open&severity=major');
    expect(open.body.items.map((f: { faultId: string }) => f.faultId)).toEqual([res.body.faultIds[0]]);
  });

  it('refuses an inspection with a failed check but no problem, and one without photos', async () => {
    const noProblem = await staff().post('/api/operations/inspections', {
      siteId: 'CQN-BOX-02',
      performedAt: '2026-11-25T09:00:00+08:00',
      checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: true, clean: true },
      photos: [await photo()],
    });
    expect(noProblem.status).toBe(422);
    expect(noProblem.body.code).toBe('PROBLEM_DESCRIPTION_REQUIRED');
    const noPhoto = await staff().post('/api/operations/inspections', {
      siteId: 'CQN-BOX-02',
      performedAt: '2026-11-25T09:00:00+08:00',
      checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
      photos: [],
    });
    expect(noPhoto.status).toBe(422);
    expect(noPhoto.body.code).toBe('PHOTO_REQUIRED');
    const unknownSite = await staff().post('/api/operations/inspections', {
      siteId: 'NOPE-01',
      performedAt: '2026-11-25T09:00:00+08:00',
      checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
      photos: [await photo()],
    });
    expect(unknownSite.status).toBe(404);
    const unknownPhoto = await staff().post('/api/operations/inspections', {
      siteId: 'CQN-BOX-02',
      performedAt: '2026-11-25T09:00:00+08:00',
      checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
      photos: [{ blobId: 'a'.repeat(64) }],
    });
    expect(unknownPhoto.status).toBe(422);
    expect(unknownPhoto.body).toMatchObject({ code: 'EVIDENCE_NOT_FOUND', errors: [{ field: 'photos.0.blobId' }] });
    // The sites were registered at 09:00 that day: nothing was inspected there before.
    const beforeRegistration = await staff().post('/api/operations/inspections', {
      siteId: 'CQN-BOX-02',
      performedAt: '2026-11-25T08:30:00+08:00',
      checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
      photos: [await photo()],
    });
    expect([beforeRegistration.status, beforeRegistration.body.code]).toEqual([422, 'PERFORMED_BEFORE_REGISTRATION']);
  });

  it('takes a fault from acknowledged to closed, with four eyes on closing', async () => {
    const opened = await staff().post('/api/operations/faults', {
      siteId: 'CQN-BOX-02',
      severity: 'minor',
      description: 'Light box flickers',
      photos: [await photo()],
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    expect((await staff().post(`/api/operations/faults/${id}/resolve`, { action: 'x', photos: [await photo()] })).body.code).toBe('FAULT_NOT_ACKNOWLEDGED');
    expect((await staff().post(`/api/operations/faults/${id}/acknowledge`, {})).status).toBe(200);
    const resolved = await h
      .as('mei', 'ops-manager', 'ops-staff')
      .post(`/api/operations/faults/${id}/resolve`, { action: 'Replaced the ballast', photos: [await photo()] });
    expect(resolved.status).toBe(200);
    expect(resolved.body.events).toEqual(['FaultResolved']);

    const selfClose = await manager().post(`/api/operations/faults/${id}/close`, {});
    expect(selfClose.status).toBe(403);
    expect(selfClose.body.code).toBe('FOUR_EYES_VIOLATION');
    const selfCloseAsAdmin = await h.as('mei', 'admin', 'ops-manager').post(`/api/operations/faults/${id}/close`, {});
    expect(selfCloseAsAdmin.body.code).toBe('FOUR_EYES_VIOLATION');

    const closed = await h.as('zhao', 'ops-manager').post(`/api/operations/faults/${id}/close`, { note: 'Checked on site' });
    expect(closed.status).toBe(200);
    await h.settle();
    const view = await staff().get(`/api/operations/faults/${id}`);
    expect(view.body).toMatchObject({
      status: 'closed',
      withinSla: true,
      resolvedBy: { userId: 'mei', role: 'ops-staff' },
      closedBy: { userId: 'zhao', role: 'ops-manager' },
    });

    const history = await staff().get(`/api/operations/faults/${id}/history`);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['FaultOpened', 'FaultAcknowledged', 'FaultResolved', 'FaultClosed']);
    expect(history.body.items[2]).toMatchObject({ actor: { userId: 'mei', role: 'ops-staff' } });
    expect(history.body.items[2].evidence[0].sha256).toMatch(/^[a-f0-9]{64}$/);
  });

  it('lets a second person reject a resolution, never the resolver', async () => {
    const opened = await staff().post('/api/operations/faults', { siteId: 'CQN-BOX-02', severity: 'minor', description: 'Dirty glass' });
    const id = opened.body.id;
    await staff().post(`/api/operations/faults/${id}/acknowledge`, {});
    await h.as('mei', 'ops-staff', 'ops-manager').post(`/api/operations/faults/${id}/resolve`, { action: 'Wiped', photos: [await photo()] });
    const self = await h.as('mei', 'ops-manager').post(`/api/operations/faults/${id}/reject-resolution`, { reason: 'streaks' });
    expect(self.body.code).toBe('FOUR_EYES_VIOLATION');
    const rejected = await h.as('zhao', 'ops-manager').post(`/api/operations/faults/${id}/reject-resolution`, { reason: 'Still streaky' });
    expect(rejected.status).toBe(200);
    await h.settle();
    expect((await staff().get(`/api/operations/faults/${id}`)).body).toMatchObject({ status: 'acknowledged', lastRejection: 'Still streaky' });
  });

  it('records an SLA breach once when the scheduler runs past the deadline, however often it runs', async () => {
    const opened = await staff().post('/api/operations/faults', { siteId: 'CDE-TAB-01', severity: 'minor', description: 'Tablet frozen' });
    const id = opened.body.id;
    await h.settle();
    await h.runJobs();
    expect((await staff().get(`/api/operations/faults/${id}`)).body.breached).toBe(false);
    h.clock.advance(8 * 3600_000 + 1000);
    await h.runJobs();
    await h.runJobs();
    const view = await staff().get(`/api/operations/faults/${id}`);
    expect(view.body).toMatchObject({ breached: true, status: 'open' });
    const history = await staff().get(`/api/operations/faults/${id}/history`);
    expect(history.body.items.filter((e: { type: string }) => e.type === 'FaultSlaBreached')).toHaveLength(1);
    expect(history.body.items[1].actor).toEqual({ userId: 'system:scheduler', role: 'system' });
    const breached = await staff().get('/api/operations/faults?breached=true');
    expect(breached.body.items.map((f: { faultId: string }) => f.faultId)).toContain(id);

    // Published once on the public feed, under its versioned contract.
    const bus = h.platform.app.get<MessageBus>(MESSAGE_BUS);
    const seen: IntegrationMessage[] = [];
    const consumer = await bus.consume({ group: 'test-feed', types: ['operations.fault-sla-breached'], handle: async (m) => void seen.push(m) });
    for (let i = 0; i < 100 && !seen.some((m) => m.key === id); i++) await new Promise((r) => setTimeout(r, 20));
    await consumer.stop();
    expect(seen.filter((m) => m.key === id)).toEqual([
      expect.objectContaining({ version: 1, producer: 'operations', data: expect.objectContaining({ faultId: id, severity: 'minor', siteId: 'CDE-TAB-01' }) }),
    ]);
  });

  it('records weekly maintenance, requiring a power cycle for e-media', async () => {
    const missing = await staff().post('/api/operations/maintenance', {
      siteId: 'CQN-LED-01',
      performedAt: '2026-11-25T09:05:00+08:00',
      cleaning: 'done',
      photos: [await photo()],
    });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('POWER_CYCLE_REQUIRED');
    const ok = await staff().post('/api/operations/maintenance', {
      siteId: 'CQN-LED-01',
      performedAt: '2026-11-25T09:05:00+08:00',
      powerCycle: { offAt: '2026-11-24T22:00:00+08:00', onAt: '2026-11-25T09:00:00+08:00' },
      cleaning: 'done',
      photos: [await photo()],
    });
    expect(ok.status).toBe(201);
    await h.settle();
    const visit = await staff().get(`/api/operations/maintenance/${ok.body.id}`);
    expect(visit.body).toMatchObject({ isoWeek: '2026-W48', powerOnAtNine: true, localDate: '2026-11-25' });
  });

  it('reports every missed inspection site-day and maintenance site-week', async () => {
    const report = await manager().get('/api/operations/reports/inspection-compliance?from=2026-11-24&to=2026-11-25');
    expect(report.status).toBe(200);
    // Sites were registered on 2026-11-25 (Shanghai): 24th is not required; on the 25th only CQN-LED-01 was inspected.
    expect(report.body).toMatchObject({ requiredSiteDays: 3, inspectedSiteDays: 1 });
    expect(report.body.missed).toEqual([
      { siteId: 'CDE-TAB-01', date: '2026-11-25' },
      { siteId: 'CQN-BOX-02', date: '2026-11-25' },
    ]);
    const weekly = await manager().get('/api/operations/reports/maintenance-compliance?from=2026-W48&to=2026-W48&city=Chongqing');
    expect(weekly.body).toMatchObject({ requiredSiteWeeks: 2, maintainedSiteWeeks: 1, missed: [{ siteId: 'CQN-BOX-02', week: '2026-W48' }] });
    // The same as files: the missed site-days as CSV, the figures and the misses as a workbook.
    expect(csvRecords(await manager().get('/api/operations/reports/inspection-compliance.csv?from=2026-11-24&to=2026-11-25'))).toEqual([
      { site_id: 'CDE-TAB-01', when: '2026-11-25' },
      { site_id: 'CQN-BOX-02', when: '2026-11-25' },
    ]);
    const book = await workbookSheets(await manager().get('/api/operations/reports/maintenance-compliance.xlsx?from=2026-W48&to=2026-W48&city=Chongqing'));
    expect([...book.values()][0]).toEqual([expect.objectContaining({ 'Required 应完成': 2, 'Done 已完成': 1, 'Compliance 达标率': 0.5 })]);
    expect(book.get('Missed 未完成')).toEqual([{ 'Site 点位': 'CQN-BOX-02', 'Day or week 日期/周': '2026-W48' }]);
    const bad = await manager().get('/api/operations/reports/inspection-compliance?from=2026-12-01&to=2026-11-01');
    expect([bad.status, bad.body.code, bad.body.errors[0].field]).toEqual([422, 'INVALID_RANGE', 'from']);
  });

  it('does not require inspections of a site while it is out of service', async () => {
    h.clock.set('2026-11-27T16:30:00.000Z'); // 28th 00:30 in Shanghai
    const out = await manager().post('/api/operations/sites/CDE-TAB-01/take-out-of-service', { reason: 'faulty', note: 'Screen cracked' });
    expect(out.status).toBe(200);
    h.clock.set('2026-11-29T17:00:00.000Z'); // 30th 01:00
    await manager().post('/api/operations/sites/CDE-TAB-01/return-to-service', { note: 'Replaced' });
    await h.settle();
    const report = await manager().get('/api/operations/reports/inspection-compliance?from=2026-11-28&to=2026-11-30&city=Chengdu');
    expect(report.body.missed).toEqual([
      { siteId: 'CDE-TAB-01', date: '2026-11-28' },
      { siteId: 'CDE-TAB-01', date: '2026-11-30' },
    ]);
  });

  it('shows a site as it was recorded at a past instant, and its full history', async () => {
    const before = await staff().get('/api/operations/sites/CDE-TAB-01?asOf=2026-11-28T12:00:00%2B08:00');
    expect(before.body).toMatchObject({ status: 'faulty', revision: 1 });
    const earlier = await staff().get('/api/operations/sites/CDE-TAB-01?asOf=2026-11-26T00:00:00Z');
    expect(earlier.body).toMatchObject({ status: 'in-service', revision: 0 });
    const never = await staff().get('/api/operations/sites/CDE-TAB-01?asOf=2020-01-01T00:00:00Z');
    expect(never.status).toBe(404);
    const history = await staff().get('/api/operations/sites/CDE-TAB-01/history');
    expect(history.body.items.map((e: { type: string; actor: { role: string } }) => [e.type, e.actor.role])).toEqual([
      ['SiteRegistered', 'ops-manager'],
      ['SiteTakenOutOfService', 'ops-manager'],
      ['SiteReturnedToService', 'ops-manager'],
    ]);
  });

  it('retires a site, after which no work can be recorded against it', async () => {
    expect((await manager().post('/api/operations/sites/CQN-BOX-02/retire', {})).status).toBe(400);
    expect((await manager().post('/api/operations/sites/CQN-BOX-02/retire', { reason: 'Station renovation' })).status).toBe(200);
    const res = await otherStaff().post('/api/operations/inspections', {
      siteId: 'CQN-BOX-02',
      performedAt: '2026-11-30T08:30:00+08:00',
      checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
      photos: [await photo()],
    });
    expect(res.body.code).toBe('SITE_RETIRED');
  });
});
