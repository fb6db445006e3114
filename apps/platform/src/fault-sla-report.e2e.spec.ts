import { fakePhoto, PlatformHarness } from './testing/platform-harness';
import { csvRecords, workbookSheets } from './testing/exports';

/** The fault SLA report: verdicts per severity for the faults opened on given local days, breaches worst first. */
describe('fault SLA report over HTTP', () => {
  const h = new PlatformHarness();
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');
  const report = (query: string) => manager().get(`/api/operations/reports/fault-sla?${query}`);
  const ids: Record<string, string> = {};

  const site = (siteId: string, city: string) =>
    manager().post('/api/operations/sites', {
      siteId,
      city,
      station: `${city} East`,
      location: 'Hall B',
      kind: 'led-screen',
      faces: ['A'],
      landlordAuthority: 'CRM',
    });
  const open = async (name: string, siteId: string, severity: 'minor' | 'major', at: string) => {
    h.clock.set(at);
    ids[name] = (await staff().post('/api/operations/faults', { siteId, severity, description: `${name} dark` })).body.id;
  };
  const resolve = async (name: string, at: string) => {
    h.clock.set(at);
    await staff().post(`/api/operations/faults/${ids[name]}/acknowledge`, {});
    const photo = (await staff().upload(fakePhoto())).body.blobId as string;
    expect((await staff().post(`/api/operations/faults/${ids[name]}/resolve`, { action: 'Replaced the module', photos: [{ blobId: photo }] })).status).toBe(
      200,
    );
  };

  beforeAll(async () => {
    await h.start();
    h.clock.set('2026-11-10T00:30:00.000Z');
    await site('SLA-LED-01', 'Chengdu');
    await site('SLA-LED-02', 'Wuhan');
    await open('F1', 'SLA-LED-01', 'minor', '2026-11-10T01:00:00.000Z'); // deadline 09:00Z
    await open('F2', 'SLA-LED-02', 'minor', '2026-11-10T01:00:00.000Z');
    await resolve('F1', '2026-11-10T03:00:00.000Z'); // 120 min, in time
    await resolve('F2', '2026-11-10T12:00:00.000Z'); // 660 min, 180 late
    await open('F3', 'SLA-LED-01', 'major', '2026-11-10T12:00:00.000Z'); // 20:00 local on the 10th, deadline two days on
    await open('F4', 'SLA-LED-02', 'minor', '2026-11-11T00:00:00.000Z'); // 08:00 local on the 11th, deadline 08:00Z
    h.clock.set('2026-11-11T10:00:00.000Z'); // F4 is 120 min overdue and still running
    await h.settle();
  });
  afterAll(() => h.stop());

  it('counts verdicts per severity and lists breaches worst first, running ones judged now', async () => {
    const res = await report('from=2026-11-10&to=2026-11-11');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-11-10', to: '2026-11-11', timeZone: 'Asia/Shanghai', asOf: '2026-11-11T10:00:00.000Z' });
    expect(res.body.total).toEqual({
      opened: 4,
      resolved: 2,
      resolvedWithinSla: 1,
      resolvedLate: 1,
      openWithinSla: 1,
      openOverdue: 1,
      compliance: 0.3333,
      medianResolutionMinutes: 390,
      maxResolutionMinutes: 660,
    });
    expect(res.body.rows.map((r: { severity: string; opened: number }) => [r.severity, r.opened])).toEqual([
      ['major', 1],
      ['minor', 3],
    ]);
    expect(
      res.body.breaches.map((b: { faultId: string; overdueMinutes: number; resolvedAt: string | null }) => [b.faultId, b.overdueMinutes, b.resolvedAt]),
    ).toEqual([
      [ids.F2, 180, '2026-11-10T12:00:00.000Z'],
      [ids.F4, 120, null],
    ]);
    // Per site and month, and the same as CSV and Excel.
    expect(res.body.byMonth.map((m: { month: string; opened: number }) => [m.month, m.opened])).toEqual([['2026-11', 4]]);
    expect(res.body.bySite.reduce((n: number, s: { opened: number }) => n + s.opened, 0)).toBe(4);
    const csv = csvRecords(await manager().get('/api/operations/reports/fault-sla.csv?from=2026-11-10&to=2026-11-11'));
    expect(csv.map((r) => [r.scope, r.id, Number(r.opened), Number(r.open_overdue)])).toEqual([
      ['total', 'all', 4, 1],
      ...res.body.rows.map((r: { severity: string; opened: number; openOverdue: number }) => ['severity', r.severity, r.opened, r.openOverdue]),
      ...res.body.bySite.map((r: { siteId: string; opened: number; openOverdue: number }) => ['site', r.siteId, r.opened, r.openOverdue]),
      ['month', '2026-11', 4, 1],
    ]);
    const sheets = await workbookSheets(await manager().get('/api/operations/reports/fault-sla.xlsx?from=2026-11-10&to=2026-11-11'));
    expect([...sheets.keys()]).toEqual(['Fault SLA 故障时效', 'Breaches 超时明细']);
    expect(sheets.get('Breaches 超时明细')!.map((b) => [b['Fault 故障'], b['Overdue (min) 超时分钟']])).toEqual([
      [ids.F2, 180],
      [ids.F4, 120],
    ]);
  });

  it('selects faults by the local day they were opened on, and by the sites in scope', async () => {
    const eleventh = await report('from=2026-11-11&to=2026-11-11');
    expect(eleventh.body.total.opened).toBe(1);
    expect(eleventh.body.breaches.map((b: { faultId: string }) => b.faultId)).toEqual([ids.F4]);
    const chengdu = await report('from=2026-11-10&to=2026-11-11&city=Chengdu');
    expect(chengdu.body.total).toMatchObject({ opened: 2, resolvedWithinSla: 1, openWithinSla: 1, compliance: 1 });
    expect(chengdu.body.breaches).toEqual([]);
    expect((await report('from=2026-11-10&to=2026-11-11&city=Nowhere')).body.total.opened).toBe(0);
  });

  it('refuses a reversed, too long or unreal range, naming the field', async () => {
    // Not a date or missing: 400; well-formed but reversed or too long: 422.
    for (const [query, status, field] of [
      ['from=2026-11-12&to=2026-11-10', 422, 'from'],
      ['from=2025-01-01&to=2026-11-10', 422, 'to'],
      ['from=2026-02-30&to=2026-03-01', 400, 'from'],
      ['to=2026-03-01', 400, 'from'],
    ] as const) {
      const res = await report(query);
      expect([query, res.status, res.headers['content-type']]).toEqual([query, status, expect.stringContaining('application/problem+json')]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await h.as('fang', 'finance').get('/api/operations/reports/fault-sla?from=2026-11-10&to=2026-11-11')).status).toBe(403);
  });
});
