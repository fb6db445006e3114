import type { LeaseStore } from '@ooh/eventing';

export interface LeaseStoreFactory {
  create(): Promise<LeaseStore>;
}

/** What every lease store promises: one holder at a time, renewal, expiry, take-over of a dead holder, release. */
export function leaseStoreConformance(name: string, factory: LeaseStoreFactory): void {
  describe(`LeaseStore contract: ${name}`, () => {
    let store: LeaseStore;
    let n = 0;
    let lease: string;
    beforeEach(async () => {
      store = await factory.create();
      lease = `projection:test-${Date.now()}-${n++}`;
    });
    const T = 1_800_000_000_000;

    it('gives a free lease to the first asker and refuses a second while it lives', async () => {
      expect(await store.acquire(lease, 'a', 1000, T)).toMatchObject({ held: true, lease: { name: lease, owner: 'a', expiresAt: T + 1000, term: 1 } });
      expect(await store.acquire(lease, 'b', 1000, T + 999)).toMatchObject({ held: false, lease: { owner: 'a', expiresAt: T + 1000 } });
    });

    it('renews for its holder, which keeps it past the first expiry, and the term stays', async () => {
      await store.acquire(lease, 'a', 1000, T);
      expect(await store.acquire(lease, 'a', 1000, T + 900)).toMatchObject({ held: true, lease: { expiresAt: T + 1900, term: 1 } });
      expect((await store.acquire(lease, 'b', 1000, T + 1500)).held).toBe(false);
    });

    it('passes an expired lease to the next asker with the next term; the old holder then has lost it', async () => {
      await store.acquire(lease, 'a', 1000, T);
      expect(await store.acquire(lease, 'b', 1000, T + 1000)).toMatchObject({ held: true, lease: { owner: 'b', term: 2 } });
      expect(await store.acquire(lease, 'a', 1000, T + 1001)).toMatchObject({ held: false, lease: { owner: 'b' } });
    });

    it('lets one of several askers win a contested lease, free or expired, every time', async () => {
      for (let round = 0; round < 10; round++) {
        const name = `${lease}-${round}`;
        if (round % 2) await store.acquire(name, 'a', 1000, T);
        const answers = await Promise.all(['b', 'c', 'd', 'e'].map((o) => store.acquire(name, o, 1000, T + 5000)));
        expect(answers.filter((a) => a.held)).toHaveLength(1);
        const owner = answers.find((a) => a.held)!.lease.owner;
        expect((await store.acquire(name, 'f', 1000, T + 5001)).lease.owner).toBe(owner);
      }
    });

    it('takes over from a named dead holder only while that holder still has it', async () => {
      await store.acquire(lease, 'a', 60_000, T);
      expect(await store.takeOver(lease, 'b', 'x', 1000, T + 1)).toBe(false);
      expect(await store.takeOver(lease, 'b', 'a', 1000, T + 1)).toBe(true);
      expect(await store.acquire(lease, 'c', 1000, T + 2)).toMatchObject({ held: false, lease: { owner: 'b', term: 2 } });
      expect(await store.takeOver(lease, 'c', 'a', 1000, T + 3)).toBe(false);
    });

    it('frees a released lease at once, and ignores a release by someone else', async () => {
      await store.acquire(lease, 'a', 60_000, T);
      await store.release(lease, 'b');
      expect((await store.acquire(lease, 'b', 1000, T + 1)).held).toBe(false);
      await store.release(lease, 'a');
      expect(await store.acquire(lease, 'b', 1000, T + 2)).toMatchObject({ held: true, lease: { owner: 'b', term: 2 } });
    });

    it('lists the leases it keeps', async () => {
      await store.acquire(lease, 'a', 1000, T);
      expect(await store.list()).toEqual(expect.arrayContaining([{ name: lease, owner: 'a', expiresAt: T + 1000, term: 1 }]));
    });
  });
}
