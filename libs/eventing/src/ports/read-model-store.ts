/** A stored read-model document. `_position` is the global log position of the last event applied. */
export interface StoredDocument<T = Record<string, unknown>> {
  id: string;
  doc: T;
  position: number;
}

export type FieldCondition =
  | string
  | number
  | boolean
  | null
  | { $in: Array<string | number | boolean> }
  | { $gte?: string | number; $lte?: string | number; $gt?: string | number; $lt?: string | number }
  | { $ne: string | number | boolean | null };

/** Simple equality / range filters on top-level or dotted fields; all conditions must hold. */
export type Filter = Record<string, FieldCondition>;

export interface FindOptions {
  filter?: Filter;
  /** Sort by one field (ties broken by id). */
  sort?: { field: string; direction: 'asc' | 'desc' };
  limit?: number;
  /** Opaque cursor returned by a previous page. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export type WriteOp =
  | { op: 'put'; collection: string; id: string; doc: Record<string, unknown>; position: number }
  /** `position`: of the event that deleted it; a store without atomic commits keeps a tombstone so a replayed older put cannot revive it. */
  | { op: 'delete'; collection: string; id: string; position?: number };

export interface IndexDefinition {
  collection: string;
  fields: string[];
}

/**
 * The read-model store port. Writes come in batches that also move a checkpoint; an adapter applies
 * them atomically where it can (SQLite) or each document conditioned on its stored position (MongoDB,
 * FerretDB), so a redelivered event never changes a document twice.
 */
export interface ReadModelStore {
  ensureIndexes(indexes: IndexDefinition[]): Promise<void>;
  get<T = Record<string, unknown>>(collection: string, id: string): Promise<StoredDocument<T> | undefined>;
  getMany<T = Record<string, unknown>>(collection: string, ids: string[]): Promise<Array<StoredDocument<T>>>;
  find<T = Record<string, unknown>>(collection: string, options?: FindOptions): Promise<Page<T>>;
  count(collection: string, filter?: Filter): Promise<number>;
  /** Applies the ops and sets the checkpoint, together. */
  commit(ops: WriteOp[], checkpoint?: { name: string; position: number }): Promise<void>;
  getCheckpoint(name: string): Promise<number>;
  /** Drops a collection's documents and the named checkpoints (for a rebuild). */
  reset(collections: string[], checkpoints: string[]): Promise<void>;
  /**
   * A next generation of `collections`, beside the live one and invisible to readers, for a rebuild
   * while the live read models keep serving (absent where the store cannot do it). With `generation`:
   * the shadow another connection started, as it left it.
   */
  shadow?(collections: string[], options?: { generation?: number }): Promise<ShadowReadModels>;
  close(): Promise<void>;
}

/** Where a rebuild writes until it is promoted. */
export interface ShadowReadModels {
  /** Names this shadow: another process (a rebuild run beside the service) attaches to it with `shadow(collections, { generation })`. */
  readonly generation: number;
  /** The shadow generation of its collections (empty at first; the others read through to the live ones), with checkpoints of its own. */
  readonly store: ReadModelStore;
  /**
   * Readers see the shadow's collections from now on, and the live checkpoint `checkpoint` takes the
   * position the shadow reached under that name; the previous generation is dropped. Atomic where the
   * store has transactions; elsewhere the collections switch first and the checkpoint after (a crash in
   * between replays events the documents already hold: harmless).
   */
  promote(checkpoint: string): Promise<void>;
  /** Drops the shadow generation (an abandoned rebuild). */
  discard(): Promise<void>;
}
