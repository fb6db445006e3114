import type { FindOptions, IndexDefinition, Page, ReadModelStore, StoredDocument, WriteOp } from '@ooh/eventing';

/** Read models in a Map, for projection specs: documents with positions, checkpoints, atomic commits. Lists whole collections only. */
export class InMemoryReadModels implements ReadModelStore {
  private readonly docs = new Map<string, Map<string, StoredDocument>>();
  private readonly checkpoints = new Map<string, number>();

  async ensureIndexes(_indexes: IndexDefinition[]): Promise<void> {}

  async get<T>(collection: string, id: string): Promise<StoredDocument<T> | undefined> {
    const found = this.docs.get(collection)?.get(id);
    return found && (structuredClone(found) as StoredDocument<T>);
  }

  async getMany<T>(collection: string, ids: string[]): Promise<Array<StoredDocument<T>>> {
    const found = await Promise.all(ids.map((id) => this.get<T>(collection, id)));
    return found.filter((d): d is StoredDocument<T> => d !== undefined);
  }

  async find<T>(collection: string, options: FindOptions = {}): Promise<Page<T>> {
    if (options.filter && Object.keys(options.filter).length > 0) throw new Error('InMemoryReadModels lists whole collections only');
    const all = [...(this.docs.get(collection)?.values() ?? [])].sort((a, b) => a.id.localeCompare(b.id));
    return { items: all.map((d) => structuredClone(d.doc) as T) };
  }

  async count(collection: string): Promise<number> {
    return this.docs.get(collection)?.size ?? 0;
  }

  async commit(ops: WriteOp[], checkpoint?: { name: string; position: number }): Promise<void> {
    for (const op of ops) {
      const collection = this.docs.get(op.collection) ?? new Map<string, StoredDocument>();
      this.docs.set(op.collection, collection);
      if (op.op === 'put') collection.set(op.id, { id: op.id, doc: structuredClone(op.doc), position: op.position });
      else collection.delete(op.id);
    }
    if (checkpoint) this.checkpoints.set(checkpoint.name, checkpoint.position);
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
    return Object.fromEntries([...(this.docs.get(name)?.values() ?? [])].map((d) => [d.id, structuredClone(d.doc)]));
  }
}
