import { AccessDeniedError } from '@eventstore/db-client';
import { isAppError, type LogBatch } from '@ooh/eventing';
import { eventStoreConformance, testEvent } from '@ooh/eventing-testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeEsdbServer } from './fixtures/fake-esdb-client';

/*
 * The adapter's own logic (idempotency, position resolution, batching, checkpoints, reconnection) run
 * against an in-memory model of the gRPC client (see fixtures/fake-esdb-client.ts). This is no
 * substitute for the int spec against a real server; it is what can be checked without one.
 */

function storeOn(server: FakeEsdbServer, options: Partial<ConstructorParameters<typeof EventStoreDbEventStore>[0]> = {}) {
  return new EventStoreDbEventStore({
    connectionString: 'esdb://fake:2113?tls=false',
    client: server.client(),
    idleProbeMs: 50,
    reconnect: { initialDelayMs: 10, maxDelayMs: 80 },
    ...options,
  });
}

describe('with a server that checkpoints when a subscription catches up (KurrentDB 24+)', () => {
  const server = new FakeEsdbServer();
  eventStoreConformance('EventStoreDB adapter over a fake gRPC client', {
    create: async () => storeOn(server),
    async reopen(previous) {
      await previous.close();
      return storeOn(server);
    },
  });
});

describe('with a server that sends no checkpoint on catching up (older EventStoreDB)', () => {
  const server = new FakeEsdbServer();
  server.checkpointOnCatchUp = false;
  eventStoreConformance('EventStoreDB adapter over a fake gRPC client, no catch-up checkpoint', { create: async () => storeOn(server) });
});

async function take(iterable: AsyncIterable<LogBatch>, until: (seen: LogBatch[]) => boolean, timeoutMs = 5000): Promise<LogBatch[]> {
  const seen: LogBatch[] = [];
  const run = (async () => {
    for await (const batch of iterable) {
      seen.push(batch);
      if (until(seen)) break;
    }
  })();
  await withTimeout(run, timeoutMs);
  return seen;
}

