import type { CheckpointStore, DeadLetter, DeadLetterStore, IdempotencyStore, ProcessedMessages, StoredResponse } from '@ooh/eventing';
import type { Connection } from 'mongoose';
import { fromBson, toBson } from './bson-instants';
import { isDuplicateKey, upsertRacing } from './connect';

/** Positions of subscriptions that are not projections (relays, process managers, consumers). */
export class MongoCheckpointStore implements CheckpointStore {
  constructor(private readonly connection: Connection) {}
  private get col() {
    return this.connection.db!.collection<{ _id: string; position: number }>('subscription_checkpoints');
  }
  async get(name: string): Promise<number> {
    return (await this.col.findOne({ _id: name }))?.position ?? 0;
  }
  async set(name: string, position: number): Promise<void> {
    // Never backwards: replicas of a service may both report progress of the same subscription.
    await upsertRacing(() => this.col.updateOne({ _id: name }, { $max: { position } }, { upsert: true }));
  }
}

export class MongoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly connection: Connection) {}
  private get col() {
    return this.connection.db!.collection<{ _id: string; response: StoredResponse; storedAt: Date }>('idempotent_responses');
  }
  async get(key: string): Promise<StoredResponse | undefined> {
    return (await this.col.findOne({ _id: key }))?.response;
  }
  async putIfAbsent(key: string, response: StoredResponse): Promise<StoredResponse> {
    try {
      await this.col.insertOne({ _id: key, response, storedAt: new Date() });
      return response;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await this.get(key))!;
    }
  }
}

/** Which messages each consumer group has acted on; a redelivered message is skipped. */
export class MongoProcessedMessages implements ProcessedMessages {
  constructor(private readonly connection: Connection) {}
  private get col() {
    return this.connection.db!.collection<{ _id: string; at: Date }>('processed_messages');
  }
  async has(consumer: string, messageId: string): Promise<boolean> {
    return (await this.col.countDocuments({ _id: `${consumer}\u0000${messageId}` }, { limit: 1 })) > 0;
  }
  async once(consumer: string, messageId: string, effect: () => Promise<void>): Promise<boolean> {
    const _id = `${consumer}\u0000${messageId}`;
    if ((await this.col.countDocuments({ _id }, { limit: 1 })) > 0) return false;
    // The effect itself is idempotent (deterministic event ids); this record only saves the work.
    await effect();
    try {
      await this.col.insertOne({ _id, at: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    return true;
  }
}

/** Dead letters kept where operators can list and replay them (the bus also writes them to a topic). */
export class MongoDeadLetterStore implements DeadLetterStore {
  constructor(private readonly connection: Connection) {}
  private get col() {
    return this.connection.db!.collection<DeadLetter & { _id: string }>('dead_letters');
  }
  async add(letter: DeadLetter): Promise<void> {
    const _id = `${letter.group}\u0000${letter.message.messageId}`;
    await upsertRacing(() => this.col.updateOne({ _id }, { $setOnInsert: { ...(toBson(letter) as DeadLetter), _id } }, { upsert: true }));
  }
  async list(group?: string): Promise<DeadLetter[]> {
    const rows = await this.col
      .find(group ? { group } : {})
      .sort({ at: 1, _id: 1 })
      .toArray();
    return rows.map(({ _id, ...letter }) => fromBson(letter) as DeadLetter);
  }
  async remove(group: string, messageId: string): Promise<void> {
    await this.col.deleteOne({ _id: `${group}\u0000${messageId}` });
  }
}
