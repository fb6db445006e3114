import { SqliteEventStore } from '@ooh/adapter-sqlite';
import { AggregateCache, commandHandler, loadAggregate, type CommandContext, type Decider, type ReadStreamOptions } from '@ooh/eventing';
import { alice, counterDecider, counterStream, increment, incremented, type CounterCommand, type CounterEvent, type CounterState } from './fixtures/counter';

const ctx: CommandContext = { actor: alice, correlationId: 'corr-cache', occurredAt: '2026-03-01T08:00:00.000Z' };

/** Counts what each readStream returned, so a test can tell a full read from a tail read. */
class CountingStore extends SqliteEventStore {
  readonly reads: Array<{ streamId: string; fromRevision?: number; returned: number }> = [];
  override async readStream(streamId: string, options: ReadStreamOptions = {}) {
    const events = await super.readStream(streamId, options);
    this.reads.push({ streamId, fromRevision: options.fromRevision, returned: events.length });
    return events;
  }
}

describe('AggregateCache (in-memory snapshots)', () => {
  let store: CountingStore;
  beforeEach(() => {
    store = new CountingStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('reads a long stream once, then only what was appended after the cached state', async () => {
    const stream = counterStream();
    for (let i = 0; i < 50; i++) await store.appendToStream(stream, [incremented(1)], i === 0 ? 'no_stream' : i - 1);
    const cache = new AggregateCache(store);
    const first = await cache.load(counterDecider, stream);
    await store.appendToStream(stream, [incremented(5)], 49);
    const second = await cache.load(counterDecider, stream);
    expect(first).toMatchObject({ revision: 49, state: { count: 50, increments: 50 } });
    expect(second).toMatchObject({ revision: 50, state: { count: 55, increments: 51 } });
    expect(store.reads.map((r) => r.returned)).toEqual([50, 1]);
    expect(store.reads[1].fromRevision).toBe(50);
    expect(second.state).toEqual((await loadAggregate(store, counterDecider, stream)).state);
  });

  it('sees what another writer appended (another process, another cache) and decides on it', async () => {
    const stream = counterStream();
    const mine = commandHandler(store, counterDecider);
    const theirs = commandHandler(store, counterDecider);
    await mine(stream, increment(1), ctx);
    await theirs(stream, increment(2), ctx);
    await theirs(stream, { type: 'Close', data: { reason: 'done' } }, ctx);
    await expect(mine(stream, increment(3), ctx)).rejects.toMatchObject({ code: 'COUNTER_CLOSED' });
    expect((await loadAggregate(store, counterDecider, stream)).state).toEqual({ count: 3, increments: 2, closed: true });
  });

  it('keeps the state after an append, so the next command on the stream reads nothing old', async () => {
    const stream = counterStream();
    const handle = commandHandler(store, counterDecider);
    for (let i = 0; i < 5; i++) await handle(stream, increment(2), ctx);
    expect(store.reads.map((r) => r.returned)).toEqual([0, 0, 0, 0, 0]);
    expect((await loadAggregate(store, counterDecider, stream)).state).toEqual({ count: 10, increments: 5, closed: false });
  });

  it('loads as of a past date from the store in full, never from the cache', async () => {
    const stream = counterStream();
    await store.appendToStream(stream, [incremented(1)], 'no_stream');
    const cache = new AggregateCache(store);
    await cache.load(counterDecider, stream);
    const past = await cache.load(counterDecider, stream, { recordedUntil: '2000-01-01T00:00:00.000Z' });
    expect(past).toMatchObject({ revision: -1, state: { count: 0 } });
    expect(store.reads[1]).toMatchObject({ fromRevision: undefined });
  });

  it('hands out frozen states: a decider that mutates its state fails instead of corrupting the cache', async () => {
    const mutating: Decider<CounterCommand, CounterEvent, CounterState> = {
      ...counterDecider,
      evolve(state, event) {
        if (event.type === 'Incremented') {
          state.count += event.data.amount;
          return state;
        }
        return counterDecider.evolve(state, event);
      },
    };
    const stream = counterStream();
    const handle = commandHandler(store, mutating);
    await handle(stream, increment(1), ctx);
    // The second command's event is stored; folding it onto the cached (frozen) state is what fails.
    await expect(handle(stream, increment(1), ctx)).rejects.toThrow(TypeError);
    expect((await loadAggregate(store, counterDecider, stream)).state.count).toBe(2);
  });

  it('forgets the least recently used streams beyond its capacity', async () => {
    const cache = new AggregateCache(store, 2);
    const [a, b, c] = [counterStream(), counterStream(), counterStream()];
    for (const s of [a, b, c]) await store.appendToStream(s, [incremented(1), incremented(1)], 'no_stream');
    for (const s of [a, b, a, c, a]) await cache.load(counterDecider, s);
    // a (used last) stays cached; b was dropped when c came in.
    await cache.load(counterDecider, b);
    expect(store.reads.map((r) => [r.streamId, r.returned])).toEqual([
      [a, 2],
      [b, 2],
      [a, 0],
      [c, 2],
      [a, 0],
      [b, 2],
    ]);
  });
});
