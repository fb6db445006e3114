import { SqliteMessageBus } from '@ooh/adapter-in-process-bus';
import { newId, type IntegrationMessage } from '@ooh/eventing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(120_000);

/**
 * Fault case 14: a consumer taking 200 ms per message, 5,000 messages behind. The bus hands it
 * pages, not the backlog, so memory stays flat while lag is reported; once it speeds up, every
 * message arrives once, in order.
 */
describe('a slow consumer behind a large backlog', () => {
  it('keeps memory bounded, reports its lag, and loses nothing', async () => {
    const bus = new SqliteMessageBus({ path: join(mkdtempSync(join(tmpdir(), 'slow-')), 'bus.db') });
    const payload = 'x'.repeat(20_000); // 5,000 x 20 KB: 100 MB if the backlog were held in memory
    const messages: IntegrationMessage[] = Array.from({ length: 5000 }, (_, n) => {
      const id = newId();
      return {
        messageId: id,
        type: 't.slow',
        version: 1,
        key: `k${n % 7}`,
        data: { n, payload },
        correlationId: id,
        causationId: id,
        occurredAt: '2026-11-25T00:00:00Z',
        producer: 'test',
      };
    });
    for (let i = 0; i < messages.length; i += 500) await bus.publish(messages.slice(i, i + 500));

    let slow = true;
    const handled: number[] = [];
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 50);
    const consumer = await bus.consume({
      group: 'slow',
      types: ['t.slow'],
      handle: async (m) => {
        if (slow) await new Promise((r) => setTimeout(r, 200));
        handled.push((m.data as { n: number }).n);
      },
    });
    try {
      await new Promise((r) => setTimeout(r, 3_000));
      const lag = (await bus.lag()).slow;
      expect(lag).toBeGreaterThan(4900);
      expect(lag).toBeLessThanOrEqual(5000 - handled.length + 100);
      expect(handled.length).toBeLessThan(30);
      expect(heapPeak - heapBefore).toBeLessThan(40 * 1024 * 1024);

      slow = false;
      const until = Date.now() + 90_000;
      while (handled.length < messages.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(handled).toEqual(messages.map((_, n) => n));
      expect((await bus.lag()).slow).toBe(0);
    } finally {
      clearInterval(sampler);
      await consumer.stop();
      await bus.close();
    }
  });
});
