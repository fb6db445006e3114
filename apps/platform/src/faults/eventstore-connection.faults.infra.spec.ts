import { EventStoreDbEventStore } from '@ooh/adapter-eventstoredb';
import { newId, type RecordedEvent } from '@ooh/eventing';
import { testEvent } from '@ooh/eventing-testing';
import { TcpFaultProxy } from '../testing/faults/tcp-fault-proxy';

const esdbUrl = process.env.ESDB_URL;

/**
 * Fault case 13: the event-store subscription's connection cut or left half-open. Needs an
 * EventStoreDB server (ESDB_URL); none can run on a machine without Docker, so it is skipped there.
 */
if (!esdbUrl) {
  process.stderr.write('SKIPPED: fault case 13 (EventStoreDB subscription cut or half-open) — set ESDB_URL=esdb://host:2113?tls=false to run it\n');
  describe.skip('event-store subscription faults (ESDB_URL not set)', () => it('needs EventStoreDB', () => undefined));
} else {
  jest.setTimeout(120_000);

  describe('an EventStoreDB subscription whose connection is cut or half-open', () => {
    const target = new URL(esdbUrl.replace(/^esdb(\+discover)?:/, 'http:'));
    const proxy = new TcpFaultProxy({ target: { host: target.hostname, port: Number(target.port || 2113) } });
    let store: EventStoreDbEventStore;
    let writer: EventStoreDbEventStore;

    beforeAll(async () => {
      const { port } = await proxy.start();
      store = new EventStoreDbEventStore({ connectionString: `esdb://127.0.0.1:${port}?tls=false&keepAliveInterval=1000&keepAliveTimeout=3000` });
      writer = new EventStoreDbEventStore({ connectionString: esdbUrl });
    });
    afterAll(async () => {
      await store.close();
      await writer.close();
      await proxy.stop();
    });

    it.each(['reset', 'blackHole'] as const)('resubscribes from its checkpoint after a %s: no gap, nothing twice', async (fault) => {
      const category = `fault${newId().replace(/-/g, '').slice(-10)}`;
      const stream = `${category}-1`;
      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      const head = await writer.headPosition();
      const reading = (async () => {
        for await (const batch of store.subscribe({ after: head, signal: controller.signal, filter: { categories: [category] } })) seen.push(...batch.events);
      })();
      await writer.appendToStream(stream, [testEvent('A'), testEvent('B')], 'no_stream');
      await waitFor(() => seen.length === 2);
      await proxy[fault]();
      await writer.appendToStream(stream, [testEvent('C')], 1);
      await new Promise((r) => setTimeout(r, 5_000)); // beyond the keep-alive timeout
      await proxy.pass();
      await writer.appendToStream(stream, [testEvent('D')], 2);
      await waitFor(() => seen.length >= 4, 60_000);
      controller.abort();
      await reading;
      expect(seen.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    });
  });
}

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
