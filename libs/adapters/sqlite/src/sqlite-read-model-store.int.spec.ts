import { readModelStoreConformance } from '@ooh/eventing-testing';
import { SqliteReadModelStore } from './sqlite-read-model-store';

readModelStoreConformance('SQLite', { create: async () => new SqliteReadModelStore({ path: ':memory:' }) });
