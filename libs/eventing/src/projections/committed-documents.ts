import { LRUCache } from 'lru-cache';
import { deepFreeze } from '../deep-freeze';

export interface CommittedDocument {
  /** `null`: deleted. */
  doc: Record<string, unknown> | null;
  /** Position of the last event applied to it. */
  position: number;
}

/**
 * The documents a running projection committed last, as it committed them. A projection is the only
 * writer of its collections, so these are what the store holds, and the next batch reads them here
 * instead of querying and parsing them again (a day's inspection count is read by every inspection
 * of that day). Only committed state enters; a failed batch empties it. Documents are frozen: a
 * projection that changed one in place would fail loudly instead of diverging from the store.
 */
export class CommittedDocuments {
  private readonly entries: LRUCache<string, CommittedDocument>;

  constructor(readonly capacity = 1000) {
    this.entries = new LRUCache({ max: Math.max(1, capacity) });
  }

  get(key: string): CommittedDocument | undefined {
    return this.capacity > 0 ? this.entries.get(key) : undefined;
  }

  remember(key: string, doc: Record<string, unknown> | undefined, position: number): void {
    if (this.capacity > 0) this.entries.set(key, { doc: doc === undefined ? null : deepFreeze(doc), position });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
