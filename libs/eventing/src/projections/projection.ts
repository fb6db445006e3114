import type { RecordedEvent } from '../envelope';
import type { ScopedFilter } from '../ports/event-store';
import type { IndexDefinition, ReadModelStore, WriteOp } from '../ports/read-model-store';
import type { Upcasters } from '../upcasting';
import { CommittedDocuments } from './committed-documents';

/** What a projection sees while applying one event: reads see the batch's pending writes. */
export interface ProjectionContext {
  readonly event: RecordedEvent;
  get<T extends Record<string, unknown>>(collection: string, id: string): Promise<T | undefined>;
  put(collection: string, id: string, doc: Record<string, unknown>): void;
  delete(collection: string, id: string): void;
}

/** A projection: the events it handles and how each changes its documents. No business rules here. */
export interface Projection {
  name: string;
  collections: string[];
  indexes?: IndexDefinition[];
  filter: ScopedFilter;
  /** Old versions of events are brought to the current shape before `apply` sees them. */
  upcasters?: Upcasters;
  apply(ctx: ProjectionContext): Promise<void> | void;
}

interface Cached {
  doc: Record<string, unknown> | undefined;
  /** Position of the last event applied to the document (in this batch or before it). */
  position: number;
  /** Position the document had in the store when this batch first read it (0 when not read). */
  storedPosition: number;
  /** Read by the projection (from the store or the committed documents), not only written. */
  read: boolean;
}

/**
 * Applies a batch of events to a projection and commits every changed document together with the
 * checkpoint. A document remembers the position of the last event applied to it, and an event at or
 * below that position changes nothing: redelivery is harmless.
 */
export class ProjectionBatch {
  private readonly cache = new Map<string, Cached>();
  private readonly dirty = new Set<string>();
  private current!: RecordedEvent;

  /** `committed`: what the projection's earlier batches committed (kept across batches by its runner). */
  constructor(
    private readonly store: ReadModelStore,
    private readonly projection: Projection,
    private readonly committed = new CommittedDocuments(0),
  ) {}

  /** Applies `events` and records `position` (the log position scanned up to) as the checkpoint. */
  async apply(events: RecordedEvent[], position: number): Promise<void> {
    try {
      await this.applyAndCommit(events, position);
    } catch (error) {
      // Whether the commit landed is unknown: later batches read the store again.
      this.committed.clear();
      throw error;
    }
    // Documents the projection reads are remembered; written-only ones (one per inspection) would just
    // push those out. During a redelivery the store may hold a newer version than the one remembered:
    // the remembered one is the document as of the events replayed so far, which is what they must see.
    for (const key of this.dirty) {
      const entry = this.cache.get(key)!;
      if (entry.read) this.committed.remember(key, entry.doc, entry.position);
    }
    this.cache.clear();
    this.dirty.clear();
  }

  private async applyAndCommit(events: RecordedEvent[], position: number): Promise<void> {
    for (const recorded of events) {
      const event = this.projection.upcasters ? this.projection.upcasters.apply(recorded) : recorded;
      this.current = event;
      await this.projection.apply(this.context(event));
    }
    const ops: WriteOp[] = [];
    for (const key of this.dirty) {
      const sep = key.indexOf('\u0000');
      const collection = key.slice(0, sep);
      const id = key.slice(sep + 1);
      const entry = this.cache.get(key)!;
      ops.push(
        entry.doc === undefined
          ? { op: 'delete', collection, id, position: entry.position }
          : { op: 'put', collection, id, doc: entry.doc, position: entry.position },
      );
    }
    await this.store.commit(ops, { name: this.projection.name, position });
  }

  private context(event: RecordedEvent): ProjectionContext {
    return {
      event,
      get: async <T extends Record<string, unknown>>(collection: string, id: string) => {
        const entry = await this.load(collection, id);
        return entry.doc as T | undefined;
      },
      put: (collection, id, doc) => this.write(collection, id, doc),
      delete: (collection, id) => this.write(collection, id, undefined),
    };
  }

  private async load(collection: string, id: string): Promise<Cached> {
    const key = `${collection}\u0000${id}`;
    let entry = this.cache.get(key) ?? this.fromCommitted(key);
    if (!entry) {
      const stored = await this.store.get(collection, id);
      entry = { doc: stored?.doc, position: stored?.position ?? 0, storedPosition: stored?.position ?? 0, read: true };
      this.cache.set(key, entry);
    }
    return entry;
  }

  private fromCommitted(key: string): Cached | undefined {
    const committed = this.committed.get(key);
    if (!committed) return undefined;
    const entry = { doc: committed.doc ?? undefined, position: committed.position, storedPosition: committed.position, read: true };
    this.cache.set(key, entry);
    return entry;
  }

  private write(collection: string, id: string, doc: Record<string, unknown> | undefined): void {
    const key = `${collection}\u0000${id}`;
    const entry = this.cache.get(key) ?? this.fromCommitted(key);
    // The stored document already reflects this event (redelivery after a crash): leave it as it is.
    // Compared with what was stored, not with this batch's own writes: one event may write a document twice.
    if (entry && entry.storedPosition >= this.current.position) return;
    this.cache.set(key, { doc, position: this.current.position, storedPosition: entry?.storedPosition ?? 0, read: entry?.read ?? false });
    this.dirty.add(key);
  }
}
