import { SqliteCheckpointStore, SqliteEventStore } from '@ooh/adapter-sqlite';
import { SqliteMessageBus } from '@ooh/adapter-in-process-bus';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  streamEntityId,
  type RecordedEvent,
  commandHandler,
  deterministicId,
  type CheckpointStore,
  type DeliveredMessage,
  type IntegrationMessage,
  type MessageBus,
  startReactor,
  startRelay,
  type IntegrationMapper,
  type RunningSubscription,
} from '@ooh/eventing';
import { delay, eventually } from './fixtures/async';
import { alice, counterDecider, counterStream, incremented, increment, rawEvent } from './fixtures/counter';

/** Publishes `Incremented` as `test.counter-incremented`; everything else is private. */
const mapCounter: IntegrationMapper = (event) =>
  event.type === 'Incremented'
    ? {
        messageId: event.eventId,
        type: 'test.counter-incremented',
        version: 1,
        key: streamEntityId(event.streamId),
        data: event.data,
        correlationId: event.metadata.correlationId,
        causationId: event.metadata.causationId,
        occurredAt: event.metadata.occurredAt,
        producer: 'test',
      }
    : undefined;

/** The real bus, recording every publish call. */
function recordingPublishes(inner: MessageBus) {
  const publishes: string[][] = [];
  const bus: MessageBus = {
    publish: async (messages: IntegrationMessage[]) => {
      publishes.push(messages.map((m) => m.messageId));
      await inner.publish(messages);
    },
    consume: (o) => inner.consume(o),
    deadLetters: (g) => inner.deadLetters(g),
    replayDeadLetter: (g, id) => inner.replayDeadLetter(g, id),
    lag: () => inner.lag(),
    close: () => inner.close(),
  };
  return { bus, publishes };
}

describe('startRelay', () => {
  let dir: string;
  let store: SqliteEventStore;
  let bus: SqliteMessageBus;
  let checkpoints: SqliteCheckpointStore;
  let relays: RunningSubscription[];
  let consumers: Array<{ stop(): Promise<void> }>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-'));
    store = new SqliteEventStore({ path: ':memory:' });
    bus = new SqliteMessageBus({ path: join(dir, 'bus.db'), retryDelayMs: 5 });
    checkpoints = new SqliteCheckpointStore({ path: join(dir, 'checkpoints.db') });
    relays = [];
    consumers = [];
  });
  afterEach(async () => {
    await Promise.all(relays.map((r) => r.stop()));
    await Promise.all(consumers.map((c) => c.stop()));
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const relay = (deps: { bus?: MessageBus; checkpoints?: CheckpointStore } = {}) => {
    const r = startRelay({
      name: 'counters',
      store,
      bus: deps.bus ?? bus,
      checkpoints: deps.checkpoints ?? checkpoints,
      filter: { categories: ['test.counter'] },
      map: mapCounter,
    });
    relays.push(r);
    return r;
  };

  const consumeAll = async (group = 'downstream') => {
    const received: DeliveredMessage[] = [];
    consumers.push(await bus.consume({ group, handle: async (m) => void received.push(m) }));
    return received;
  };

  /** 3 mapped events, 1 private event, 1 event outside the filter. */
  async function seed() {
    const a = counterStream('a');
    await store.appendToStream(a, [incremented(1), rawEvent('CounterClosed', { reason: 'x' })], 'no_stream'); // 1, 2
    await store.appendToStream('test.other-1', [incremented(99)], 'no_stream'); // 3
    await store.appendToStream(counterStream('b'), [incremented(2), incremented(3)], 'no_stream'); // 4, 5
    return (await store.readAll({ after: 0, maxCount: 100 })).filter((e) => e.streamId.startsWith('test.counter-') && e.type === 'Incremented');
  }

  describe('When mapped and unmapped events are in the log', () => {
    it('should publish every mapped event once, in order, and nothing else', async () => {
      const expected = await seed();
      const received = await consumeAll();
      const r = relay();
      await r.waitFor(5);
      await eventually(() => received.length >= 3, 5_000, 'three messages');
      await delay(20);

      expect(received.map((m) => m.messageId)).toEqual(expected.map((e) => e.eventId));
      expect(received.map((m) => [m.type, m.key, m.data])).toEqual([
        ['test.counter-incremented', 'a', { amount: 1 }],
        ['test.counter-incremented', 'b', { amount: 2 }],
        ['test.counter-incremented', 'b', { amount: 3 }],
      ]);
      // The flow's correlation, and as causation what caused the event (never the message itself).
      expect(received[0]).toMatchObject({
        correlationId: 'corr-raw',
        causationId: 'cause-raw',
        occurredAt: '2026-01-01T00:00:00.000Z',
        producer: 'test',
        version: 1,
      });
    });

    it('should move its checkpoint (named relay:<name>) to the scanned position', async () => {
      await seed();
      await store.appendToStream('test.other-2', [incremented(1)], 'no_stream'); // 6, outside the filter
      const r = relay();
      await r.waitFor(6);
      expect(r.name).toBe('relay:counters');
      expect(await checkpoints.get('relay:counters')).toBe(6);
    });

    it('should publish events appended later, and resume after its checkpoint on restart', async () => {
      await seed();
      const received = await consumeAll();
      const { bus: spyBus, publishes: published } = recordingPublishes(bus);
      const first = relay({ bus: spyBus });
      await first.waitFor(5);
      await first.stop();

      await store.appendToStream(counterStream('c'), [incremented(7)], 'no_stream'); // 6
      const second = relay({ bus: spyBus });
      await second.waitFor(6);

      expect(published.flat()).toHaveLength(4); // nothing published twice
      await eventually(() => received.length >= 4, 5_000, 'four messages');
      expect(received.at(-1)?.data).toEqual({ amount: 7 });
    });
  });

  describe('When it crashes between publishing and moving the checkpoint', () => {
    it('should republish, and the bus dedupes so consumers see each message once', async () => {
      const expected = await seed();
      const received = await consumeAll();
      let sets = 0;
      const crashingOnce: CheckpointStore = {
        get: (name) => checkpoints.get(name),
        set: async (name, position) => {
          sets += 1;
          if (sets === 1) throw new Error('crashed before the checkpoint was written');
          await checkpoints.set(name, position);
        },
      };
      const { bus: spyBus, publishes } = recordingPublishes(bus);

      const r = relay({ bus: spyBus, checkpoints: crashingOnce });
      await r.waitFor(5);
      await eventually(() => received.length >= 3, 5_000, 'three messages');
      await delay(50);

      const ids = expected.map((e) => e.eventId);
      expect(publishes).toEqual([ids, ids]); // really published twice
      expect(received.map((m) => m.messageId)).toEqual(ids); // ...but delivered once
      expect(await checkpoints.get('relay:counters')).toBe(5);
      expect(await bus.lag()).toEqual({ downstream: 0 });
    });

    it('should deliver once to a consumer that starts only after the republish', async () => {
      const expected = await seed();
      let failed = false;
      const crashingOnce: CheckpointStore = {
        get: (name) => checkpoints.get(name),
        set: async (name, position) => {
          if (!failed) {
            failed = true;
            throw new Error('crash');
          }
          await checkpoints.set(name, position);
        },
      };
      const r = relay({ checkpoints: crashingOnce });
      await r.waitFor(5);
      await r.stop();

      const received = await consumeAll('late');
      await eventually(() => received.length >= 3, 5_000, 'three messages');
      await delay(50);
      expect(received.map((m) => m.messageId)).toEqual(expected.map((e) => e.eventId));
    });
  });
});

