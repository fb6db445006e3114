import { SqliteLeaseStore } from '@ooh/adapter-sqlite';
import { LeaseKeeper, type LeaseStore } from '@ooh/eventing';

/** Two replicas' keepers over one lease store, on a clock the test moves. */
describe('LeaseKeeper', () => {
  let now: number;
  let store: LeaseStore;
  let log: string[];
  const keepers: LeaseKeeper[] = [];
  beforeEach(() => {
    now = 1_800_000_000_000;
    store = new SqliteLeaseStore({ path: ':memory:' });
    log = [];
  });
  afterEach(async () => {
    for (const k of keepers.splice(0)) await k.stop();
  });

  const replica = (owner: string, options: { isDead?: (o: string) => boolean; leases?: string[] } = {}) => {
    const keeper = new LeaseKeeper({ store, owner, ttlMs: 3000, renewEveryMs: 60_000, now: () => now, isDead: options.isDead });
    for (const lease of options.leases ?? ['projection:sites', 'relay:operations']) {
      keeper.add({ lease, start: async () => void log.push(`${owner} starts ${lease}`), stop: async () => void log.push(`${owner} stops ${lease}`) });
    }
    keepers.push(keeper);
    return keeper;
  };

  it('has one replica do each piece of work; the other stands by', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.start();
    await b.start();
    expect([a.held(), b.held()]).toEqual([['projection:sites', 'relay:operations'], []]);
    expect(log).toEqual(['a starts projection:sites', 'a starts relay:operations']);
  });

  it('fails over when the holder stops renewing (killed or paused), and the paused one stops when it wakes', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.start();
    await b.start();
    now += 2000;
    await b.runRound();
    expect(b.held()).toEqual([]);
    now += 1000; // a has not renewed for a whole time to live
    await b.runRound();
    expect(b.held()).toEqual(['projection:sites', 'relay:operations']);
    await a.runRound(); // a wakes up
    expect(a.held()).toEqual([]);
    expect(log.slice(2)).toEqual(['b starts projection:sites', 'b starts relay:operations', 'a stops projection:sites', 'a stops relay:operations']);
  });

  it('keeps its work while it renews in time', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.start();
    for (let i = 0; i < 5; i++) {
      now += 2000;
      await a.runRound();
      await b.runRound();
    }
    expect([a.held().length, b.held().length]).toEqual([2, 0]);
  });

  it('takes over at once from a holder known to be dead', async () => {
    const a = replica('a');
    await a.start();
    const b = replica('b', { isDead: (owner) => owner === 'a' });
    await b.start();
    expect(b.held()).toEqual(['projection:sites', 'relay:operations']);
  });

  it('hands its leases over on a clean stop', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.start();
    await b.start();
    await a.stop();
    await b.runRound();
    expect(b.held()).toEqual(['projection:sites', 'relay:operations']);
  });

  it('stops its work when it cannot renew before its lease could pass to another replica', async () => {
    const failing: LeaseStore = { ...store, acquire: () => Promise.reject(new Error('store unreachable')) } as LeaseStore;
    const a = replica('a');
    await a.start();
    Object.assign(store, { acquire: failing.acquire });
    now += 1000;
    await a.runRound();
    expect(a.held()).toHaveLength(2);
    now += 1000; // within one renewal period of expiry
    await a.runRound();
    expect(a.held()).toEqual([]);
  });

  it('retries work that failed to start at the next round', async () => {
    let attempts = 0;
    const keeper = new LeaseKeeper({ store, owner: 'a', ttlMs: 3000, renewEveryMs: 60_000, now: () => now });
    keeper.add({
      lease: 'job:digest',
      start: async () => {
        if (++attempts === 1) throw new Error('not yet');
      },
      stop: async () => undefined,
    });
    keepers.push(keeper);
    await keeper.start();
    expect(keeper.held()).toEqual([]);
    await keeper.runRound();
    expect([keeper.held(), attempts]).toEqual([['job:digest'], 2]);
  });
});
