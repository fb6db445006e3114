import { SqliteEventStore, SqliteReadModelStore } from '@ooh/adapter-sqlite';
import { rebuildInShadow, startProjection, type RebuildProgress, type RunningSubscription } from '@ooh/eventing';
import { counterProjection, counterStream, incremented } from './fixtures/counter';

/** Given a live projection serving documents, when it is rebuilt in a shadow, then readers see the old ones until the swap. */
describe('rebuildInShadow', () => {
  let events: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  let live: RunningSubscription | undefined;

  beforeEach(async () => {
    events = new SqliteEventStore({ path: ':memory:' });
    readModels = new SqliteReadModelStore({ path: ':memory:' });
    for (let i = 0; i < 30; i++) await events.appendToStream(counterStream(`c${i % 3}`), [incremented(1)], i < 3 ? 'no_stream' : Math.floor(i / 3) - 1);
    live = await startProjection(counterProjection, { store: events, readModels });
    await live.waitFor(30);
  });
  afterEach(async () => {
    await live?.stop();
    await events.close();
    await readModels.close();
  });

  const pause = (seen: string[]) => async () => {
    seen.push(`paused; live c0 = ${JSON.stringify((await readModels.get<{ count: number }>('counters', 'c0'))?.doc.count)}`);
    await live?.stop();
    live = undefined;
    return async () => {
      seen.push('resumed');
      live = await startProjection(counterProjection, { store: events, readModels });
    };
  };

  it('serves the live documents while the shadow fills, then swaps in the fold of the log with events appended meanwhile', async () => {
    // Damaged behind the projection's back: only a rebuild brings it back.
    await readModels.commit([{ op: 'put', collection: 'counters', id: 'c0', doc: { id: 'c0', count: -1, increments: 0 }, position: 1e9 }]);
    const seen: string[] = [];
    const progress: RebuildProgress[] = [];
    const done = await rebuildInShadow(counterProjection, {
      store: events,
      readModels,
      batchSize: 7,
      pauseLive: pause(seen),
      onProgress: (p) => {
        progress.push(p);
        // Appended during the rebuild, after its first batch.
        if (progress.length === 2) void events.appendToStream(counterStream('c1'), [incremented(100)], 9);
      },
    });
    expect(seen).toEqual(['paused; live c0 = -1', 'resumed']);
    expect(done).toMatchObject({ state: 'done', position: 31, events: 31 });
    expect(progress.filter((p) => p.state === 'rebuilding').length).toBeGreaterThan(3);
    expect((await readModels.get<{ count: number }>('counters', 'c0'))?.doc.count).toBe(10);
    expect((await readModels.get<{ count: number }>('counters', 'c1'))?.doc.count).toBe(110);
    expect(await readModels.getCheckpoint(counterProjection.name)).toBe(31);
    // The live projection goes on in the promoted generation.
    await events.appendToStream(counterStream('c2'), [incremented(5)], 9);
    await live!.waitFor(32);
    expect((await readModels.get<{ count: number }>('counters', 'c2'))?.doc.count).toBe(15);
  });

  it('discards the shadow when it fails or is aborted, leaving the live read models and checkpoint as they were', async () => {
    const before = await readModels.find('counters');
    const aborted = new AbortController();
    aborted.abort();
    await expect(rebuildInShadow(counterProjection, { store: events, readModels, pauseLive: pause([]), signal: aborted.signal })).rejects.toMatchObject({
      code: 'REBUILD_ABORTED',
    });
    const failing = { ...counterProjection, apply: () => Promise.reject(new Error('projection bug')) };
    const progress: RebuildProgress[] = [];
    await expect(rebuildInShadow(failing, { store: events, readModels, pauseLive: pause([]), onProgress: (p) => progress.push(p) })).rejects.toThrow(
      'projection bug',
    );
    expect(progress.at(-1)).toMatchObject({ state: 'failed', error: 'projection bug' });
    expect(await readModels.find('counters')).toEqual(before);
    expect(await readModels.getCheckpoint(counterProjection.name)).toBe(30);
    // A later rebuild starts from an empty shadow.
    await expect(rebuildInShadow(counterProjection, { store: events, readModels, pauseLive: pause([]) })).resolves.toMatchObject({ state: 'done', events: 30 });
  });
});
