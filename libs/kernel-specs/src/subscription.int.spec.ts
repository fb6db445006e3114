import { SqliteEventStore } from '@ooh/adapter-sqlite';
import { type RecordedEvent, sleep, startSubscription, type RunningSubscription, type SubscriptionOptions } from '@ooh/eventing';
import { deferred, eventually } from './fixtures/async';
import { counterStream, incremented, rawEvent } from './fixtures/counter';

describe('startSubscription', () => {
  let store: SqliteEventStore;
  let checkpoint: number;
  let subs: RunningSubscription[];

  const start = (options: Partial<SubscriptionOptions> & Pick<SubscriptionOptions, 'handleBatch'>) => {
    const sub = startSubscription({
      name: 'test-sub',
      store,
      filter: { streamPrefix: 'test.' },
      loadCheckpoint: async () => checkpoint,
      retryDelayMs: 20,
      ...options,
    });
    subs.push(sub);
    return sub;
  };

  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:' });
    checkpoint = 0;
    subs = [];
  });
  afterEach(async () => {
    await Promise.all(subs.map((s) => s.stop()));
    await store.close();
  });

  const appendSome = async (n: number, stream = counterStream()) => {
    await store.appendToStream(
      stream,
      Array.from({ length: n }, (_, i) => incremented(i + 1)),
      'any',
    );
  };

  describe('When its filter does not name the streams it reads', () => {
    it('should refuse to start: event types alone would match every context of a shared log', () => {
      for (const filter of [{ eventTypes: ['InspectionRecorded'] }, {}, { categories: [] }, { streamPrefix: '' }]) {
        expect(() => start({ filter: filter as never, handleBatch: async () => undefined })).toThrow(/must name the stream categories/);
      }
    });

    it('should read only the named categories, whatever the event types', async () => {
      await store.appendToStream('other.thing-1', [rawEvent('Incremented', { amount: 1 })], 'no_stream');
      await store.appendToStream(counterStream('c1'), [rawEvent('Incremented', { amount: 2 })], 'no_stream');
      const seen: string[] = [];
      const sub = start({
        filter: { categories: ['test.counter'], eventTypes: ['Incremented'] },
        handleBatch: async (events) => void seen.push(...events.map((e) => e.streamId)),
      });
      await sub.waitFor(2);
      expect(seen).toEqual([counterStream('c1')]);
    });
  });

  describe('When events are in the log', () => {
    it('should hand them over in order, in batches, and advance the position', async () => {
      await appendSome(5);
      const batches: Array<{ positions: number[]; position: number }> = [];
      const sub = start({
        batchSize: 2,
        handleBatch: async (events, position) => {
          batches.push({ positions: events.map((e) => e.position), position });
          checkpoint = position;
        },
      });
      await sub.waitFor(5);
      expect(batches).toEqual([
        { positions: [1, 2], position: 2 },
        { positions: [3, 4], position: 4 },
        { positions: [5], position: 5 },
      ]);
      expect(sub.position()).toBe(5);
      expect(sub.lastError()).toBeUndefined();
    });

    it('should resume after the loaded checkpoint', async () => {
      await appendSome(4);
      checkpoint = 2;
      const handled: number[] = [];
      const sub = start({ handleBatch: async (events) => void handled.push(...events.map((e) => e.position)) });
      await sub.waitFor(4);
      expect(handled).toEqual([3, 4]);
    });

    it('should apply the filter but still advance past events it does not match', async () => {
      await store.appendToStream('test.other-1', [incremented(1)], 'no_stream');
      await store.appendToStream(counterStream('a'), [incremented(1)], 'no_stream');
      await store.appendToStream('test.other-2', [rawEvent('Noise', {})], 'no_stream');
      const handled: string[] = [];
      const sub = start({
        filter: { categories: ['test.counter'] },
        handleBatch: async (events) => void handled.push(...events.map((e) => e.streamId)),
      });
      await sub.waitFor(3);
      expect(handled).toEqual(['test.counter-a']);
    });
  });

  describe('When handleBatch fails twice and then succeeds', () => {
    it('should retry the same batch with backoff, skipping nothing, then move on', async () => {
      await appendSome(3);
      const attempts: Array<{ at: number; positions: number[] }> = [];
      const handled: RecordedEvent[] = [];
      const errorsSeenWhileFailing: Array<string | undefined> = [];
      const logged: Array<Record<string, unknown>> = [];
      const sub: RunningSubscription = start({
        retryDelayMs: 40,
        logger: {
          error: (obj, msg) => {
            logged.push({ ...obj, msg });
            errorsSeenWhileFailing.push(sub.lastError());
          },
        },
        handleBatch: async (events, position) => {
          attempts.push({ at: Date.now(), positions: events.map((e) => e.position) });
          if (attempts.length <= 2) throw new Error(`flaky handler #${attempts.length}`);
          handled.push(...events);
          checkpoint = position;
        },
      });

      await sub.waitFor(3);

      expect(attempts.map((a) => a.positions)).toEqual([
        [1, 2, 3],
        [1, 2, 3],
        [1, 2, 3],
      ]);
      expect(handled.map((e) => e.position)).toEqual([1, 2, 3]);
      expect(checkpoint).toBe(3);
      expect(sub.position()).toBe(3);
      // backoff: ~40 ms, then ~80 ms
      expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(35);
      expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(75);
      expect(errorsSeenWhileFailing).toEqual(['flaky handler #1', 'flaky handler #2']);
      expect(logged.map((l) => [l.subscription, l.position, l.msg])).toEqual([
        ['test-sub', 0, 'subscription batch failed; retrying'],
        ['test-sub', 0, 'subscription batch failed; retrying'],
      ]);
      expect(sub.lastError()).toBeUndefined();
    });

    it('should reload the checkpoint before retrying, so handled work is not redone', async () => {
      await appendSome(4);
      const handled: number[] = [];
      let failed = false;
      const sub = start({
        batchSize: 2,
        handleBatch: async (events, position) => {
          if (position === 4 && !failed) {
            failed = true;
            throw new Error('second batch fails once');
          }
          handled.push(...events.map((e) => e.position));
          checkpoint = position;
        },
      });
      await sub.waitFor(4);
      expect(handled).toEqual([1, 2, 3, 4]);
    });
  });

  describe('When handleBatch keeps failing', () => {
    it('should expose lastError, hold its position and not skip ahead', async () => {
      await appendSome(2);
      let calls = 0;
      const sub = start({
        handleBatch: async () => {
          calls += 1;
          throw new Error('database unreachable');
        },
      });
      await eventually(() => calls >= 2, 2_000, 'two attempts');
      expect(sub.lastError()).toBe('database unreachable');
      expect(sub.position()).toBe(0);
      await expect(sub.waitFor(2, 30)).rejects.toThrow('test-sub did not reach position 2 in 30 ms (at 0, error: database unreachable)');
    });

    it('should report a non-Error rejection as its string', async () => {
      await appendSome(1);
      const sub = start({
        handleBatch: async () => {
          throw 'plain string failure';
        },
      });
      await eventually(() => sub.lastError() !== undefined, 2_000, 'an error');
      expect(sub.lastError()).toBe('plain string failure');
    });

    it('should retry a failing loadCheckpoint too', async () => {
      await appendSome(1);
      let loads = 0;
      const handled: number[] = [];
      const sub = start({
        loadCheckpoint: async () => {
          loads += 1;
          if (loads === 1) throw new Error('checkpoint store down');
          return 0;
        },
        handleBatch: async (events) => void handled.push(...events.map((e) => e.position)),
      });
      await sub.waitFor(1);
      expect(loads).toBe(2);
      expect(handled).toEqual([1]);
    });
  });

  describe('When stopped', () => {
    it('should end the loop: later appends are not handled', async () => {
      await appendSome(1);
      const handled: number[] = [];
      const sub = start({ handleBatch: async (events) => void handled.push(...events.map((e) => e.position)) });
      await sub.waitFor(1);
      await sub.stop();

      await appendSome(2);
      await new Promise((r) => setTimeout(r, 30));
      expect(handled).toEqual([1]);
      expect(sub.position()).toBe(1);
    });

    it('should return promptly while idle-waiting for appends', async () => {
      const sub = start({ handleBatch: async () => undefined });
      await new Promise((r) => setTimeout(r, 10));
      const t = Date.now();
      await sub.stop();
      expect(Date.now() - t).toBeLessThan(500);
    });

    it('should return promptly while backing off after a failure', async () => {
      await appendSome(1);
      let calls = 0;
      const sub = start({
        retryDelayMs: 60_000,
        handleBatch: async () => {
          calls += 1;
          throw new Error('fail');
        },
      });
      await eventually(() => sub.lastError() !== undefined, 2_000, 'the first failure');
      const t = Date.now();
      await sub.stop();
      expect(Date.now() - t).toBeLessThan(500);
      expect(calls).toBe(1);
    });

    it('should wait for the batch in flight before resolving', async () => {
      await appendSome(1);
      const gate = deferred();
      const entered = deferred();
      let finished = false;
      const sub = start({
        handleBatch: async () => {
          entered.resolve();
          await gate.promise;
          finished = true;
        },
      });
      await entered.promise;
      let stopped = false;
      const stopping = sub.stop().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 10));
      expect(stopped).toBe(false);
      gate.resolve();
      await stopping;
      expect(finished).toBe(true);
    });
  });

  describe('When the event store is closed under a running subscription', () => {
    it('should back off (not spin), report it, and still stop cleanly', async () => {
      let loads = 0;
      const sub = start({
        retryDelayMs: 20,
        loadCheckpoint: async () => {
          loads += 1;
          return 0;
        },
        handleBatch: async () => undefined,
      });
      await new Promise((r) => setTimeout(r, 10));
      await store.close();
      // If the loop restarted at once every time the log ended, this timer would never fire.
      await new Promise((r) => setTimeout(r, 100));
      expect(loads).toBeLessThan(20);
      expect(sub.lastError()).toMatch(/ended/);
      await sub.stop();
    });
  });

  describe('When reporting progress', () => {
    it('should call instrumentation with name, position and head after each batch', async () => {
      await appendSome(3);
      const progress: Array<[string, number, number]> = [];
      const sub = start({
        batchSize: 2,
        instrumentation: { commandHandled: () => undefined, eventsAppended: () => undefined, subscriptionProgress: (n, p, h) => progress.push([n, p, h]) },
        handleBatch: async () => undefined,
      });
      await sub.waitFor(3);
      expect(progress).toEqual([
        ['test-sub', 2, 3],
        ['test-sub', 3, 3],
      ]);
    });
  });
});

describe('sleep', () => {
  describe('When not aborted', () => {
    it('should resolve after the delay', async () => {
      const t = Date.now();
      await sleep(30);
      expect(Date.now() - t).toBeGreaterThanOrEqual(25);
    });
  });

  describe('When aborted', () => {
    it('should resolve at once when the signal aborts during the wait', async () => {
      const controller = new AbortController();
      const t = Date.now();
      const sleeping = sleep(60_000, controller.signal);
      setTimeout(() => controller.abort(), 10);
      await sleeping;
      expect(Date.now() - t).toBeLessThan(1_000);
    });

    it('should resolve at once when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const t = Date.now();
      await sleep(60_000, controller.signal);
      expect(Date.now() - t).toBeLessThan(100);
    });
  });
});
