import { EventStoreDbEventStore } from '@ooh/adapter-eventstoredb';
import { SqliteEventStore } from '@ooh/adapter-sqlite';
import type { Clock, EventStore } from '@ooh/eventing';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { InfrastructureConfig } from './infrastructure-config';

export function createEventStore(config: InfrastructureConfig['eventStore'], clock: Clock, tuning: { coalesceMs?: number } = {}): EventStore {
  if (config.kind === 'eventstoredb') return new EventStoreDbEventStore({ connectionString: config.url, clock });
  mkdirSync(dirname(config.path), { recursive: true });
  return new SqliteEventStore({ path: config.path, clock, coalesceMs: tuning.coalesceMs });
}
