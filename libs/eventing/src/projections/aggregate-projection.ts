import type { DomainEvent } from '../decider';
import type { RecordedEvent } from '../envelope';
import type { IndexDefinition } from '../ports/read-model-store';
import type { Projection } from './projection';

/**
 * A read model that is the aggregate's own state (folded with the domain's `evolve`) plus derived
 * fields for queries: one document per aggregate, revision-guarded like every projection.
 */
export function aggregateProjection<E extends DomainEvent, S extends object>(options: {
  name: string;
  collection: string;
  category: string;
  indexes?: string[][];
  initialState(): S;
  evolve(state: S, event: E): S;
  id(event: E): string;
  view?(state: S, event: RecordedEvent): Record<string, unknown>;
}): Projection {
  const indexes: IndexDefinition[] = (options.indexes ?? []).map((fields) => ({ collection: options.collection, fields }));
  return {
    name: options.name,
    collections: [options.collection],
    filter: { categories: [options.category] },
    indexes,
    async apply({ event, get, put }) {
      const e = { type: event.type, data: event.data } as E;
      const id = options.id(e);
      const stored = await get<Record<string, unknown>>(options.collection, id);
      const state = options.evolve((stored as S | undefined) ?? options.initialState(), e);
      put(options.collection, id, { ...state, ...(options.view?.(state, event) ?? {}), revision: event.revision, updatedAt: event.recordedAt });
    },
  };
}
