import type { Lease, LeaseStore } from '@ooh/eventing';
import type { Connection } from 'mongoose';
import { isDuplicateKey } from './connect';

interface LeaseDocument {
  _id: string;
  owner: string;
  expiresAt: Date;
  term: number;
}

const toLease = (d: LeaseDocument): Lease => ({ name: d._id, owner: d.owner, expiresAt: d.expiresAt.getTime(), term: d.term });

/**
 * Leases in the service's database (collection `leases`). Each step is one conditional single-document
 * write — renew if mine, take if expired, insert if absent — so two replicas never both hold one.
 */
export class MongoLeaseStore implements LeaseStore {
  constructor(private readonly connection: Connection) {}
  private get col() {
    return this.connection.db!.collection<LeaseDocument>('leases');
  }

  async acquire(name: string, owner: string, ttlMs: number, nowMs: number): Promise<{ held: boolean; lease: Lease }> {
    const expiresAt = new Date(nowMs + ttlMs);
    const renewed = await this.col.updateOne({ _id: name, owner }, { $set: { expiresAt } });
    if (renewed.matchedCount === 0) {
      const taken = await this.col.updateOne({ _id: name, expiresAt: { $lte: new Date(nowMs) } }, { $set: { owner, expiresAt }, $inc: { term: 1 } });
      if (taken.matchedCount === 0) {
        try {
          await this.col.insertOne({ _id: name, owner, expiresAt, term: 1 });
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
      }
    }
    const current = await this.col.findOne({ _id: name });
    if (!current) throw new Error(`lease ${name} vanished while being acquired`);
    return { held: current.owner === owner, lease: toLease(current) };
  }

  async takeOver(name: string, owner: string, from: string, ttlMs: number, nowMs: number): Promise<boolean> {
    const taken = await this.col.updateOne({ _id: name, owner: from }, { $set: { owner, expiresAt: new Date(nowMs + ttlMs) }, $inc: { term: 1 } });
    return taken.matchedCount === 1;
  }

  async release(name: string, owner: string): Promise<void> {
    await this.col.updateOne({ _id: name, owner }, { $set: { owner: '', expiresAt: new Date(0) } });
  }

  async list(): Promise<Lease[]> {
    return (await this.col.find({}).sort({ _id: 1 }).toArray()).map(toLease);
  }
}
