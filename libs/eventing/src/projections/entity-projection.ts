import type { Decider, DomainEvent } from '../decider';
import type { RecordedEvent } from '../envelope';
import type { IndexDefinition } from '../ports/read-model-store';
import type { Projection, ProjectionContext } from './projection';

/** How a state is kept as a document, for states with keys a document store refuses (dots, `$`). */
export interface DocumentCodec<S> {
  encode(state: S): Record<string, unknown>;
  decode(document: Record<string, unknown>): S;
}

const asIs = <S>(): DocumentCodec<S> => ({ encode: (s) => s as Record<string, unknown>, decode: (d) => d as S });

/**
 * A read model that is the aggregate's own state, folded with the domain's `evolve` (never a copy of
 * its state machine), plus fields derived from it for queries and views: one document per aggregate,
 * with the revision and time of the last event. Revision-guarded like every projection.
 */
export function entityProjection<E extends DomainEvent, S extends object>(options: {
  name: string;
  collection: string;
  /** The aggregate's stream category, e.g. `operations.fault`. */
  category: string;
  indexes?: string[][];
  decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>;
  /** The aggregate's id in an event. */
  id(event: E): string;
  /** Fields derived from the state for lists and views (recomputed on every event). */
  view?(state: S, event: RecordedEvent): Record<string, unknown>;
  codec?: DocumentCodec<S>;
  /** Read models kept in step with the entity (registers, holds showing its status): given the state before and after each event. */
  derived?: {
    collections: string[];
    indexes?: IndexDefinition[];
    apply(change: { before: S; after: S; event: E; recorded: RecordedEvent }, context: ProjectionContext): Promise<void> | void;
  };
}): Projection {
  const codec = options.codec ?? asIs<S>();
  const indexes: IndexDefinition[] = (options.indexes ?? []).map((fields) => ({ collection: options.collection, fields }));
  return {
    name: options.name,
    collections: [options.collection, ...(options.derived?.collections ?? [])],
    filter: { categories: [options.category] },
    indexes: [...indexes, ...(options.derived?.indexes ?? [])],
    async apply(context) {
      const { event, get, put } = context;
      const e = { type: event.type, data: event.data } as E;
      const id = options.id(e);
      const stored = await get<Record<string, unknown>>(options.collection, id);
      const before = stored ? codec.decode(stored) : options.decider.initialState();
      const after = options.decider.evolve(before, e);
      put(options.collection, id, { ...codec.encode(after), ...(options.view?.(after, event) ?? {}), revision: event.revision, updatedAt: event.recordedAt });
      await options.derived?.apply({ before, after, event: e, recorded: event }, context);
    },
  };
}
