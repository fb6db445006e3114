import { isAppError, newId, type EventStore, type LogBatch, type NewEvent } from '@ooh/eventing';

export interface EventStoreFactory {
  create(): Promise<EventStore>;
  /** Reopen the same storage (durability across restarts); omit when the adapter cannot. */
  reopen?(previous: EventStore): Promise<EventStore>;
}

const actor = { userId: 'tester', role: 'ops-staff' };
export function testEvent(type = 'ThingHappened', data: Record<string, unknown> = { n: 1 }): NewEvent {
  return {
    eventId: newId(),
    type,
    data,
    metadata: { correlationId: newId(), causationId: newId(), actor, occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 },
  };
}

/** The contract every EventStore adapter passes. Call it from the adapter's own spec file. */
export function eventStoreConformance(name: string, factory: EventStoreFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    const stream = () => `test.thing-${newId()}`;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('appends to a new stream and reads it back in order with revisions and positions', async () => {
      const s = stream();
      const result = await store.appendToStream(s, [testEvent('A'), testEvent('B')], 'no_stream');
      expect(result.nextExpectedRevision).toBe(1);
      const read = await store.readStream(s);
      expect(read.map((e) => [e.type, e.revision])).toEqual([
        ['A', 0],
        ['B', 1],
      ]);
      expect(read[1].position).toBeGreaterThan(read[0].position);
      expect(read[0].metadata.actor).toEqual(actor);
      expect(typeof read[0].recordedAt).toBe('string');
    });

    it('refuses no_stream on an existing stream and a stale numeric revision', async () => {
      const s = stream();
      await store.appendToStream(s, [testEvent()], 'no_stream');
      await expect(store.appendToStream(s, [testEvent()], 'no_stream')).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
      await expect(store.appendToStream(s, [testEvent()], 5)).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION', actual: 0 });
      await store.appendToStream(s, [testEvent()], 0);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('honours stream_exists and any', async () => {
      const s = stream();
      await expect(store.appendToStream(s, [testEvent()], 'stream_exists')).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
      await store.appendToStream(s, [testEvent()], 'any');
      await store.appendToStream(s, [testEvent()], 'stream_exists');
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('is idempotent by event id: re-appending stored events stores nothing and returns the first result', async () => {
      const s = stream();
      const events = [testEvent('A'), testEvent('B')];
      const first = await store.appendToStream(s, events, 'no_stream');
      const again = await store.appendToStream(s, events, 'no_stream');
      expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
      expect(again.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position));
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('refuses an append that reuses only some stored event ids', async () => {
      const s = stream();
      const a = testEvent('A');
      await store.appendToStream(s, [a], 'no_stream');
      const err = await store.appendToStream(s, [a, testEvent('B')], 0).catch((e) => e);
      expect(isAppError(err)).toBe(true);
      expect(await store.readStream(s)).toHaveLength(1);
    });

    it('lets exactly one of many concurrent appends at the same revision win', async () => {
      const s = stream();
      await store.appendToStream(s, [testEvent()], 'no_stream');
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => store.appendToStream(s, [testEvent()], 0)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const revisions = (await store.readStream(s)).map((e) => e.revision);
      expect(revisions).toEqual([0, 1]);
    });

    it('keeps concurrent appends to different streams all, with contiguous revisions', async () => {
      const streams = Array.from({ length: 20 }, stream);
      await Promise.all(streams.map((s) => store.appendToStream(s, [testEvent(), testEvent()], 'no_stream')));
      for (const s of streams) expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1]);
    });

    it('reads a stream from a revision and as recorded until an instant', async () => {
      const s = stream();
      await store.appendToStream(s, [testEvent('A'), testEvent('B'), testEvent('C')], 'no_stream');
      expect((await store.readStream(s, { fromRevision: 1 })).map((e) => e.type)).toEqual(['B', 'C']);
      expect(await store.readStream(s, { recordedUntil: '2000-01-01T00:00:00.000Z' })).toEqual([]);
      expect(await store.readStream(`test.thing-${newId()}`)).toEqual([]);
    });

    it('reads the global log after a position, in order, filtered by category and type', async () => {
      const before = await store.headPosition();
      const a = `test.alpha-${newId()}`;
      const b = `test.beta-${newId()}`;
      await store.appendToStream(a, [testEvent('A1')], 'no_stream');
      await store.appendToStream(b, [testEvent('B1')], 'no_stream');
      await store.appendToStream(a, [testEvent('A2')], 0);
      const all = await store.readAll({ after: before, maxCount: 100 });
      expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'A2']);
      const alpha = await store.readAll({ after: before, maxCount: 100, filter: { categories: ['test.alpha'] } });
      expect(alpha.map((e) => e.type)).toEqual(['A1', 'A2']);
      const byType = await store.readAll({ after: before, maxCount: 100, filter: { eventTypes: ['B1'] } });
      expect(byType.map((e) => e.streamId)).toEqual([b]);
      const prefixed = await store.readAll({ after: before, maxCount: 1, filter: { streamPrefix: 'test.' } });
      expect(prefixed.map((e) => e.type)).toEqual(['A1']);
      expect(await store.headPosition()).toBe(all[2].position);
    });

    it('subscribes from a checkpoint: existing events first, then new ones as appended', async () => {
      const s = stream();
      await store.appendToStream(s, [testEvent('Old')], 'no_stream');
      const from = (await store.readStream(s))[0].position - 1;
      const controller = new AbortController();
      const seen: string[] = [];
      const done = (async () => {
        for await (const batch of store.subscribe({ after: from, signal: controller.signal, filter: { categories: ['test.thing'] } })) {
          seen.push(...(batch as LogBatch).events.filter((e) => e.streamId === s).map((e) => e.type));
          if (seen.length >= 2) controller.abort();
        }
      })();
      await new Promise((r) => setTimeout(r, 20));
      await store.appendToStream(s, [testEvent('New')], 0);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('subscription did not deliver')), 5000)));
      await Promise.race([done, timeout]).finally(() => clearTimeout(timer));
      controller.abort();
      expect(seen).toEqual(['Old', 'New']);
    });

    it('reports the scanned position even when no event matches the filter', async () => {
      await store.appendToStream(stream(), [testEvent()], 'no_stream');
      const head = await store.headPosition();
      const controller = new AbortController();
      for await (const batch of store.subscribe({ after: 0, signal: controller.signal, filter: { categories: ['test.nothing'] } })) {
        expect(batch.events).toEqual([]);
        expect(batch.position).toBeGreaterThanOrEqual(head);
        controller.abort();
      }
    });

    if (factory.reopen) {
      it('keeps acknowledged appends across a reopen', async () => {
        const s = stream();
        await store.appendToStream(s, [testEvent('Durable')], 'no_stream');
        store = await factory.reopen!(store);
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['Durable']);
      });
    }
  });
}
