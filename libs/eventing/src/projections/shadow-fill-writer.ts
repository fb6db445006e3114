import { LRUCache } from 'lru-cache';
import { deepFreeze } from '../deep-freeze';
import type { RecordedEvent } from '../envelope';
import type { ReadModelStore, WriteOp } from '../ports/read-model-store';
import type { Projection, ProjectionContext } from './projection';

interface Entry {
  doc: Record<string, unknown> | undefined;
  /** Position of the last event applied to it. */
  position: number;
  /** Changed since it was last written to the store. */
  dirty: boolean;
}

export interface ShadowFillLimits {
  /** Documents the projection reads kept in memory (a day's count, a site): written when pushed out or at the end. */
  keep?: number;
  /** Keys of written documents remembered, so that reading one never written needs no query; past it, misses are queried. */
  knownKeys?: number;
}

const key = (collection: string, id: string) => `${collection}\u0000${id}`;

/**
 * Writes a shadow generation that a projection fills from the log, from empty and alone (its
 * collections are new; a fill that stops is discarded, never resumed). That allows what a live batch
 * cannot: a document the projection reads stays in memory and is written once when pushed out or at
 * the end, not again with every event that changes it (a day's count, read and rewritten by each
 * inspection of the day); a document it never wrote does not exist, so reading one needs no query;
 * and the checkpoint is written only with the last write, in `finish`. Projections see the same
 * context as in a live batch; documents they read are frozen, as there.
 */
export class ShadowFillWriter {
  private readonly kept: LRUCache<string, Entry>;
  /** Written since the last flush and not kept (documents only written, e.g. one per inspection) or pushed out of `kept`. */
  private pending = new Map<string, Entry>();
  private readonly written = new Set<string>();
  private readonly knownKeys: number;
  private complete = true;
  private readonly own: Set<string>;
  private current!: RecordedEvent;

  constructor(
    private readonly store: ReadModelStore,
    private readonly projection: Projection,
    limits: ShadowFillLimits = {},
  ) {
    this.own = new Set(projection.collections);
    this.knownKeys = limits.knownKeys ?? 2_000_000;
    this.kept = new LRUCache<string, Entry>({
      max: Math.max(1, limits.keep ?? 100_000),
      dispose: (entry, k, reason) => {
        if (entry.dirty && reason === 'evict') this.pending.set(k, entry);
      },
    });
  }

  /** Applies `events` and writes what is not kept (no checkpoint yet). */
  async apply(events: RecordedEvent[]): Promise<void> {
    for (const recorded of events) {
      const event = this.projection.upcasters ? this.projection.upcasters.apply(recorded) : recorded;
      this.current = event;
      await this.projection.apply(this.context(event));
    }
    await this.flush();
  }

  /** Writes every document still in memory and the shadow's checkpoint at `position`. */
  async finish(position: number): Promise<void> {
    for (const [k, entry] of this.kept.entries()) if (entry.dirty) this.pending.set(k, entry);
    await this.flush({ name: this.projection.name, position });
  }

  private async flush(checkpoint?: { name: string; position: number }): Promise<void> {
    if (this.pending.size === 0 && !checkpoint) return;
    const ops: WriteOp[] = [];
    for (const [k, entry] of this.pending) {
      const sep = k.indexOf('\u0000');
      const collection = k.slice(0, sep);
      const id = k.slice(sep + 1);
      ops.push(
        entry.doc === undefined
          ? { op: 'delete', collection, id, position: entry.position }
          : { op: 'put', collection, id, doc: entry.doc, position: entry.position },
      );
      entry.dirty = false;
    }
    this.pending = new Map();
    await this.store.commit(ops, checkpoint);
  }

  private context(event: RecordedEvent): ProjectionContext {
    return {
      event,
      get: async <T extends Record<string, unknown>>(collection: string, id: string) => (await this.read(collection, id)) as T | undefined,
      put: (collection, id, doc) => this.write(collection, id, doc),
      delete: (collection, id) => this.write(collection, id, undefined),
    };
  }

  private async read(collection: string, id: string): Promise<Record<string, unknown> | undefined> {
    const k = key(collection, id);
    const kept = this.kept.get(k);
    if (kept) return kept.doc && deepFreeze(kept.doc);
    const pending = this.pending.get(k);
    if (pending) {
      // Read after all: kept from now on (still to be written).
      this.pending.delete(k);
      this.kept.set(k, pending);
      return pending.doc && deepFreeze(pending.doc);
    }
    let doc: Record<string, unknown> | undefined;
    let position = 0;
    // Documents of other collections (read through to the live ones) and, once too many keys were
    // written to remember them all, documents written and pushed out are read from the store.
    if (!this.own.has(collection) || !this.complete || this.written.has(k)) {
      const stored = await this.store.get(collection, id);
      doc = stored?.doc;
      position = stored?.position ?? 0;
    }
    this.kept.set(k, { doc, position, dirty: false });
    return doc && deepFreeze(doc);
  }

  private write(collection: string, id: string, doc: Record<string, unknown> | undefined): void {
    const k = key(collection, id);
    const position = this.current.position;
    if (this.complete && this.own.has(collection)) {
      this.written.add(k);
      if (this.written.size > this.knownKeys) {
        this.complete = false;
        this.written.clear();
      }
    }
    const kept = this.kept.peek(k);
    if (kept) {
      kept.doc = doc;
      kept.position = position;
      kept.dirty = true;
      this.kept.get(k);
      return;
    }
    this.pending.set(k, { doc, position, dirty: true });
  }
}
