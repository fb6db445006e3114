import { CONTRACTS } from '@ooh/contracts';
import { PlatformHarness } from './testing/platform-harness';

interface Item {
  position: number;
  message: { messageId: string; type: string; version: number; data: unknown };
}

/** Integrators read the public event feed by HTTP from a position, page by page, and resume where they stopped. */
describe('the event feed by HTTP', () => {
  const h = new PlatformHarness();
  const integrator = () => h.as('partner-erp', 'integrator');
  const am = () => h.as('wang', 'account-manager');
  const read = async (query: string) => {
    const res = await integrator().get(`/api/feed?${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: Item[]; next: number; head: number };
  };
  const settle = async () => {
    for (let i = 0; i < 3; i++) await h.settle();
  };

  beforeAll(async () => {
    await h.start({ rateLimitPerMinute: 0 });
    h.clock.set(new Date('2026-12-01T02:00:00Z'));
    for (const name of ['Chongqing Beer Co.', 'Mountain Tea', 'Jade Water'])
      await am().post('/api/planning/clients', { name, industry: 'beverages', contacts: [] });
    await settle();
  });
  afterAll(() => h.stop());

  it('gives every published message once, in feed order, each as its contract says', async () => {
    const all = await read('limit=500');
    const registered = all.items.filter((i) => i.message.type === 'planning.client-registered');
    expect(registered.map((i) => (i.message.data as { name: string }).name)).toEqual(['Chongqing Beer Co.', 'Mountain Tea', 'Jade Water']);
    expect(all.items.map((i) => i.position)).toEqual(all.items.map((_, n) => n + 1));
    expect(all).toMatchObject({ head: all.items.length, next: all.items.length });
    for (const { message } of all.items) {
      const contract = CONTRACTS.find((c) => c.type === message.type && c.version === message.version) as unknown as { assertValid(d: unknown): void };
      expect(() => contract.assertValid(message.data)).not.toThrow();
    }
  });

  it('pages from a position and resumes where the reader stopped; a type filter skips to the head', async () => {
    const first = await read('limit=1');
    expect(first.items.map((i) => i.position)).toEqual([1]);
    const second = await read(`after=${first.next}&limit=1`);
    expect(second.items.map((i) => i.position)).toEqual([2]);
    const only = await read('types=planning.client-registered&limit=2');
    expect(only.items.every((i) => i.message.type === 'planning.client-registered')).toBe(true);
    const rest = await read(`types=planning.client-registered&after=${only.next}`);
    expect(rest.items).toHaveLength(1);
    expect(rest.next).toBe(rest.head);
    expect((await read(`after=${rest.head}`)).items).toEqual([]);
    // What arrives later is read from where the reader stopped.
    await am().post('/api/planning/clients', { name: 'River Dairy', industry: 'dairy', contacts: [] });
    await settle();
    const later = await read(`after=${rest.head}`);
    expect(later.items.map((i) => (i.message.data as { name?: string }).name)).toContain('River Dairy');
  });

  it('adds nothing when the bus delivers every message again', async () => {
    const before = (await read('limit=500')).head;
    await h.restartRedeliveringEverything({ rateLimitPerMinute: 0 });
    await settle();
    expect((await read('limit=500')).head).toBe(before);
  });

  it('is for integrators and administrators only, and refuses bad positions naming the field', async () => {
    expect((await am().get('/api/feed')).status).toBe(403);
    expect((await h.as('root', 'admin').get('/api/feed?limit=1')).status).toBe(200);
    const fields = async (query: string) => ((await integrator().get(`/api/feed?${query}`)).body.errors ?? []).map((e: { field: string }) => e.field);
    expect(await fields('after=-1')).toEqual(['after']);
    expect(await fields('after=1.5')).toEqual(['after']);
    expect(await fields('limit=501')).toEqual(['limit']);
    expect(await fields('types=DROP%20TABLE')).toEqual(['types']);
    expect((await integrator().post('/api/evidence', {})).status).toBe(403);
    // The integrator reads the feed and nothing else.
    expect((await integrator().get('/api/planning/clients')).status).toBe(403);
  });
});
