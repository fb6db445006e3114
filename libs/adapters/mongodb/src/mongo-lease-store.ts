import type { Lease, LeaseStore } from '@ooh/eventing';
import type { Connection } from 'mongoose';
import { isDuplicateKey } from './connect';

/** One term of a lease: `_id` is `<name>#<term>`, so two replicas cannot both start the same term. */
interface TermDocument {
  _id: string;
  name: string;
  term: number;
  owner: string;
  expiresAt: Date;
}

const toLease = (d: TermDocument): Lease => ({ name: d.name, owner: d.owner, expiresAt: d.expiresAt.getTime(), term: d.term });

/**
 * Leases in the service's database (collection `leases`), one document per term. Taking a lease is
 * inserting its next term: the unique `_id` lets exactly one replica win, even on MongoDB-wire stores
 * whose conditional updates are not isolated (FerretDB v1 evaluates an update's filter, then writes).
 * Renewing and releasing touch only the holder's own term; whoever holds the newest term holds the lease.
 */
export class MongoLeaseStore implements LeaseStore {
  constructor(private readonly connection: Connection) {}
  private get col() {
    return this.connection.db!.collection<TermDocument>('leases');
  }

  private async latest(name: string): Promise<TermDocument | null> {
    return this.col.find({ name }).sort({ term: -1 }).limit(1).next();
  }

  /** Inserts term `term` for `owner`; false when another replica started that term first. */
  private async startTerm(name: string, term: number, owner: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.col.insertOne({ _id: `${name}#${term}`, name, term, owner, expiresAt });
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    // Terms older than the previous one are history nobody reads.
    await this.col.deleteMany({ name, term: { $lt: term - 1 } });
    return true;
  }

  async acquire(name: string, owner: string, ttlMs: number, nowMs: number): Promise<{ held: boolean; lease: Lease }> {
    const expiresAt = new Date(nowMs + ttlMs);
    const current = await this.latest(name);
    if (current?.owner === owner) {
      await this.col.updateOne({ _id: current._id, owner }, { $set: { expiresAt } });
    } else if (!current || current.expiresAt.getTime() <= nowMs) {
      await this.startTerm(name, (current?.term ?? 0) + 1, owner, expiresAt);
    }
    const now = (await this.latest(name))!;
    return { held: now.owner === owner, lease: toLease(now) };
  }

  async takeOver(name: string, owner: string, from: string, ttlMs: number, nowMs: number): Promise<boolean> {
    const current = await this.latest(name);
    if (current?.owner !== from) return false;
    return this.startTerm(name, current.term + 1, owner, new Date(nowMs + ttlMs));
  }

  async release(name: string, owner: string): Promise<void> {
    const current = await this.latest(name);
    if (current?.owner === owner) await this.col.updateOne({ _id: current._id, owner }, { $set: { expiresAt: new Date(0) } });
  }

  async list(): Promise<Lease[]> {
    const newest = new Map<string, TermDocument>();
    for (const d of await this.col.find({}).toArray()) if ((newest.get(d.name)?.term ?? 0) < d.term) newest.set(d.name, d);
    return [...newest.values()].sort((a, b) => a.name.localeCompare(b.name)).map(toLease);
  }
}
