import { SqliteEventStore } from '@ooh/adapter-sqlite';
import { deciderSpec } from '@ooh/eventing-testing';
import {
  isAppError,
  WrongExpectedRevision,
  type AppError,
  deterministicId,
  type NewEvent,
  type EventStore,
  type ExpectedRevision,
  type ReadStreamOptions,
  FixedClock,
  type Instrumentation,
  Upcasters,
  commandHandler,
  loadAggregate,
  type CommandContext,
} from '@ooh/eventing';
import { UUID_V7 } from './fixtures/async';
import { alice, bob, counterDecider, counterStream, increment, incremented, rawEvent } from './fixtures/counter';

const T0 = '2026-03-01T08:00:00.000Z';
const ctx = (extra: Partial<CommandContext> = {}): CommandContext => ({
  actor: alice,
  correlationId: 'corr-1',
  occurredAt: T0,
  ...extra,
});

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected the promise to reject with an AppError');
}

/** A real store with hooks: records the expected revisions of appends, and can run code after a read. */
class SpyStore implements EventStore {
  appends: Array<{ streamId: string; expected: ExpectedRevision; events: NewEvent[] }> = [];
  reads = 0;
  afterRead?: (streamId: string, readNumber: number) => Promise<void>;
  failAppendWith?: unknown;

  constructor(readonly inner: SqliteEventStore) {}

  async appendToStream(streamId: string, events: NewEvent[], expected: ExpectedRevision) {
    this.appends.push({ streamId, expected, events });
    if (this.failAppendWith) throw this.failAppendWith;
    return this.inner.appendToStream(streamId, events, expected);
  }
  async readStream(streamId: string, options?: ReadStreamOptions) {
    const read = await this.inner.readStream(streamId, options);
    this.reads += 1;
    await this.afterRead?.(streamId, this.reads);
    return read;
  }
  readAll: EventStore['readAll'] = (o) => this.inner.readAll(o);
  subscribe: EventStore['subscribe'] = (o) => this.inner.subscribe(o);
  headPosition: EventStore['headPosition'] = (f) => this.inner.headPosition(f);
  close = () => this.inner.close();
}

