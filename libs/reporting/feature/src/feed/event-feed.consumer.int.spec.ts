import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectMongo, MongoReadModelStore } from '@ooh/adapter-mongodb';
import { SqliteReadModelStore } from '@ooh/adapter-sqlite';
import { newId, type DeliveredMessage, type ReadModelStore } from '@ooh/eventing';
import { eventFeedConsumer, FEED, FEED_HEAD, type FeedEntry } from './event-feed.consumer';

/** Two replicas' connections to one store, as the feed's lease changes hands. */
interface Replicas {
  a: ReadModelStore;
  b: ReadModelStore;
  close(): Promise<void>;
}

const stores: Array<[string, () => Promise<Replicas>]> = [
  [
    'SQLite (two connections to one file)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'feed-'));
      const a = new SqliteReadModelStore({ path: join(dir, 'read-models.db') });
      const b = new SqliteReadModelStore({ path: join(dir, 'read-models.db') });
      return { a, b, close: async () => (await a.close(), await b.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  ],
];
const mongoUrl = process.env.MONGO_URL;
if (mongoUrl) {
  stores.push([
    'MongoDB (two connections to one database)',
    async () => {
      const dbName = `feed_${newId().replace(/-/g, '').slice(-20)}`;
      const [ca, cb] = await Promise.all([connectMongo({ url: mongoUrl, dbName }), connectMongo({ url: mongoUrl, dbName })]);
      return {
        a: new MongoReadModelStore(ca),
        b: new MongoReadModelStore(cb),
        close: async () => (await ca.dropDatabase(), await ca.close(), await cb.close()),
      };
    },
  ]);
} else {
  process.stderr.write('SKIPPED: the event feed’s numbering on MongoDB — set MONGO_URL (npm run test:infra starts FerretDB and sets it)\n');
}

const message = (n: number): DeliveredMessage => ({
  messageId: `m-${n}`,
  type: 'finance.receivable-settled',
  version: 1,
  key: `k-${n % 3}`,
  data: { n },
  correlationId: 'c',
  causationId: `cause-${n}`,
  occurredAt: '2026-12-05T02:00:00.000Z',
  recordedAt: '2026-12-05T02:00:00.000Z',
  producer: 'finance',
  offset: n,
});

const readFeed = async (store: ReadModelStore) => {
  const entries: FeedEntry[] = [];
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const page = await store.find<FeedEntry>(FEED, { sort: { field: 'position', direction: 'asc' }, limit: 100, cursor });
    entries.push(...page.items);
    cursor = page.nextCursor;
  }
  return entries;
};

/** Every message once, at positions 1..n with none twice or empty, and the head at the last. */
const expectWholeFeed = async (store: ReadModelStore, messages: number) => {
  const feed = await readFeed(store);
  expect(feed.map((e) => e.position)).toEqual(feed.map((_, i) => i + 1));
  expect(feed.map((e) => e.message.messageId).sort()).toEqual(Array.from({ length: messages }, (_, i) => message(i + 1).messageId).sort());
  expect(await store.getCheckpoint(FEED_HEAD)).toBe(messages);
};

/** The store with some of its methods replaced. */
const around = (store: ReadModelStore, replaced: Partial<ReadModelStore>): ReadModelStore =>
  new Proxy(store, {
    get(target, prop, receiver) {
      if (prop in replaced) return replaced[prop as keyof ReadModelStore];
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

/** A replica that stops (is paused past its lease, or dies) after its `stopAfter`-th commit. */
const stoppingAfter = (store: ReadModelStore, stopAfter: number): ReadModelStore => {
  let commits = 0;
  return around(store, {
    commit: async (...args) => {
      if (commits >= stopAfter) throw new Error('stopped');
      commits++;
      return store.commit(...args);
    },
  });
};

describe.each(stores)('the event feed’s numbering with two replicas on %s', (_name, open) => {
  let replicas: Replicas;
  beforeEach(async () => {
    replicas = await open();
  });
  afterEach(async () => {
    await replicas.close();
  });

  it('gives no position twice and leaves none empty when a replica that lost the feed’s lease still handles messages beside the new holder', async () => {
    const a = eventFeedConsumer(replicas.a);
    const b = eventFeedConsumer(replicas.b);
    // Both receive every message (the old holder's are redeliveries to the new one), in different orders, at once.
    const n = 40;
    const all = Array.from({ length: n }, (_, i) => message(i + 1));
    await Promise.all([
      (async () => {
        for (const m of all) await a.handle(m);
      })(),
      (async () => {
        for (const m of [...all].reverse()) await b.handle(m);
      })(),
      ...all.filter((_, i) => i % 4 === 0).map((m) => b.handle(m)),
    ]);
    await expectWholeFeed(replicas.a, n);
  });

  it('numbers a message once when it comes again to the new holder, whether the old one stopped before its entry, after it, or after indexing it', async () => {
    // The old holder stops before writing m-1, after writing m-2 but before indexing it and moving the head, and after m-3 altogether.
    await expect(eventFeedConsumer(stoppingAfter(replicas.a, 0)).handle(message(1))).rejects.toThrow('stopped');
    await expect(eventFeedConsumer(stoppingAfter(replicas.a, 1)).handle(message(2))).rejects.toThrow('stopped');
    expect(await replicas.a.getCheckpoint(FEED_HEAD)).toBe(0);
    const holder = eventFeedConsumer(replicas.b);
    await holder.handle(message(3)); // finds m-2 at position 1 and indexes it on its way
    await eventFeedConsumer(replicas.a).handle(message(4));
    for (const n of [2, 1, 3, 2, 4, 1]) await holder.handle(message(n));
    await expectWholeFeed(replicas.b, 4);
    expect((await readFeed(replicas.b)).map((e) => e.message.messageId)).toEqual(['m-2', 'm-3', 'm-4', 'm-1']);
  });

  it('reads by id alone once it has started (FerretDB reads a whole collection for any other filter)', async () => {
    let finds = 0;
    const store = replicas.a;
    const counted = around(store, {
      find: (...args) => (finds++, store.find(...args)),
      count: (...args) => (finds++, store.count(...args)),
    });
    const feed = eventFeedConsumer(counted);
    await feed.handle(message(1));
    const atStart = finds;
    for (let n = 2; n <= 10; n++) await feed.handle(message(n));
    await feed.handle(message(4));
    expect(finds).toBe(atStart);
    await expectWholeFeed(replicas.a, 10);
  });

  it('takes the next free position when its head was left behind or moved back (a checkpoint that lags its entries)', async () => {
    const feed = eventFeedConsumer(replicas.a);
    for (const n of [1, 2, 3]) await feed.handle(message(n));
    // A store that writes the entry and then the head, without a transaction, stopped in between; or the head read before another's commit.
    await replicas.b.reset([], [FEED_HEAD]);
    await replicas.b.commit([], { name: FEED_HEAD, position: 1 });
    await eventFeedConsumer(replicas.b).handle(message(4));
    await eventFeedConsumer(replicas.b).handle(message(3));
    await expectWholeFeed(replicas.b, 4);
  });

  it('goes on from where a feed stored by message id stands, its head one behind', async () => {
    const entry = (n: number): FeedEntry => {
      const { offset: _offset, ...m } = message(n);
      return { position: n, type: m.type, message: m };
    };
    await replicas.a.commit(
      // Keyed by message id as it was, and the Mongo head one behind its last entry (a stop between the two writes).
      [1, 2].map((n) => ({ op: 'put', collection: FEED, id: `m-${n}`, doc: entry(n), position: n })),
      { name: FEED_HEAD, position: 1 },
    );
    await eventFeedConsumer(replicas.a).handle(message(3));
    await eventFeedConsumer(replicas.b).handle(message(2));
    await expectWholeFeed(replicas.b, 3);
  });
});
