import type { FindOptions, IndexDefinition, Page, ReadModelStore, StoredDocument, WriteOp } from '@ooh/eventing';

/**
 * Read models in a Map, for projection specs: a test double, not an adapter (it lists whole collections
 * only), but with the write semantics projections rely on: a write older than the stored position is
 * ignored and a deletion leaves a tombstone, as the SQLite and MongoDB adapters do.
 */
export class InMemoryReadModels implements ReadModelStore {
  private readonly docs = new Map<string, Map<string, StoredDocument<Record<string, unknown> | null>>>();
  private readonly checkpoints = new Map<string, number>();

  async ensureIndexes(_indexes: IndexDefinition[]): Promise<void> {}

  async get<T>(collection: string, id: string): Promise<StoredDocument<T> | undefined> {
    const found = this.docs.get(collection)?.get(id);
    return found && found.doc !== null ? (structuredClone(found) as StoredDocument<T>) : undefined;
  }

  async getMany<T>(collection: string, ids: string[]): Promise<Array<StoredDocument<T>>> {
    const found = await Promise.all(ids.map((id) => this.get<T>(collection, id)));
    return found.filter((d): d is StoredDocument<T> => d !== undefined);
  }

  async find<T>(collection: string, options: FindOptions = {}): Promise<Page<T>> {
    if (options.filter && Object.keys(options.filter).length > 0) throw new Error('InMemoryReadModels lists whole collections only');
    return { items: Object.values(this.collection(collection)) as T[] };
  }

  async count(collection: string): Promise<number> {
    return Object.keys(this.collection(collection)).length;
  }

  async commit(ops: WriteOp[], checkpoint?: { name: string; position: number }): Promise<void> {
    for (const op of ops) {
      const collection = this.docs.get(op.collection) ?? new Map<string, StoredDocument<Record<string, unknown> | null>>();
      this.docs.set(op.collection, collection);
      const stored = collection.get(op.id);
      if (op.op === 'delete' && op.position === undefined) collection.delete(op.id);
      else if (!stored || op.position! > stored.position)
        collection.set(op.id, { id: op.id, doc: op.op === 'put' ? structuredClone(op.doc) : null, position: op.position! });
    }
    if (checkpoint && checkpoint.position > (this.checkpoints.get(checkpoint.name) ?? 0)) this.checkpoints.set(checkpoint.name, checkpoint.position);
  }

  async getCheckpoint(name: string): Promise<number> {
    return this.checkpoints.get(name) ?? 0;
  }

  async reset(collections: string[], checkpoints: string[]): Promise<void> {
    collections.forEach((c) => this.docs.delete(c));
    checkpoints.forEach((c) => this.checkpoints.delete(c));
  }

  async close(): Promise<void> {}

  /** Every document of a collection by id. */
  collection(name: string): Record<string, Record<string, unknown>> {
    const live = [...(this.docs.get(name)?.values() ?? [])].filter((d) => d.doc !== null).sort((a, b) => a.id.localeCompare(b.id));
    return Object.fromEntries(live.map((d) => [d.id, structuredClone(d.doc!)]));
  }
}