describe('commandHandler', () => {
  let sqlite: SqliteEventStore;
  let store: SpyStore;

  beforeEach(() => {
    sqlite = new SqliteEventStore({ path: ':memory:' });
    store = new SpyStore(sqlite);
  });
  afterEach(async () => {
    await sqlite.close();
  });

  describe('When the test decider is checked on its own', () => {
    const spec = deciderSpec(counterDecider);
    it('should increment, refuse and do nothing as designed', () => {
      spec
        .given([])
        .when(increment(2))
        .then([{ type: 'Incremented', data: { amount: 2 } }]);
      spec
        .given([])
        .when({ type: 'Reject', data: { reason: 'no' } })
        .thenThrows('REFUSED', 'rule-violated');
      spec.given([]).when({ type: 'Noop', data: {} }).thenNothingHappens();
      spec
        .given([{ type: 'CounterClosed', data: { reason: 'done' } }])
        .when(increment())
        .thenThrows('COUNTER_CLOSED');
    });
  });

  describe('When a command creates a new stream', () => {
    it('should append with no_stream, then with the numeric revision', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      await handle(id, increment(2), ctx());
      await handle(id, increment(3), ctx());
      expect(store.appends.map((a) => a.expected)).toEqual(['no_stream', 0]);
    });

    it('should return the new state, revision and the events as recorded', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      const first = await handle(id, increment(2), ctx());
      expect(first).toMatchObject({ streamId: id, state: { count: 2, increments: 1, closed: false }, revision: 0 });
      expect(first.events).toHaveLength(1);
      expect(first.events[0]).toMatchObject({ streamId: id, revision: 0, position: 1, type: 'Incremented', data: { amount: 2 } });

      const second = await handle(id, { type: 'IncrementTwice', data: { amount: 5 } }, ctx());
      expect(second.state).toEqual({ count: 12, increments: 3, closed: false });
      expect(second.revision).toBe(2);
      expect(second.events.map((e) => [e.revision, e.position])).toEqual([
        [1, 2],
        [2, 3],
      ]);
      expect((await sqlite.readStream(id)).map((e) => e.data)).toEqual([{ amount: 2 }, { amount: 5 }, { amount: 5 }]);
    });
  });

  describe('When events are appended', () => {
    it('should give each a distinct UUIDv7 event id and the envelope metadata', async () => {
      const handle = commandHandler(store, counterDecider, { schemaVersions: { Incremented: 3 } });
      const id = counterStream();
      await handle(id, { type: 'IncrementTwice', data: { amount: 1 } }, ctx({ actor: bob, correlationId: 'corr-42', occurredAt: T0 }));

      const stored = await sqlite.readStream(id);
      expect(stored).toHaveLength(2);
      for (const e of stored) {
        expect(e.eventId).toMatch(UUID_V7);
        expect(e.eventId[14]).toBe('7');
        expect(e.metadata).toEqual({ correlationId: 'corr-42', causationId: 'corr-42', actor: bob, occurredAt: T0, schemaVersion: 3 });
      }
      expect(new Set(stored.map((e) => e.eventId)).size).toBe(2);
      expect(stored[0].eventId < stored[1].eventId).toBe(true);
    });

    it('should default causationId to the correlationId and keep an explicit one', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      await handle(id, increment(), ctx({ correlationId: 'c-1' }));
      await handle(id, increment(), ctx({ correlationId: 'c-2', causationId: 'cause-9' }));
      const [a, b] = await sqlite.readStream(id);
      expect([a.metadata.correlationId, a.metadata.causationId]).toEqual(['c-1', 'c-1']);
      expect([b.metadata.correlationId, b.metadata.causationId]).toEqual(['c-2', 'cause-9']);
    });

    it("should continue the stream's flow for a person's later request, with that request as causation, whatever the cache holds", async () => {
      for (const cache of [undefined, false] as const) {
        const handle = commandHandler(store, counterDecider, cache === false ? { cache } : {});
        const id = counterStream();
        await handle(id, increment(), ctx({ correlationId: 'flow-1', causationId: 'req-1', continuesFlow: true }));
        await handle(id, increment(), ctx({ correlationId: 'req-2', causationId: 'req-2', continuesFlow: true }));
        await commandHandler(store, counterDecider)(id, increment(), ctx({ correlationId: 'req-3', causationId: 'req-3', continuesFlow: true }));
        await handle(id, increment(), ctx({ correlationId: 'other-flow', causationId: 'msg-9' }));
        expect((await sqlite.readStream(id)).map((e) => [e.metadata.correlationId, e.metadata.causationId])).toEqual([
          ['flow-1', 'req-1'],
          ['flow-1', 'req-2'],
          ['flow-1', 'req-3'],
          ['other-flow', 'msg-9'],
        ]);
      }
    });

    it('should use schemaVersion 1 for a type not listed in schemaVersions', async () => {
      const handle = commandHandler(store, counterDecider, { schemaVersions: { Incremented: 2 } });
      const id = counterStream();
      await handle(id, increment(), ctx());
      await handle(id, { type: 'Close', data: { reason: 'done' } }, ctx());
      expect((await sqlite.readStream(id)).map((e) => [e.type, e.metadata.schemaVersion])).toEqual([
        ['Incremented', 2],
        ['CounterClosed', 1],
      ]);
    });
  });

  describe('When an event would be larger than the limit', () => {
    it('should refuse it as too large, once, and store nothing', async () => {
      const handle = commandHandler(store, counterDecider, { maxEventBytes: 64 });
      const error = await caught(handle(counterStream('big'), increment(1), ctx()));
      expect(error).toMatchObject({ kind: 'too-large', code: 'EVENT_TOO_LARGE' });
      expect(store.appends).toEqual([]);
      expect(await sqlite.readStream(counterStream('big'))).toEqual([]);
      await expect(commandHandler(store, counterDecider)(counterStream('big'), increment(1), ctx())).resolves.toMatchObject({ revision: 0 });
    });
  });

  describe('When decide returns no events', () => {
    it('should append nothing and return the current state and revision', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      const empty = await handle(id, { type: 'Noop', data: {} }, ctx());
      expect(empty).toEqual({ streamId: id, state: counterDecider.initialState(), events: [], revision: -1 });

      await handle(id, increment(4), ctx());
      const after = await handle(id, { type: 'Noop', data: {} }, ctx());
      expect(after).toMatchObject({ events: [], revision: 0, state: { count: 4 } });
      expect(store.appends).toHaveLength(1);
      expect(await sqlite.headPosition()).toBe(1);
    });
  });

  describe('When the decider refuses the command', () => {
    it('should propagate its AppError and append nothing', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      await handle(id, increment(), ctx());

      const error = await caught(handle(id, { type: 'Reject', data: { reason: 'not today' } }, ctx()));
      expect(error).toMatchObject({ kind: 'rule-violated', code: 'REFUSED', message: 'not today', extensions: { reason: 'not today' } });
      await expect(handle(id, increment(0), ctx())).rejects.toMatchObject({ code: 'NON_POSITIVE_AMOUNT' });

      expect(store.appends).toHaveLength(1);
      expect(await sqlite.readStream(id)).toHaveLength(1);
    });
  });

  describe('When another writer appends between load and append and no revision is pinned', () => {
    it('should retry transparently on the new state', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      await handle(id, increment(1), ctx());
      store.afterRead = async (streamId, n) => {
        if (n === 2) await sqlite.appendToStream(streamId, [incremented(10)], 0); // the racing writer
      };

      const result = await handle(id, increment(100), ctx());

      expect(store.reads).toBe(3); // 1 for the first command, 2 for this one (conflict, then retry)
      expect(store.appends.slice(1).map((a) => a.expected)).toEqual([0, 1]);
      expect(result.state).toEqual({ count: 111, increments: 3, closed: false });
      expect(result.revision).toBe(2);
      expect((await sqlite.readStream(id)).map((e) => e.data)).toEqual([{ amount: 1 }, { amount: 10 }, { amount: 100 }]);
    });

    it('should land every one of many commands racing on the same stream', async () => {
      const handle = commandHandler(sqlite, counterDecider, { maxRetries: 20 });
      const id = counterStream();
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => handle(id, increment(i + 1), ctx())));
      const stored = await sqlite.readStream(id);
      expect(stored.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(stored.map((e) => (e.data as { amount: number }).amount).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(Math.max(...results.map((r) => r.state.count))).toBe(36);
    });

    it('should retry a WrongExpectedRevision thrown by the first append of a new stream', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      store.afterRead = async (streamId, n) => {
        if (n === 1) await sqlite.appendToStream(streamId, [incremented(7)], 'no_stream');
      };
      const result = await handle(id, increment(1), ctx());
      expect(store.appends.map((a) => a.expected)).toEqual(['no_stream', 0]);
      expect(result.state.count).toBe(8);
    });

    it('should re-decide against the new state, so a rule the racing writer broke refuses the command', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      await handle(id, increment(1), ctx());
      store.afterRead = async (streamId, n) => {
        if (n === 2) await sqlite.appendToStream(streamId, [rawEvent('CounterClosed', { reason: 'raced' })], 0);
      };
      await expect(handle(id, increment(1), ctx())).rejects.toMatchObject({ code: 'COUNTER_CLOSED' });
      expect((await sqlite.readStream(id)).map((e) => e.type)).toEqual(['Incremented', 'CounterClosed']);
    });
  });

  describe('When the stream keeps changing under every attempt', () => {
    it('should give up after maxRetries + 1 attempts with conflict CONCURRENT_MODIFICATION', async () => {
      const handle = commandHandler(store, counterDecider, { maxRetries: 2 });
      const id = counterStream();
      await handle(id, increment(1), ctx());
      store.reads = 0;
      store.appends = [];
      store.afterRead = async (streamId) => {
        await sqlite.appendToStream(streamId, [incremented(1)], 'any');
      };

      const error = await caught(handle(id, increment(50), ctx()));

      expect(error.kind).toBe('conflict');
      expect(error.code).toBe('CONCURRENT_MODIFICATION');
      expect(error.message).toContain('3 attempts');
      expect(store.appends).toHaveLength(3);
      const stored = await sqlite.readStream(id);
      expect(stored.some((e) => (e.data as { amount: number }).amount === 50)).toBe(false);
      expect(stored).toHaveLength(1 + 3);
    });

    it('should default to 5 retries (6 attempts)', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      await handle(id, increment(1), ctx());
      store.appends = [];
      store.afterRead = async (streamId) => {
        await sqlite.appendToStream(streamId, [incremented(1)], 'any');
      };
      await expect(handle(id, increment(50), ctx())).rejects.toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
      expect(store.appends).toHaveLength(6);
    });

    it('should treat a WrongExpectedRevision thrown by the store itself the same way', async () => {
      const handle = commandHandler(store, counterDecider, { maxRetries: 1 });
      const id = counterStream();
      store.failAppendWith = new WrongExpectedRevision(id, 'no_stream', 0);
      await expect(handle(id, increment(1), ctx())).rejects.toMatchObject({ kind: 'conflict', code: 'CONCURRENT_MODIFICATION' });
      expect(store.appends).toHaveLength(2);
      expect(await sqlite.headPosition()).toBe(0);
    });
  });

  describe('When the caller pinned an expectedRevision', () => {
    it('should append when it is current', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      await handle(id, increment(1), ctx());
      const result = await handle(id, increment(1), ctx({ expectedRevision: 0 }));
      expect(result.revision).toBe(1);
    });

    it('should fail at once with precondition-failed STALE_REVISION when it is stale, without retrying', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      await handle(id, increment(1), ctx());
      await handle(id, increment(1), ctx());
      store.reads = 0;
      store.appends = [];

      const error = await caught(handle(id, increment(1), ctx({ expectedRevision: 0 })));

      expect(error).toMatchObject({ kind: 'precondition-failed', code: 'STALE_REVISION', extensions: { currentRevision: 1 } });
      expect(store.reads).toBe(1);
      expect(store.appends).toHaveLength(0);
      expect(await sqlite.readStream(id)).toHaveLength(2);
    });

    it('should fail with STALE_REVISION, not retry, when another writer appends between load and append', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      await handle(id, increment(1), ctx());
      store.reads = 0;
      store.appends = [];
      store.afterRead = async (streamId) => {
        await sqlite.appendToStream(streamId, [incremented(5)], 0);
      };

      const error = await caught(handle(id, increment(1), ctx({ expectedRevision: 0 })));

      expect(error).toMatchObject({ kind: 'precondition-failed', code: 'STALE_REVISION', extensions: { currentRevision: 1 } });
      expect(store.reads).toBe(1);
      expect(store.appends).toHaveLength(1);
      expect((await sqlite.readStream(id)).map((e) => e.data)).toEqual([{ amount: 1 }, { amount: 5 }]);
    });

    it('should treat a pinned revision on a missing stream as stale', async () => {
      const handle = commandHandler(store, counterDecider);
      await expect(handle(counterStream(), increment(1), ctx({ expectedRevision: 0 }))).rejects.toMatchObject({
        code: 'STALE_REVISION',
        extensions: { currentRevision: -1 },
      });
    });
  });

  describe('When a derived command carries deterministic eventIds', () => {
    const idsFor = (trigger: string) => (i: number) => deterministicId('reactor:test', trigger, String(i));

    it('should use them as the event ids', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      const result = await handle(id, { type: 'IncrementTwice', data: { amount: 1 } }, ctx({ eventIds: idsFor('evt-1') }));
      expect(result.events.map((e) => e.eventId)).toEqual([idsFor('evt-1')(0), idsFor('evt-1')(1)]);
    });

    it('should make a re-run of the same derived command a no-op, even after other events', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      await handle(id, increment(1), ctx({ eventIds: idsFor('evt-1') }));
      await handle(id, increment(2), ctx());

      const rerun = await handle(id, increment(1), ctx({ eventIds: idsFor('evt-1') }));

      expect(rerun.events).toEqual([]);
      expect(rerun.revision).toBe(1);
      expect(rerun.state.count).toBe(3);
      expect(await sqlite.readStream(id)).toHaveLength(2);
      // A different trigger is a different command.
      await handle(id, increment(1), ctx({ eventIds: idsFor('evt-2') }));
      expect(await sqlite.readStream(id)).toHaveLength(3);
    });

    it('should not re-decide a derived command already carried out, so no rule can refuse it', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      await handle(id, increment(1), ctx({ eventIds: idsFor('evt-1') }));
      await handle(id, { type: 'Close', data: { reason: 'done' } }, ctx());
      await expect(handle(id, increment(1), ctx({ eventIds: idsFor('evt-1') }))).resolves.toMatchObject({ events: [] });
    });
  });

  describe('When instrumentation is given', () => {
    const recorder = () => {
      const handled: Array<{ type: string; seconds: number; outcome: string }> = [];
      const appended: number[] = [];
      const instrumentation: Instrumentation = {
        commandHandled: (type, seconds, outcome) => handled.push({ type, seconds, outcome }),
        eventsAppended: (n) => appended.push(n),
        subscriptionProgress: () => undefined,
      };
      return { handled, appended, instrumentation };
    };

    it('should report each command with its outcome and duration', async () => {
      const { handled, appended, instrumentation } = recorder();
      const handle = commandHandler(store, counterDecider, { instrumentation, maxRetries: 0 });
      const id = counterStream();

      await handle(id, { type: 'IncrementTwice', data: { amount: 1 } }, ctx());
      await handle(id, { type: 'Noop', data: {} }, ctx());
      await handle(id, { type: 'Reject', data: { reason: 'x' } }, ctx()).catch(() => undefined);
      await handle(id, increment(1), ctx({ expectedRevision: 0 })).catch(() => undefined);
      store.afterRead = async (streamId) => {
        await sqlite.appendToStream(streamId, [incremented(1)], 'any');
      };
      await handle(id, increment(1), ctx()).catch(() => undefined);
      store.afterRead = undefined;
      store.failAppendWith = new Error('disk on fire');
      await handle(id, increment(1), ctx()).catch(() => undefined);

      expect(handled.map((h) => [h.type, h.outcome])).toEqual([
        ['IncrementTwice', 'ok'],
        ['Noop', 'ok'],
        ['Reject', 'rejected'],
        ['Increment', 'conflict'],
        ['Increment', 'conflict'],
        ['Increment', 'error'],
      ]);
      for (const h of handled) {
        expect(h.seconds).toBeGreaterThanOrEqual(0);
        expect(h.seconds).toBeLessThan(5);
      }
      expect(appended).toEqual([2]);
    });

    it('should propagate a non-AppError from the store unchanged', async () => {
      const handle = commandHandler(store, counterDecider);
      store.failAppendWith = new Error('disk on fire');
      await expect(handle(counterStream(), increment(1), ctx())).rejects.toThrow('disk on fire');
      expect(store.appends).toHaveLength(1);
    });
  });

  describe('When upcasters are given and the stream holds an old event version', () => {
    const upcasters = new Upcasters([
      // v1 stored `{ by }`; v2 is `{ amount }`.
      { type: 'Incremented', fromVersion: 1, upcast: (d) => ({ data: { amount: (d as { by: number }).by } }) },
    ]);

    it('should upcast the v1 event before evolve', async () => {
      const id = counterStream();
      await sqlite.appendToStream(id, [rawEvent('Incremented', { by: 3 }, 1)], 'no_stream');
      const handle = commandHandler(store, counterDecider, { upcasters, schemaVersions: { Incremented: 2 } });
      const result = await handle(id, increment(4), ctx());
      expect(result.state.count).toBe(7);
      expect(result.revision).toBe(1);
      expect((await sqlite.readStream(id)).map((e) => [e.metadata.schemaVersion, e.data])).toEqual([
        [1, { by: 3 }],
        [2, { amount: 4 }],
      ]);
    });

    it('should fold wrongly without them (the test would notice a missing upcast)', async () => {
      const id = counterStream();
      await sqlite.appendToStream(id, [rawEvent('Incremented', { by: 3 }, 1)], 'no_stream');
      const loaded = await loadAggregate(sqlite, counterDecider, id);
      expect(loaded.state.count).toBeNaN();
      const upcasted = await loadAggregate(sqlite, counterDecider, id, { upcasters });
      expect(upcasted.state.count).toBe(3);
      expect(upcasted.events[0]).toMatchObject({ data: { amount: 3 }, metadata: { schemaVersion: 2 } });
    });
  });
});

