import { openDatabase, SqliteEventStore } from '@ooh/adapter-sqlite';
import { SqliteMessageBus } from '@ooh/adapter-in-process-bus';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  commandHandler,
  deterministicId,
  newId,
  type ProcessedMessages,
  type DeliveredMessage,
  type IntegrationMessage,
  type MessageBus,
  startProcessManager,
} from '@ooh/eventing';
import { eventually } from './fixtures/async';
import { alice, counterDecider, counterStream } from './fixtures/counter';

const BOOKED = 'agency.campaign-booked';

const message = (type = BOOKED, data: Record<string, unknown> = { faces: 2 }, messageId = newId()): IntegrationMessage => ({
  messageId,
  type,
  version: 1,
  key: 'campaign-1',
  data,
  correlationId: 'corr-1',
  causationId: messageId,
  occurredAt: '2026-03-01T00:00:00.000Z',
  producer: 'agency',
});

/** The real processed-messages store, recording every consultation. */
function recordingProcessed(inner: ProcessedMessages) {
  const calls: string[] = [];
  const processed: ProcessedMessages = {
    once: (consumer, messageId, effect) => {
      calls.push(`${consumer}:${messageId}`);
      return inner.once(consumer, messageId, effect);
    },
  };
  return { processed, calls };
}

describe('startProcessManager', () => {
  let dir: string;
  let bus: SqliteMessageBus;
  const closers: Array<() => Promise<void>> = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pm-'));
    bus = new SqliteMessageBus({ path: join(dir, 'bus.db'), retryDelayMs: 5 });
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (deps: Partial<Parameters<typeof startProcessManager>[0]> & Pick<Parameters<typeof startProcessManager>[0], 'handle'>) => {
    const pm = await startProcessManager({ name: 'planner', bus, processed: bus, types: [BOOKED], ...deps });
    closers.push(() => pm.stop());
    return pm;
  };

  const caughtUp = (on: MessageBus, group: string) => eventually(async () => (await on.lag())[group] === 0, 5_000, `${group} to catch up`);

  describe('When the same message is published twice', () => {
    it('should have its effect once', async () => {
      const handled: DeliveredMessage[] = [];
      await start({ handle: async (m) => void handled.push(m) });
      const m = message();

      await bus.publish([m]);
      await bus.publish([m]);
      await bus.publish([{ ...m }, message(BOOKED, { last: true })]);
      await caughtUp(bus, 'planner');

      expect(handled.map((h) => h.messageId)).toEqual([m.messageId, expect.any(String)]);
      expect(handled[0]).toMatchObject({ type: BOOKED, data: { faces: 2 }, key: 'campaign-1' });
      expect(handled[1].data).toEqual({ last: true });
    });
  });

  describe('When the same message is delivered again to the same group (offset lost in a crash)', () => {
    it('should consult the processed store again but not repeat the effect', async () => {
      const handled: string[] = [];
      const { processed, calls } = recordingProcessed(bus);
      const first = await start({ processed, handle: async (m) => void handled.push(m.messageId) });
      const m = message();
      await bus.publish([m]);
      await caughtUp(bus, 'planner');
      await first.stop();

      const db = openDatabase(join(dir, 'bus.db'));
      try {
        db.prepare('UPDATE bus_offsets SET offset = 0 WHERE grp = ?').run('planner');
      } finally {
        db.close();
      }
      await start({ processed, handle: async (m) => void handled.push(m.messageId) });
      await caughtUp(bus, 'planner');

      expect(calls).toEqual([`planner:${m.messageId}`, `planner:${m.messageId}`]); // really delivered twice
      expect(handled).toEqual([m.messageId]); // effect once
    });
  });

  describe('When a second consumer group run uses the same processed store name', () => {
    it('should not repeat the effect, while a manager with another name does act', async () => {
      const handled: string[] = [];
      const m = message();
      await start({ handle: async (msg) => void handled.push(`first:${msg.messageId}`) });
      await bus.publish([m]);
      await caughtUp(bus, 'planner');

      // Another node's bus delivers the same message to its own "planner" group; processed is shared.
      const other = new SqliteMessageBus({ path: join(dir, 'other-bus.db'), retryDelayMs: 5 });
      closers.push(() => other.close());
      await other.publish([m]);
      const { processed, calls } = recordingProcessed(bus);
      const again = await startProcessManager({
        name: 'planner',
        bus: other,
        processed,
        types: [BOOKED],
        handle: async (msg) => void handled.push(`second:${msg.messageId}`),
      });
      closers.push(() => again.stop());
      const billing = await startProcessManager({
        name: 'billing',
        bus: other,
        processed: bus,
        types: [BOOKED],
        handle: async (msg) => void handled.push(`billing:${msg.messageId}`),
      });
      closers.push(() => billing.stop());
      await caughtUp(other, 'planner');
      await caughtUp(other, 'billing');

      expect(calls).toEqual([`planner:${m.messageId}`]);
      expect(handled).toEqual([`first:${m.messageId}`, `billing:${m.messageId}`]);
    });
  });

  describe('When it crashes after the effect but before recording the message', () => {
    it('should redo the handler, and commands with ids derived from the message make that harmless', async () => {
      const events = new SqliteEventStore({ path: ':memory:' });
      closers.push(() => events.close());
      const handleCommand = commandHandler(events, counterDecider);
      const stream = counterStream('bookings');
      let crashes = 0;
      const crashingOnce: ProcessedMessages = {
        once: async (consumer, messageId, effect) => {
          if (crashes === 0) {
            crashes += 1;
            await effect(); // done, but never recorded
            throw new Error('crashed before recording');
          }
          return bus.once(consumer, messageId, effect);
        },
      };
      let handlerRuns = 0;
      await start({
        processed: crashingOnce,
        handle: async (m) => {
          handlerRuns += 1;
          await handleCommand(
            stream,
            { type: 'Increment', data: { amount: (m.data as { faces: number }).faces } },
            {
              actor: alice,
              correlationId: m.correlationId,
              causationId: m.messageId,
              occurredAt: m.occurredAt,
              eventIds: (i) => deterministicId('planner', m.messageId, String(i)),
            },
          );
        },
      });
      const m = message();
      await bus.publish([m]);
      await caughtUp(bus, 'planner');

      expect(handlerRuns).toBe(2);
      const stored = await events.readStream(stream);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ eventId: deterministicId('planner', m.messageId, '0'), metadata: { causationId: m.messageId } });
      expect(await bus.deadLetters('planner')).toEqual([]);
    });
  });

  describe('When messages of other types are published', () => {
    it('should only handle the types it listens to', async () => {
      const handled: string[] = [];
      await start({ handle: async (m) => void handled.push(m.type) });
      await bus.publish([message('agency.campaign-cancelled'), message(BOOKED), message('operations.site-retired')]);
      await caughtUp(bus, 'planner');
      expect(handled).toEqual([BOOKED]);
    });
  });

  describe('When the handler keeps failing', () => {
    it('should dead-letter the message after maxAttempts, not record it as processed, and move on', async () => {
      const attempts: string[] = [];
      const poison = message(BOOKED, { poison: true });
      const fine = message(BOOKED, { poison: false });
      await start({
        maxAttempts: 2,
        handle: async (m) => {
          attempts.push(m.messageId);
          if ((m.data as { poison: boolean }).poison) throw new Error('cannot plan this');
        },
      });
      await bus.publish([poison, fine]);
      await caughtUp(bus, 'planner');

      expect(attempts).toEqual([poison.messageId, poison.messageId, fine.messageId]);
      const dead = await bus.deadLetters('planner');
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ group: 'planner', error: 'cannot plan this', attempts: 2, message: { messageId: poison.messageId } });
      let rerun = false;
      expect(await bus.once('planner', poison.messageId, async () => void (rerun = true))).toBe(true);
      expect(rerun).toBe(true);
    });
  });
});
