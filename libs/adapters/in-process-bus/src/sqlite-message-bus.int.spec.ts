import { messageBusConformance } from '@ooh/eventing-testing';
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
