import { PlatformHarness } from '../testing/platform-harness';

/** Fault case 17: the scheduler run twice, concurrently, and the clock jumping back and forth. */
describe('time-driven commands under a repeated scheduler and a jumping clock', () => {
  const h = new PlatformHarness();
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');

  beforeAll(async () => {
    await h.start();
    const site = await manager().post('/api/operations/sites', {
      siteId: 'TIME-BOX-01',
      city: 'Chongqing',
      station: 'North',
      location: 'Hall',
      kind: 'light-box',
      faces: ['A'],
      landlordAuthority: 'CRM',
    });
    expect(site.status).toBe(201);
  });
  afterAll(() => h.stop());

  it('breaches a fault\u2019s SLA once, however often and whenever the jobs run', async () => {
    const opened = await staff().post('/api/operations/faults', { siteId: 'TIME-BOX-01', severity: 'minor', description: 'Flickers' });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    const breaches = async () =>
      ((await manager().get(`/api/operations/faults/${id}/history`)).body.items as Array<{ type: string }>).filter((e) => e.type === 'FaultSlaBreached').length;

    await h.runJobs();
    expect(await breaches()).toBe(0);

    h.clock.advance(3 * 24 * 3600_000); // the clock jumps three days ahead
    await Promise.all([h.platform.subscriptions.runJobs(), h.platform.subscriptions.runJobs(), h.platform.subscriptions.runJobs()]);
    await h.runJobs();
    await h.settle();
    expect(await breaches()).toBe(1);

    h.clock.advance(-2 * 24 * 3600_000); // and back, and forward again
    await h.runJobs();
    h.clock.advance(5 * 24 * 3600_000);
    await h.runJobs();
    await h.runJobs();
    expect(await breaches()).toBe(1);
  });
});
