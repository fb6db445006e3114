import { newId } from '@ooh/eventing';
import { blobStoreConformance, leaseStoreConformance, readModelStoreConformance } from '@ooh/eventing-testing';
import type { Connection } from 'mongoose';
import { connectMongo } from './connect';
import { GridFsBlobStore } from './gridfs-blob-store';
import { MongoLeaseStore } from './mongo-lease-store';
import { MongoReadModelStore } from './mongo-read-model-store';
import { MongoCheckpointStore, MongoDeadLetterStore, MongoIdempotencyStore, MongoProcessedMessages } from './mongo-stores';

const url = process.env.MONGO_URL;

if (!url) {
  process.stderr.write('SKIPPED: MongoDB adapter conformance — set MONGO_URL (npm run test:infra starts FerretDB and sets it)\n');
  describe.skip('MongoDB adapters (MONGO_URL not set)', () => it('needs MONGO_URL', () => undefined));
} else {
  const connections: Connection[] = [];
  const fresh = async () => {
    const connection = await connectMongo({ url, dbName: `t_${newId().replace(/-/g, '').slice(-20)}` });
    connections.push(connection);
    return connection;
  };
  afterAll(async () => {
    for (const c of connections) {
      await c.dropDatabase().catch(() => undefined);
      await c.close();
    }
  });

  readModelStoreConformance('MongoDB', { create: async () => new MongoReadModelStore(await fresh()) });

  leaseStoreConformance('MongoDB', { create: async () => new MongoLeaseStore(await fresh()) });

  blobStoreConformance('GridFS', {
    create: async () => new GridFsBlobStore(await fresh()),
    tamper: async (store, id) => {
      const gridfs = store as GridFsBlobStore;
      const fileId = await gridfs.fileIdOf(id);
      const db = (gridfs as unknown as { connection: Connection }).connection.db!;
      await db.collection('evidence.chunks').updateOne({ files_id: fileId, n: 0 }, { $set: { data: Buffer.from('tampered') } });
    },
  });

  describe('MongoDB stores', () => {
    let connection: Connection;
    beforeEach(async () => {
      connection = await fresh();
    });

    it('stores a read model’s instants as BSON dates an analyst can query as dates, calendar days as strings', async () => {
      await new MongoReadModelStore(connection).commit([
        { op: 'put', collection: 'faults', id: 'f1', doc: { openedAt: '2026-12-01T08:30:00.000Z', dueOn: '2026-12-03', note: 'x' }, position: 1 },
      ]);
      const raw = connection.db!.collection('rm_faults');
      expect(await raw.countDocuments({ 'doc.openedAt': { $type: 'date' } })).toBe(1);
      expect(await raw.countDocuments({ 'doc.openedAt': { $gte: new Date('2026-12-01T00:00:00Z') } })).toBe(1);
      expect(await raw.countDocuments({ 'doc.dueOn': { $type: 'string' } })).toBe(1);
    });

    it('leaves no generation behind that no reader uses: abandoned shadows and every retired one are dropped by the next rebuild', async () => {
      const store = new MongoReadModelStore(connection);
      const put = (collection: string, id: string) => ({ op: 'put' as const, collection, id, doc: { id }, position: 1 });
      await store.commit([put('sites', 's'), put('faults', 'f')], { name: 'p', position: 1 });
      // A shadow a crash abandoned (neither promoted nor discarded), then two promotions in a row.
      await (await store.shadow(['sites'])).store.commit([put('sites', 'abandoned')]);
      for (const c of ['sites', 'faults']) {
        const shadow = await store.shadow([c]);
        await shadow.store.commit([put(c, 'new')], { name: `p-${c}`, position: 1 });
        await shadow.promote(`p-${c}`);
      }
      const names = async () =>
        (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => /^rm_(sites|faults)/.test(n));
      expect((await names()).length).toBeGreaterThan(2);
      const next = await store.shadow(['sites']);
      await next.discard();
      const sitesRead = (await store.find('sites')).items;
      expect(sitesRead).toEqual([{ id: 'new' }]);
      // Only what readers use is left: one generation of each.
      expect((await names()).sort()).toHaveLength(2);
    });

    it('keeps checkpoints of subscriptions', async () => {
      const store = new MongoCheckpointStore(connection);
      expect(await store.get('relay')).toBe(0);
      await store.set('relay', 42);
      expect(await store.get('relay')).toBe(42);
    });

    it('stores the first response per idempotency key', async () => {
      const store = new MongoIdempotencyStore(connection);
      const first = { status: 201, body: { id: 'a' }, headers: {}, requestHash: 'h1' };
      expect(await store.putIfAbsent('k', first)).toEqual(first);
      expect(await store.putIfAbsent('k', { ...first, body: { id: 'b' } })).toEqual(first);
      expect(await store.get('k')).toEqual(first);
    });

    it('runs an effect once per consumer and message, also when called concurrently after the first', async () => {
      const processed = new MongoProcessedMessages(connection);
      let effects = 0;
      expect(await processed.once('g', 'm1', async () => void effects++)).toBe(true);
      expect(await processed.once('g', 'm1', async () => void effects++)).toBe(false);
      expect(await processed.once('other', 'm1', async () => void effects++)).toBe(true);
      expect(effects).toBe(2);
      expect(await processed.has('g', 'm1')).toBe(true);
    });

    it('does not record a message whose effect failed', async () => {
      const processed = new MongoProcessedMessages(connection);
      await expect(processed.once('g', 'm2', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await processed.has('g', 'm2')).toBe(false);
    });

    it('lists dead letters per group, once per message', async () => {
      const store = new MongoDeadLetterStore(connection);
      const message = {
        messageId: 'm',
        type: 't',
        version: 1,
        key: 'k',
        data: {},
        correlationId: 'c',
        causationId: 'c',
        occurredAt: '2026-01-01T00:00:00Z',
        producer: 'p',
        offset: 3,
      };
      await store.add({ group: 'g', message, error: 'bad', attempts: 3, at: '2026-01-01T00:00:01Z' });
      await store.add({ group: 'g', message, error: 'bad again', attempts: 3, at: '2026-01-01T00:00:02Z' });
      await store.add({ group: 'h', message, error: 'x', attempts: 1, at: '2026-01-01T00:00:03Z' });
      expect(await store.list('g')).toEqual([{ group: 'g', message, error: 'bad', attempts: 3, at: '2026-01-01T00:00:01Z' }]);
      expect(await store.list()).toHaveLength(2);
    });
  });
}
