import type { Command, Decider, DomainEvent } from '../decider';
import type { RecordedEvent } from '../envelope';
import type { EventStore } from '../ports/event-store';
import { Upcasters } from '../upcasting';
import { LRUCache } from 'lru-cache';
import { deepFreeze } from '../deep-freeze';

export interface LoadedStream<S> {
  state: S;
  revision: number;
  /** The events read by this load: all of the stream's, or only those after a cached state. */
  events: RecordedEvent[];
  /** The correlation id of the stream's first event: the business flow that created it. */
  flow?: string;
}

export interface LoadOptions {
  upcasters?: Upcasters;
  /** As the log stood then: always a full read, never the cache. */
  recordedUntil?: string;
  occurredUntil?: string;
}

/** Folds a stream's events into state, applying upcasters on the way. */
export async function loadAggregate<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  options: LoadOptions = {},
  from?: { state: S; revision: number; flow?: string },
): Promise<LoadedStream<S>> {
  const upcasters = options.upcasters ?? new Upcasters();
  const raw = await store.readStream(streamId, { recordedUntil: options.recordedUntil, fromRevision: from ? from.revision + 1 : undefined });
  let state = from ? from.state : decider.initialState();
  let revision = from ? from.revision : -1;
  const events: RecordedEvent[] = [];
  let flow = from?.flow;
  for (const recorded of raw) {
    revision = recorded.revision;
    if (recorded.revision === 0) flow = recorded.metadata.correlationId;
    if (options.occurredUntil && recorded.metadata.occurredAt > options.occurredUntil) continue;
    const event = upcasters.apply(recorded);
    events.push(event);
    state = decider.evolve(state, { type: event.type, data: event.data } as E);
  }
  return { state, revision, events, ...(flow !== undefined ? { flow } : {}) };
}

interface Entry {
  decider: unknown;
  state: unknown;
  revision: number;
  flow?: string;
}

/**
 * In-memory snapshots: the last folded state of recently used streams. A load starts from the cached
 * state and still reads the stream from the store, from the next revision on, so it always sees what
 * other writers (other processes) appended; it only skips re-reading and re-folding the history. A
 * stream's load therefore costs its new events, not its length (a site inspected daily for decades),
 * after the first load in a process. States are frozen: a decider that mutated one would fail loudly
 * instead of corrupting the cache. Least recently used entries are dropped beyond `capacity`.
 */
export class AggregateCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 2000,
  ) {
    this.entries = new LRUCache({ max: Math.max(1, capacity) });
  }

  async load<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, options: LoadOptions = {}): Promise<LoadedStream<S>> {
    if (options.recordedUntil || options.occurredUntil) return loadAggregate(this.store, decider, streamId, options);
    const cached = this.entries.get(streamId);
    const from = cached && cached.decider === decider ? (cached as { state: S; revision: number; flow?: string }) : undefined;
    const loaded = await loadAggregate(this.store, decider, streamId, options, from);
    this.remember(decider, streamId, loaded.state, loaded.revision, loaded.flow);
    return loaded;
  }

  /** The state after a successful append (never ahead of the store: only what it acknowledged). */
  remember(decider: unknown, streamId: string, state: unknown, revision: number, flow?: string): void {
    if (this.capacity <= 0 || revision < 0) return;
    const current = this.entries.peek(streamId);
    if (current && current.decider === decider && current.revision > revision) return;
    this.entries.set(streamId, { decider, state: deepFreeze(state), revision, flow });
  }
}