describe('EventStoreDbEventStore over the fake client', () => {
  let server: FakeEsdbServer;
  let store: EventStoreDbEventStore;
  beforeEach(() => {
    server = new FakeEsdbServer();
    store = storeOn(server);
  });
  afterEach(() => store.close());

  it('answers a retry at an outdated revision with the first result, and refuses a partial overlap', async () => {
    const events = [testEvent('A'), testEvent('B')];
    const first = await store.appendToStream('test.r-1', events, 'no_stream');
    await store.appendToStream('test.r-1', [testEvent('C')], 1);
    const retried = await store.appendToStream('test.r-1', events, 0);
    expect(retried).toEqual(first);
    const anyRetry = await store.appendToStream('test.r-1', events, 'any');
    expect(anyRetry).toEqual(first);
    const err = await store.appendToStream('test.r-1', [events[1], testEvent('D')], 2).catch((e) => e);
    expect(isAppError(err) && err.code).toBe('EVENT_ID_REUSED');
    expect((await store.readStream('test.r-1')).map((e) => e.type)).toEqual(['A', 'B', 'C']);
  });

  it('reports the actual revision on a conflict and refuses non-UUID ids', async () => {
    await store.appendToStream('test.c-1', [testEvent()], 'no_stream');
    await expect(store.appendToStream('test.c-1', [testEvent()], 3)).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION', actual: 0, expected: 3 });
    await expect(store.appendToStream('test.c-2', [testEvent()], -1)).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION', actual: -1 });
    await expect(store.appendToStream('test.c-1', [{ ...testEvent(), eventId: 'not-a-uuid' }], 0)).rejects.toMatchObject({ code: 'EVENT_ID_NOT_UUID' });
  });

  it('stores correlation and causation also under the keys EventStoreDB projections read', async () => {
    const event = testEvent();
    await store.appendToStream('test.m-1', [event], 'no_stream');
    const raw = server.log.find((r) => r.id === event.eventId)!;
    expect(raw.metadata).toMatchObject({ $correlationId: event.metadata.correlationId, $causationId: event.metadata.causationId });
    expect((await store.readStream('test.m-1'))[0].metadata).toEqual(event.metadata);
  });

  it('leaves system records out of reads and the head, but counts them as scanned', async () => {
    server.systemEventEvery = 1;
    await store.appendToStream('test.s-1', [testEvent('A')], 'no_stream');
    const lastRecord = server.log[server.log.length - 1];
    expect(lastRecord.streamId.startsWith('$')).toBe(true);
    const all = await store.readAll({ after: 0, maxCount: 100 });
    expect(all.map((e) => e.type)).toEqual(['A']);
    expect(await store.headPosition()).toBe(all[0].position);
    expect(await store.readAll({ after: all[0].position + 1, maxCount: 100 })).toEqual([]);
    expect(await store.readAll({ after: Number(lastRecord.position) + 10_000, maxCount: 100 })).toEqual([]);
  });

  it('reads from a number that is not a record position (the server would refuse it as such)', async () => {
    await store.appendToStream('test.p-1', [testEvent('A'), testEvent('B'), testEvent('C')], 'no_stream');
    const [a, b, c] = await store.readStream('test.p-1');
    expect((await store.readAll({ after: b.position - 1, maxCount: 10 })).map((e) => e.type)).toEqual(['B', 'C']);
    expect((await store.readAll({ after: a.position + 1, maxCount: 10, until: c.position - 1 })).map((e) => e.type)).toEqual(['B']);
    const batches = await take(store.subscribe({ after: b.position + 1, signal: new AbortController().signal }), (seen) =>
      seen.some((x) => x.events.length > 0),
    );
    expect(batches.flatMap((x) => x.events.map((e) => e.type))).toEqual(['C']);
  });

  it('resubscribes after a dropped connection from the last position it yielded, skipping and repeating nothing', async () => {
    const controller = new AbortController();
    const warnings: object[] = [];
    store = storeOn(server, { logger: { warn: (o) => warnings.push(o) } });
    await store.appendToStream('test.d-1', [testEvent('E0')], 'no_stream');
    const seen: string[] = [];
    const positions: number[] = [];
    const done = (async () => {
      for await (const batch of store.subscribe({ after: 0, signal: controller.signal, filter: { categories: ['test.d'] } })) {
        positions.push(batch.position);
        seen.push(...batch.events.map((e) => e.type));
        if (seen.length >= 4) controller.abort();
      }
    })();
    await waitFor(() => seen.length === 1);
    const yieldedBeforeDrop = positions[positions.length - 1];
    const subscriptionsBeforeDrop = server.subscribedFrom.length;
    server.dropSubscriptions();
    server.down = true;
    await new Promise((r) => setTimeout(r, 150));
    server.down = false;
    await store.appendToStream('test.d-1', [testEvent('E1'), testEvent('E2')], 0);
    await store.appendToStream('test.d-1', [testEvent('E3')], 2);
    await withTimeout(done, 5000);
    expect(seen).toEqual(['E0', 'E1', 'E2', 'E3']);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(new Set(positions).size).toBe(positions.length);
    // The first successful resubscription starts exactly where the consumer was told it had got to.
    expect(server.subscribedFrom[subscriptionsBeforeDrop]).toEqual({ commit: BigInt(yieldedBeforeDrop), prepare: BigInt(yieldedBeforeDrop) });
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(server.activeSubscriptions).toBe(0);
  });

  it('does not read ahead of a slow consumer (back-pressure)', async () => {
    for (let i = 0; i < 20; i++)
      await store.appendToStream(
        `test.b-${i}`,
        Array.from({ length: 50 }, () => testEvent()),
        'no_stream',
      );
    const controller = new AbortController();
    let consumed = 0;
    let maxAhead = 0;
    for await (const batch of store.subscribe({ after: 0, batchSize: 100, signal: controller.signal })) {
      await new Promise((r) => setTimeout(r, 5));
      consumed += batch.events.length;
      maxAhead = Math.max(maxAhead, server.fed - consumed);
      expect(batch.events.length).toBeLessThanOrEqual(100);
      if (consumed >= 1000) controller.abort();
    }
    expect(consumed).toBe(1000);
    // One batch in hand plus the client's two 16-item stream buffers, not the whole log.
    expect(maxAhead).toBeLessThan(200);
  });

  it('moves an idle filtered subscription past events it skips, without a server checkpoint', async () => {
    const controller = new AbortController();
    const positions: number[] = [];
    let target = Number.POSITIVE_INFINITY;
    const done = (async () => {
      for await (const batch of store.subscribe({ after: 0, signal: controller.signal, filter: { categories: ['test.wanted'] } })) {
        positions.push(batch.position);
        if (batch.position >= target) controller.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 30));
    // Live, and fewer records than a checkpoint interval: the server says nothing.
    await store.appendToStream('test.other-1', [testEvent(), testEvent()], 'no_stream');
    target = await store.headPosition();
    await withTimeout(done, 5000);
    expect(positions[positions.length - 1]).toBeGreaterThanOrEqual(target);
  });

  it('ends a subscription on a refusal that resubscribing cannot fix', async () => {
    await store.appendToStream('test.x-1', [testEvent()], 'no_stream');
    const controller = new AbortController();
    const failing = (async () => {
      for await (const batch of store.subscribe({ after: 0, signal: controller.signal })) {
        if (batch.events.length > 0) server.dropSubscriptions(new AccessDeniedError());
      }
    })();
    await expect(withTimeout(failing, 5000)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(server.activeSubscriptions).toBe(0);
  });

  it('ends subscriptions when the store closes and answers appends under way first', async () => {
    const iterating = (async () => {
      for await (const _ of store.subscribe({ after: 0, signal: new AbortController().signal })) {
        // nothing
      }
    })();
    await new Promise((r) => setTimeout(r, 20));
    const append = store.appendToStream('test.z-1', [testEvent()], 'no_stream');
    await store.close();
    await expect(append).resolves.toMatchObject({ nextExpectedRevision: 0 });
    await withTimeout(iterating, 2000);
    await expect(store.readStream('test.z-1')).rejects.toThrow(/closed/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}
