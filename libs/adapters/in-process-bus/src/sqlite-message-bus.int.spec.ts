import { AppError, NotYet } from '@ooh/eventing';
import { eventually, messageBusConformance, testMessage } from '@ooh/eventing-testing';
import Database from 'better-sqlite3';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteMessageBus } from './sqlite-message-bus';

const paths = new WeakMap<object, string>();
messageBusConformance('in-process (SQLite log)', {
  async create() {
    const path = join(mkdtempSync(join(tmpdir(), 'bus-')), 'bus.db');
    const bus = new SqliteMessageBus({ path, retryDelayMs: 5 });
    paths.set(bus, path);
    return bus;
  },
  async reopen(previous) {
    const path = paths.get(previous)!;
    await previous.close();
    const bus = new SqliteMessageBus({ path, retryDelayMs: 5 });
    paths.set(bus, path);
    return bus;
  },
});

describe('SqliteMessageBus specifics', () => {
  it('leaves WAL checkpoints to a worker thread: publishing megabytes never copies the WAL into the file on the event loop', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bus-')), 'bus.db');
    const bus = new SqliteMessageBus({ path });
    const sizeBefore = statSync(path).size;
    // 8 MB: twice what SQLite's automatic checkpoint (1000 pages) would copy and fsync within a publish.
    for (let batch = 0; batch < 8; batch++) {
      await bus.publish(Array.from({ length: 500 }, (_, i) => testMessage('t.big', `k-${i}`, 'x'.repeat(2000))));
    }
    expect(statSync(path).size).toBe(sizeBefore);
    // The worker copies it into the file soon after (in passes, as it finds frames to copy).
    const copied = sizeBefore + 8 * 500 * 2000;
    const until = Date.now() + 10_000;
    while (statSync(path).size <= copied && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(path).size).toBeGreaterThan(copied);
    await bus.close();
  });

  it('wakes only the groups that take a published type: the others neither read nor move their offset, and show no lag for it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bus-')), 'bus.db');
    const bus = new SqliteMessageBus({ path, pollMs: 60_000 });
    const got: string[] = [];
    await bus.consume({ group: 'takes-a', types: ['t.a'], handle: async (m) => void got.push(m.type) });
    await bus.consume({ group: 'takes-all', handle: async (m) => void got.push(`all:${m.type}`) });
    const offsets = () => {
      const db = new Database(path, { readonly: true });
      try {
        return Object.fromEntries(
          (db.prepare('SELECT grp, offset FROM bus_offsets').all() as Array<{ grp: string; offset: number }>).map((r) => [r.grp, r.offset]),
        );
      } finally {
        db.close();
      }
    };
    for (let i = 0; i < 5; i++) await bus.publish([testMessage('t.b', `k-${i}`)]);
    await eventually(async () => got.length === 5);
    expect(got).toEqual(Array(5).fill('all:t.b'));
    // Not woken: its offset is where it was; nothing of its types is waiting.
    expect(offsets()).toEqual({ 'takes-a': 0, 'takes-all': 5 });
    expect(await bus.lag()).toEqual({ 'takes-a': 0, 'takes-all': 0 });
    await bus.publish([testMessage('t.a', 'k-a')]);
    await eventually(async () => got.includes('t.a'));
    await eventually(async () => offsets()['takes-a'] === 6);
    expect(await bus.lag()).toEqual({ 'takes-a': 0, 'takes-all': 0 });
    await bus.close();
  });

  it('counts as lag the messages of its types a group has not handled, not the others', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bus-')), 'bus.db');
    const bus = new SqliteMessageBus({ path });
    await bus.publish([testMessage('t.a', 'a-1'), testMessage('t.b', 'b-1'), testMessage('t.a', 'a-2'), testMessage('t.b', 'b-2')]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await bus.consume({ group: 'slow', types: ['t.a'], handle: () => held });
    expect((await bus.lag()).slow).toBe(2);
    release();
    await eventually(async () => (await bus.lag()).slow === 0);
    await bus.close();
  });

  it('dead-letters a poison message at once, with its reason, and keeps the group flowing', async () => {
    const bus = new SqliteMessageBus({ path: join(mkdtempSync(join(tmpdir(), 'bus-')), 'bus.db'), retryDelayMs: 5 });
    const poison = testMessage('t.p', 'k', 'poison');
    await bus.publish([poison, testMessage('t.p', 'k', 'fine')]);
    let attempts = 0;
    const handled: unknown[] = [];
    await bus.consume({
      group: 'g',
      types: ['t.p'],
      maxAttempts: 5,
      handle: async (m) => {
        if (m.data === 'poison') {
          attempts++;
          throw new AppError('invalid', 'POISON_MESSAGE', 'breaks its contract', [{ field: 'amountFen', message: 'must be integer' }]);
        }
        handled.push(m.data);
      },
    });
    for (let i = 0; i < 200 && handled.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(handled).toEqual(['fine']);
    expect(attempts).toBe(1);
    const [dead] = await bus.deadLetters('g');
    expect(dead).toMatchObject({ attempts: 1, message: { messageId: poison.messageId } });
    expect(dead.error).toContain('amountFen: must be integer');
    await bus.close();
  });

  it('parks a message that came too early with the later messages of its key only: the other keys flow, each key stays in order', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bus-')), 'bus.db');
    const bus = new SqliteMessageBus({ path, retryDelayMs: 5 });
    await bus.publish([
      testMessage('t.k', 'order-1', 'a1'),
      testMessage('t.k', 'order-2', 'b1'),
      testMessage('t.k', 'order-1', 'a2'),
      testMessage('t.k', 'order-2', 'b2'),
    ]);
    let ready = false;
    const handled: unknown[] = [];
    const consumer = await bus.consume({
      group: 'g',
      types: ['t.k'],
      handle: async (m) => {
        if (m.data === 'a1' && !ready) throw new NotYet('the order is not signed yet');
        handled.push(m.data);
      },
    });
    const until = async (check: () => boolean) => {
      const end = Date.now() + 5_000;
      while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    };
    await until(() => handled.length === 2);
    // order-2 went through while order-1 waits; a2 waits behind a1.
    expect(handled).toEqual(['b1', 'b2']);
    expect((await bus.lag()).g).toBeGreaterThan(0);
    // A restart while it waits delivers the parked key again (the durable offset stayed before it).
    await consumer.stop();
    await bus.close();
    const reopened = new SqliteMessageBus({ path, retryDelayMs: 5 });
    ready = true;
    await reopened.consume({ group: 'g', types: ['t.k'], handle: async (m) => void handled.push(m.data) });
    await until(() => handled.includes('a2'));
    expect(handled.filter((d) => String(d).startsWith('a'))).toEqual(['a1', 'a2']);
    const end = Date.now() + 5_000;
    while ((await reopened.lag()).g !== 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect((await reopened.lag()).g).toBe(0);
    expect(await reopened.deadLetters('g')).toEqual([]);
    await reopened.close();
  });

  it('lets a parked key go on once its message can be handled, in the same run', async () => {
    const bus = new SqliteMessageBus({ path: join(mkdtempSync(join(tmpdir(), 'bus-')), 'bus.db'), retryDelayMs: 5 });
    await bus.publish([testMessage('t.k', 'order-1', 'a1'), testMessage('t.k', 'order-1', 'a2'), testMessage('t.k', 'order-2', 'b1')]);
    let ready = false;
    const handled: unknown[] = [];
    await bus.consume({
      group: 'g',
      types: ['t.k'],
      handle: async (m) => {
        if (m.data === 'a1' && !ready) throw new NotYet('not yet');
        handled.push(m.data);
      },
    });
    const until = async (check: () => boolean) => {
      const end = Date.now() + 5_000;
      while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    };
    await until(() => handled.includes('b1'));
    ready = true;
    await until(() => handled.length === 3);
    expect(handled).toEqual(['b1', 'a1', 'a2']);
    const end = Date.now() + 5_000;
    while ((await bus.lag()).g !== 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect((await bus.lag()).g).toBe(0);
    await bus.close();
  });
});
