import type { ReadModelStore } from '@ooh/eventing';

export interface ReadModelStoreFactory {
  create(): Promise<ReadModelStore>;
}

/** The contract every ReadModelStore adapter passes. */
export function readModelStoreConformance(name: string, factory: ReadModelStoreFactory): void {
  describe(`ReadModelStore contract: ${name}`, () => {
    let store: ReadModelStore;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    const put = (id: string, doc: Record<string, unknown>, position: number) => ({ op: 'put' as const, collection: 'sites', id, doc, position });

    it('stores documents with their position and moves the checkpoint in the same commit', async () => {
      await store.commit([put('a', { city: 'Chongqing' }, 3)], { name: 'p', position: 3 });
      expect(await store.get('sites', 'a')).toEqual({ id: 'a', doc: { city: 'Chongqing' }, position: 3 });
      expect(await store.getCheckpoint('p')).toBe(3);
      expect(await store.getCheckpoint('unknown')).toBe(0);
    });

    it('ignores a write whose position is not newer than the stored one (redelivery is harmless)', async () => {
      await store.commit([put('a', { v: 2 }, 5)]);
      await store.commit([put('a', { v: 1 }, 4)]);
      await store.commit([put('a', { v: 'again' }, 5)]);
      expect((await store.get('sites', 'a'))?.doc).toEqual({ v: 2 });
      await store.commit([put('a', { v: 3 }, 6)]);
      expect((await store.get('sites', 'a'))?.doc).toEqual({ v: 3 });
    });

    it('does not revive a deleted document when an older write is replayed', async () => {
      await store.commit([put('a', { v: 1 }, 5)]);
      await store.commit([{ op: 'delete', collection: 'sites', id: 'a', position: 6 }]);
      await store.commit([put('a', { v: 1 }, 5)]);
      expect(await store.get('sites', 'a')).toBeUndefined();
      expect(await store.count('sites')).toBe(0);
      expect((await store.find('sites')).items).toEqual([]);
      expect(await store.getMany('sites', ['a'])).toEqual([]);
      await store.commit([put('a', { v: 2 }, 7)]);
      expect((await store.get('sites', 'a'))?.doc).toEqual({ v: 2 });
    });

    it('commits a large batch (a rebuild) and replays it harmlessly', async () => {
      const batch = Array.from({ length: 300 }, (_, i) => put(`d${String(i).padStart(3, '0')}`, { n: i }, i + 1));
      await store.commit(batch, { name: 'big', position: 300 });
      await store.commit(
        batch.map((op) => ({ ...op, doc: { n: -1 } })),
        { name: 'big', position: 300 },
      );
      expect(await store.count('sites')).toBe(300);
      expect((await store.get('sites', 'd299'))?.doc).toEqual({ n: 299 });
      expect(await store.getCheckpoint('big')).toBe(300);
    });

    it('applies the fresh writes of a batch that also carries stale ones, whatever their order', async () => {
      await store.commit([put('a', { v: 'a5' }, 5), put('c', { v: 'c5' }, 5)]);
      await store.commit([put('a', { v: 'a3' }, 3), put('b', { v: 'b6' }, 6), put('c', { v: 'c4' }, 4), put('d', { v: 'd7' }, 7), put('a', { v: 'a8' }, 8)]);
      const docs = await store.getMany<{ v: string }>('sites', ['a', 'b', 'c', 'd']);
      expect(docs.map((d) => [d.id, d.doc.v, d.position])).toEqual([
        ['a', 'a8', 8],
        ['b', 'b6', 6],
        ['c', 'c5', 5],
        ['d', 'd7', 7],
      ]);
    });

    it('lands exactly one of concurrent writes of one document at one position, and every reader then sees that one (a claim)', async () => {
      for (let round = 1; round <= 5; round++) {
        const writers = Array.from({ length: 8 }, (_, w) => store.commit([put('claim', { by: `w${w}`, round }, round)]));
        await Promise.all(writers);
        const stored = await store.get<{ by: string; round: number }>('sites', 'claim');
        expect(stored?.doc.round).toBe(round);
        expect(stored?.position).toBe(round);
        await store.commit([put('claim', { by: 'late', round }, round)]);
        expect((await store.get<{ by: string }>('sites', 'claim'))?.doc.by).toBe(stored?.doc.by);
      }
    });

    it('never moves a checkpoint backwards', async () => {
      await store.commit([], { name: 'p', position: 10 });
      await store.commit([], { name: 'p', position: 7 });
      expect(await store.getCheckpoint('p')).toBe(10);
    });

    it('starts a new checkpoint from writers that move it at once, failing none of them', async () => {
      await Promise.all(Array.from({ length: 8 }, (_, i) => store.commit([], { name: 'fresh', position: i + 1 })));
      // Where moving it is not atomic against a concurrent writer (FerretDB v1), not necessarily the furthest: one writer per checkpoint.
      expect(await store.getCheckpoint('fresh')).toBeGreaterThanOrEqual(1);
      await store.commit([], { name: 'fresh', position: 9 });
      expect(await store.getCheckpoint('fresh')).toBe(9);
    });

    it('deletes documents and keeps collections apart', async () => {
      await store.commit([put('a', { x: 1 }, 1), { op: 'put', collection: 'faults', id: 'a', doc: { y: 1 }, position: 1 }]);
      await store.commit([{ op: 'delete', collection: 'sites', id: 'a' }]);
      expect(await store.get('sites', 'a')).toBeUndefined();
      expect((await store.get('faults', 'a'))?.doc).toEqual({ y: 1 });
    });

    describe('a shadow generation (a rebuild beside the live read models)', () => {
      const shadowPut = (collection: string, id: string, doc: Record<string, unknown>, position: number) => ({
        op: 'put' as const,
        collection,
        id,
        doc,
        position,
      });

      it('is invisible to readers until promoted, then replaces the collections and the checkpoint together', async () => {
        if (!store.shadow) return;
        await store.commit([put('a', { v: 'old' }, 5), put('gone', { v: 'old' }, 4), shadowPut('faults', 'f', { open: true }, 2)], {
          name: 'sites-p',
          position: 5,
        });
        const shadow = await store.shadow(['sites']);
        await shadow.store.ensureIndexes([{ collection: 'sites', fields: ['v'] }]);
        await shadow.store.commit([put('a', { v: 'new' }, 3), put('b', { v: 'new' }, 6)], { name: 'sites-p', position: 6 });
        // Readers still see the live generation and its checkpoint.
        expect((await store.get('sites', 'a'))?.doc).toEqual({ v: 'old' });
        expect(await store.get('sites', 'b')).toBeUndefined();
        expect(await store.getCheckpoint('sites-p')).toBe(5);
        // The shadow sees its own documents, reads other collections through, and counts its own checkpoint.
        expect((await shadow.store.get('sites', 'a'))?.doc).toEqual({ v: 'new' });
        expect((await shadow.store.find('sites', { filter: { v: 'new' } })).items).toHaveLength(2);
        expect((await shadow.store.get('faults', 'f'))?.doc).toEqual({ open: true });
        expect(await shadow.store.getCheckpoint('sites-p')).toBe(6);

        await shadow.promote('sites-p');
        expect((await store.get('sites', 'a'))?.doc).toEqual({ v: 'new' });
        expect(await store.get('sites', 'gone')).toBeUndefined();
        expect(await store.count('sites')).toBe(2);
        expect(await store.getCheckpoint('sites-p')).toBe(6);
        expect((await store.get('faults', 'f'))?.doc).toEqual({ open: true });
        // The live store now writes to and reads from the promoted generation, with its guards.
        await store.commit([put('c', { v: 'live' }, 7), put('a', { v: 'stale' }, 3)], { name: 'sites-p', position: 7 });
        expect((await store.find<{ v: string }>('sites', { filter: { v: 'live' } })).items).toEqual([{ v: 'live' }]);
        expect((await store.get('sites', 'a'))?.doc).toEqual({ v: 'new' });
      });

      it('leaves the live generation as it was when discarded, and a later shadow starts empty', async () => {
        if (!store.shadow) return;
        await store.commit([put('a', { v: 'live' }, 5)], { name: 'sites-p', position: 5 });
        const abandoned = await store.shadow(['sites']);
        await abandoned.store.commit([put('x', { v: 'half' }, 2)], { name: 'sites-p', position: 2 });
        await abandoned.discard();
        expect(await store.count('sites')).toBe(1);
        expect(await store.getCheckpoint('sites-p')).toBe(5);
        const next = await store.shadow(['sites']);
        expect(await next.store.count('sites')).toBe(0);
        expect(await next.store.getCheckpoint('sites-p')).toBe(0);
        await next.store.commit([put('a', { v: 'rebuilt' }, 5)], { name: 'sites-p', position: 5 });
        await next.promote('sites-p');
        expect((await store.find<{ v: string }>('sites')).items).toEqual([{ v: 'rebuilt' }]);
      });
    });

    describe('finding', () => {
      beforeEach(async () => {
        await store.ensureIndexes([
          { collection: 'sites', fields: ['city'] },
          { collection: 'sites', fields: ['status', 'code'] },
        ]);
        const docs = [
          { code: 'CQ-01', city: 'Chongqing', status: 'in-service', faces: 2, active: true, meta: { branch: 'cq' } },
          { code: 'CQ-02', city: 'Chongqing', status: 'faulty', faces: 1, active: true, meta: { branch: 'cq' } },
          { code: 'CD-01', city: 'Chengdu', status: 'in-service', faces: 4, active: false, meta: { branch: 'cd' } },
          { code: 'CD-02', city: 'Chengdu', status: 'retired', faces: 3, active: false, meta: { branch: 'cd' } },
          { code: 'CD-03', city: 'Chengdu', status: 'in-service', faces: 5, active: true, meta: { branch: 'cd' } },
        ];
        await store.commit(docs.map((d, i) => put(d.code, d, i + 1)));
      });

      it('filters by equality, $in, ranges, $ne, booleans and dotted fields', async () => {
        const codes = async (filter: Record<string, unknown>) =>
          (await store.find<{ code: string }>('sites', { filter: filter as never, limit: 100 })).items.map((d) => d.code).sort();
        expect(await codes({ city: 'Chongqing' })).toEqual(['CQ-01', 'CQ-02']);
        expect(await codes({ status: { $in: ['faulty', 'retired'] } })).toEqual(['CD-02', 'CQ-02']);
        expect(await codes({ faces: { $gte: 3, $lt: 5 } })).toEqual(['CD-01', 'CD-02']);
        expect(await codes({ status: { $ne: 'in-service' } })).toEqual(['CD-02', 'CQ-02']);
        expect(await codes({ active: true, city: 'Chengdu' })).toEqual(['CD-03']);
        expect(await codes({ 'meta.branch': 'cq' })).toEqual(['CQ-01', 'CQ-02']);
        expect(await store.count('sites', { city: 'Chengdu' })).toBe(3);
      });

      it('sorts and pages with a cursor, visiting every document once', async () => {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.find<{ code: string }>('sites', { sort: { field: 'faces', direction: 'desc' }, limit: 2, cursor });
          seen.push(...page.items.map((d) => d.code));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(['CD-03', 'CD-01', 'CD-02', 'CQ-01', 'CQ-02']);
      });

      it('pages by id when no sort is given', async () => {
        const first = await store.find<{ code: string }>('sites', { limit: 3 });
        const second = await store.find<{ code: string }>('sites', { limit: 3, cursor: first.nextCursor });
        expect([...first.items, ...second.items].map((d) => d.code)).toEqual(['CD-01', 'CD-02', 'CD-03', 'CQ-01', 'CQ-02']);
        expect(second.nextCursor).toBeUndefined();
      });

      it('rejects a forged cursor and an unsafe field name', async () => {
        await expect(store.find('sites', { cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
        await expect(store.find('sites', { filter: { "x') OR 1=1 --": 1 } })).rejects.toMatchObject({ code: 'INVALID_FIELD' });
      });

      it('keeps instants, calendar days and look-alike text exactly as written, and compares them as text does', async () => {
        const events = [
          { id: 'e1', at: '2026-11-30T23:59:59.999Z', day: '2026-11-30', tags: ['2026-12-01T00:00:00.000Z'], nested: { due: '2026-12-01T00:00:00.000Z' } },
          { id: 'e2', at: '2026-12-01T00:00:00.000Z', day: '2026-12-01', tags: [], nested: { due: null } },
          { id: 'e3', at: '2026-12-01T08:30:00.000Z', day: '2026-12-01', tags: [], nested: { due: '2026-12-31' } },
          { id: 'e4', at: '2026-12-02T00:00:00.000Z', day: '2026-12-02', tags: [], nested: { due: '2026-12-31T23:59:59.999+08:00' } },
        ];
        await store.commit(events.map((e, i) => ({ op: 'put' as const, collection: 'events', id: e.id, doc: e, position: i + 1 })));
        expect(await store.get('events', 'e1')).toEqual({ id: 'e1', doc: events[0], position: 1 });
        expect((await store.getMany('events', ['e4', 'e3'])).map((d) => d.doc)).toEqual([events[3], events[2]]);
        const ids = async (filter: Record<string, unknown>) =>
          (await store.find<{ id: string }>('events', { filter: filter as never, sort: { field: 'at', direction: 'asc' } })).items.map((e) => e.id);
        // Bounds as instants and as bare days, ordered as their text is.
        expect(await ids({ at: { $gte: '2026-12-01T00:00:00.000Z', $lt: '2026-12-02T00:00:00.000Z' } })).toEqual(['e2', 'e3']);
        expect(await ids({ at: { $gte: '2026-12-01', $lte: '2026-12-02' } })).toEqual(['e2', 'e3']);
        expect(await ids({ at: { $gt: '2026-12-01' } })).toEqual(['e2', 'e3', 'e4']);
        expect(await ids({ at: { $lt: '2026-12-01' } })).toEqual(['e1']);
        expect(await ids({ day: { $gte: '2026-12-01', $lte: '2026-12-01' } })).toEqual(['e2', 'e3']);
        expect(await ids({ at: '2026-12-01T08:30:00.000Z' })).toEqual(['e3']);
        expect(await ids({ at: { $in: ['2026-12-02T00:00:00.000Z', '2026-11-30T23:59:59.999Z'] } })).toEqual(['e1', 'e4']);
        expect(await ids({ at: { $ne: '2026-12-01T00:00:00.000Z' } })).toEqual(['e1', 'e3', 'e4']);
        expect(await ids({ 'nested.due': { $gte: '2026-12-31' } })).toEqual(['e3', 'e4']);
        // Paged in instant order, descending, with a cursor.
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.find<{ id: string }>('events', { sort: { field: 'at', direction: 'desc' }, limit: 1, cursor });
          seen.push(...page.items.map((e) => e.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(['e4', 'e3', 'e2', 'e1']);
      });

      it('resets collections and checkpoints for a rebuild', async () => {
        await store.commit([], { name: 'sites-projection', position: 5 });
        await store.reset(['sites'], ['sites-projection']);
        expect(await store.count('sites')).toBe(0);
        expect(await store.getCheckpoint('sites-projection')).toBe(0);
      });
    });
  });
}
