import { newId, NotYet, type DeliveredMessage, type IntegrationMessage, type MessageBus } from '@ooh/eventing';
import { eventually } from '../eventually';

export interface MessageBusFactory {
  create(): Promise<MessageBus>;
  reopen?(previous: MessageBus): Promise<MessageBus>;
}

export function testMessage(type = 'test.thing-happened', key = 'k1', data: unknown = { n: 1 }): IntegrationMessage {
  const id = newId();
  return { messageId: id, type, version: 1, key, data, correlationId: id, causationId: id, occurredAt: new Date(0).toISOString(), producer: 'test' };
}

/** The contract every MessageBus adapter passes. */
export function messageBusConformance(name: string, factory: MessageBusFactory): void {
  describe(`MessageBus contract: ${name}`, () => {
    let bus: MessageBus;
    beforeEach(async () => {
      bus = await factory.create();
    });
    afterEach(async () => {
      await bus.close();
    });

    it('delivers every message to each group once, in publish order per key', async () => {
      const messages = [testMessage('t.a', 'k1', 1), testMessage('t.a', 'k1', 2), testMessage('t.a', 'k2', 3)];
      await bus.publish(messages);
      const got: Record<string, Array<{ key: string; data: unknown }>> = { g1: [], g2: [] };
      for (const group of ['g1', 'g2']) await bus.consume({ group, types: ['t.a'], handle: async (m) => void got[group].push({ key: m.key, data: m.data }) });
      await eventually(() => got.g1.length === 3 && got.g2.length === 3);
      for (const group of ['g1', 'g2']) {
        // Order is promised per key (one aggregate), not across keys (Kafka partitions are independent).
        expect(got[group].filter((m) => m.key === 'k1').map((m) => m.data)).toEqual([1, 2]);
        expect(got[group].map((m) => m.data).sort()).toEqual([1, 2, 3]);
      }
    });

    it('dedupes a message published twice', async () => {
      const m = testMessage('t.dup');
      await bus.publish([m]);
      await bus.publish([m]);
      const got: DeliveredMessage[] = [];
      await bus.consume({ group: 'g', types: ['t.dup'], handle: async (x) => void got.push(x) });
      await eventually(() => got.length >= 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toHaveLength(1);
    });

    it('only delivers the types a consumer asked for', async () => {
      await bus.publish([testMessage('t.other'), testMessage('t.mine')]);
      const got: string[] = [];
      await bus.consume({ group: 'g', types: ['t.mine'], handle: async (m) => void got.push(m.type) });
      await eventually(() => got.length === 1);
      expect(got).toEqual(['t.mine']);
    });

    it('retries a failing handler, then dead-letters the message with the error and moves on', async () => {
      const poison = testMessage('t.p', 'k', 'poison');
      const fine = testMessage('t.p', 'k', 'fine');
      await bus.publish([poison, fine]);
      let attempts = 0;
      const handled: unknown[] = [];
      await bus.consume({
        group: 'g',
        types: ['t.p'],
        maxAttempts: 3,
        handle: async (m) => {
          if (m.data === 'poison') {
            attempts++;
            throw new Error('cannot handle poison');
          }
          handled.push(m.data);
        },
      });
      await eventually(() => handled.length === 1);
      expect(attempts).toBe(3);
      const dead = await bus.deadLetters('g');
      expect(dead).toHaveLength(1);
      expect(dead[0].error).toContain('cannot handle poison');
      expect(dead[0].message.messageId).toBe(poison.messageId);
    });

    it('replays a dead letter after a fix: handled once, then gone from the dead letters', async () => {
      const broken = testMessage('t.fix', 'k', 'needs-a-fix');
      await bus.publish([broken]);
      let fixed = false;
      const handled: unknown[] = [];
      await bus.consume({
        group: 'g',
        types: ['t.fix'],
        maxAttempts: 2,
        handle: async (m) => {
          if (!fixed) throw new Error('not supported yet');
          handled.push(m.data);
        },
      });
      await eventually(async () => (await bus.deadLetters('g')).length === 1);
      await expect(bus.replayDeadLetter('g', broken.messageId)).rejects.toThrow('not supported yet');
      expect(await bus.deadLetters('g')).toHaveLength(1);
      fixed = true;
      expect(await bus.replayDeadLetter('g', broken.messageId)).toBe(true);
      expect(handled).toEqual(['needs-a-fix']);
      expect(await bus.deadLetters('g')).toEqual([]);
      expect(await bus.replayDeadLetter('g', broken.messageId)).toBe(false);
    });

    it('lets a message that came too early wait for its precondition, without using up its attempts', async () => {
      const early = testMessage('t.early', 'k', 'early');
      await bus.publish([early]);
      let ready = false;
      let tries = 0;
      const handled: unknown[] = [];
      await bus.consume({
        group: 'g',
        types: ['t.early'],
        maxAttempts: 2,
        handle: async (m) => {
          tries++;
          if (!ready) throw new NotYet('the booking is not awaiting payment yet');
          handled.push(m.data);
        },
      });
      await eventually(() => tries > 4);
      expect(handled).toEqual([]);
      expect(await bus.deadLetters('g')).toEqual([]);
      ready = true;
      await eventually(() => handled.length === 1);
      expect(await bus.deadLetters('g')).toEqual([]);
    });

    it('dead-letters a message that waited longer than its consumer allows', async () => {
      const stuck = testMessage('t.stuck', 'k', 'stuck');
      await bus.publish([stuck]);
      await bus.consume({ group: 'g', types: ['t.stuck'], maxWaitMs: 300, handle: async () => Promise.reject(new NotYet('never ready')) });
      await eventually(async () => (await bus.deadLetters('g')).length === 1);
      expect((await bus.deadLetters('g'))[0].error).toMatch(/waited \d+ ms for its precondition: never ready/);
    });

    it('reports lag per group', async () => {
      await bus.publish([testMessage('t.lag'), testMessage('t.lag')]);
      const consumer = await bus.consume({ group: 'lagging', types: ['t.lag'], handle: async () => undefined });
      await eventually(async () => (await bus.lag()).lagging === 0);
      await consumer.stop();
    });

    if (factory.reopen) {
      it('resumes a group after a restart where it stopped: nothing lost, nothing twice', async () => {
        const first = [testMessage('t.r', 'k', 1), testMessage('t.r', 'k', 2)];
        await bus.publish(first);
        const got: unknown[] = [];
        const c = await bus.consume({ group: 'g', types: ['t.r'], handle: async (m) => void got.push(m.data) });
        await eventually(() => got.length === 2);
        await c.stop();
        bus = await factory.reopen!(bus);
        await bus.publish([testMessage('t.r', 'k', 3)]);
        await bus.consume({ group: 'g', types: ['t.r'], handle: async (m) => void got.push(m.data) });
        await eventually(() => got.length === 3);
        await new Promise((r) => setTimeout(r, 100));
        expect(got).toEqual([1, 2, 3]);
      });
    }
  });
}