describe('startReactor', () => {
  let store: SqliteEventStore;
  let checkpoints: SqliteCheckpointStore;
  let reactors: RunningSubscription[];

  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:' });
    checkpoints = new SqliteCheckpointStore({ path: ':memory:' });
    reactors = [];
  });
  afterEach(async () => {
    await Promise.all(reactors.map((r) => r.stop()));
    await store.close();
  });

  const reactor = (react: (event: RecordedEvent) => Promise<void>) => {
    const r = startReactor({ name: 'closer', store, checkpoints, filter: { categories: ['test.counter'], eventTypes: ['Incremented'] }, react });
    reactors.push(r);
    return r;
  };

  describe('When it is restarted', () => {
    it('should react once per event across the restart', async () => {
      const a = counterStream('a');
      await store.appendToStream(a, [incremented(1), incremented(2)], 'no_stream');
      await store.appendToStream(a, [rawEvent('CounterClosed', { reason: 'x' })], 1); // not in the filter
      const reacted: number[] = [];
      const react = async (e: RecordedEvent) => void reacted.push(e.position);

      const first = reactor(react);
      await first.waitFor(3);
      expect(first.name).toBe('reactor:closer');
      await first.stop();
      await store.appendToStream(counterStream('b'), [incremented(5)], 'no_stream'); // 4

      const second = reactor(react);
      await second.waitFor(4);

      expect(reacted).toEqual([1, 2, 4]);
      expect(await checkpoints.get('reactor:closer')).toBe(4);
    });
  });

  describe('When react fails in the middle of a batch', () => {
    it('should retry from the failing event without reacting again to the ones before it', async () => {
      await store.appendToStream(counterStream('a'), [incremented(1), incremented(2), incremented(3)], 'no_stream');
      const attempts: number[] = [];
      let failed = false;
      const r = reactor(async (e) => {
        attempts.push(e.position);
        if (e.position === 2 && !failed) {
          failed = true;
          throw new Error('downstream hiccup');
        }
      });
      await r.waitFor(3);
      expect(attempts).toEqual([1, 2, 2, 3]);
    });
  });

  describe('When its effect is a command with ids derived from the triggering event', () => {
    it('should leave exactly one resulting event per trigger, even if the reaction is redone', async () => {
      const handle = commandHandler(store, counterDecider);
      await store.appendToStream(counterStream('a'), [incremented(1), incremented(2)], 'no_stream');
      const mirror = counterStream('mirror');
      let reactionsToFirst = 0;
      const r = reactor(async (e) => {
        if (e.streamId === mirror) return;
        await handle(mirror, increment((e.data as { amount: number }).amount * 10), {
          actor: alice,
          correlationId: e.metadata.correlationId,
          causationId: e.eventId,
          occurredAt: e.metadata.occurredAt,
          eventIds: (i) => deterministicId('reactor:closer', e.eventId, String(i)),
        });
        if (e.position === 1 && ++reactionsToFirst === 1) throw new Error('crashed after the effect, before the checkpoint');
      });
      await eventually(async () => (await store.readStream(mirror)).length >= 2, 5_000, 'two mirrored events');
      await r.waitFor(await store.headPosition());

      const mirrored = await store.readStream(mirror);
      expect(mirrored.map((e) => e.data)).toEqual([{ amount: 10 }, { amount: 20 }]);
      expect(mirrored[0].metadata.causationId).not.toBe(mirrored[1].metadata.causationId);
      expect(reactionsToFirst).toBe(2); // the first trigger really was reacted to twice
    });
  });
});
