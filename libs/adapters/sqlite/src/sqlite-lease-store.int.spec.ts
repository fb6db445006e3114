import { leaseStoreConformance } from '@ooh/eventing-testing';
import { SqliteLeaseStore } from './sqlite-lease-store';

leaseStoreConformance('SQLite', { create: async () => new SqliteLeaseStore({ path: ':memory:' }) });