describe('loadAggregate', () => {
  describe('When the stream does not exist', () => {
    it('should return the initial state at revision -1', async () => {
      const store = new SqliteEventStore({ path: ':memory:' });
      try {
        expect(await loadAggregate(store, counterDecider, counterStream())).toEqual({
          state: counterDecider.initialState(),
          revision: -1,
          events: [],
        });
      } finally {
        await store.close();
      }
    });
  });

  describe('When folding as of a past instant (recordedUntil)', () => {
    const clock = new FixedClock(new Date('2026-03-01T08:00:00.000Z'));
    let store: SqliteEventStore;
    beforeEach(() => {
      store = new SqliteEventStore({ path: ':memory:', clock });
    });
    afterEach(async () => {
      await store.close();
    });

    it('should fold only the events recorded at or before that instant', async () => {
      const handle = commandHandler(store, counterDecider);
      const id = counterStream();
      clock.set('2026-03-01T08:00:00.000Z');
      await handle(id, increment(1), ctx());
      clock.set('2026-03-02T08:00:00.000Z');
      await handle(id, increment(10), ctx());
      clock.set('2026-03-03T08:00:00.000Z');
      await handle(id, increment(100), ctx());

      expect((await store.readStream(id)).map((e) => e.recordedAt)).toEqual([
        '2026-03-01T08:00:00.000Z',
        '2026-03-02T08:00:00.000Z',
        '2026-03-03T08:00:00.000Z',
      ]);
      const before = await loadAggregate(store, counterDecider, id, { recordedUntil: '2026-02-28T00:00:00.000Z' });
      expect(before).toMatchObject({ state: { count: 0 }, revision: -1, events: [] });
      const asOfDay2 = await loadAggregate(store, counterDecider, id, { recordedUntil: '2026-03-02T12:00:00.000Z' });
      expect(asOfDay2.state.count).toBe(11);
      expect(asOfDay2.revision).toBe(1);
      expect(asOfDay2.events.map((e) => e.revision)).toEqual([0, 1]);
      const exactlyDay2 = await loadAggregate(store, counterDecider, id, { recordedUntil: '2026-03-02T08:00:00.000Z' });
      expect(exactlyDay2.state.count).toBe(11);
      const now = await loadAggregate(store, counterDecider, id);
      expect(now.state.count).toBe(111);
    });
  });

  describe('When folding as of a business time (occurredUntil)', () => {
    it('should skip later facts but still report the stream revision', async () => {
      const store = new SqliteEventStore({ path: ':memory:' });
      try {
        const handle = commandHandler(store, counterDecider);
        const id = counterStream();
        await handle(id, increment(1), ctx({ occurredAt: '2026-03-01T00:00:00.000Z' }));
        await handle(id, increment(10), ctx({ occurredAt: '2026-03-05T00:00:00.000Z' }));
        await handle(id, increment(100), ctx({ occurredAt: '2026-03-02T00:00:00.000Z' }));
        const asOf = await loadAggregate(store, counterDecider, id, { occurredUntil: '2026-03-03T00:00:00.000Z' });
        expect(asOf.state.count).toBe(101);
        expect(asOf.events.map((e) => e.revision)).toEqual([0, 2]);
        expect(asOf.revision).toBe(2);
      } finally {
        await store.close();
      }
    });
  });
});
