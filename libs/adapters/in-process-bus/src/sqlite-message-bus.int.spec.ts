import { AppError } from '@ooh/eventing';
import { messageBusConformance, testMessage } from '@ooh/eventing-testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteMessageBus } from './sqlite-message-bus';

const paths = new WeakMap<object, string>();
messageBusConformance('in-process (SQLite log)', {
  async create() {
    const path = join(mkdtempSync(join(tmpdir(), 'bus-')), 'bus.db');
    const bus = new SqliteMessageBus({ path, retryDelayMs: 5 });
    paths.set(bus, path);
    return bus;
  },
  async reopen(previous) {
    const path = paths.get(previous)!;
    await previous.close();
    const bus = new SqliteMessageBus({ path, retryDelayMs: 5 });
    paths.set(bus, path);
    return bus;
  },
});

describe('SqliteMessageBus specifics', () => {
  it('dead-letters a poison message at once, with its reason, and keeps the group flowing', async () => {
    const bus = new SqliteMessageBus({ path: join(mkdtempSync(join(tmpdir(), 'bus-')), 'bus.db'), retryDelayMs: 5 });
    const poison = testMessage('t.p', 'k', 'poison');
    await bus.publish([poison, testMessage('t.p', 'k', 'fine')]);
    let attempts = 0;
    const handled: unknown[] = [];
    await bus.consume({
      group: 'g',
      types: ['t.p'],
      maxAttempts: 5,
      handle: async (m) => {
        if (m.data === 'poison') {
          attempts++;
          throw new AppError('invalid', 'POISON_MESSAGE', 'breaks its contract', [{ field: 'amountFen', message: 'must be integer' }]);
        }
        handled.push(m.data);
      },
    });
    for (let i = 0; i < 200 && handled.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(handled).toEqual(['fine']);
    expect(attempts).toBe(1);
    const [dead] = await bus.deadLetters('g');
    expect(dead).toMatchObject({ attempts: 1, message: { messageId: poison.messageId } });
    expect(dead.error).toContain('amountFen: must be integer');
    await bus.close();
  });
});
