import type { DomainEvent } from '../decider';
import type { IndexDefinition } from '../ports/read-model-store';
import type { Projection, ProjectionContext } from './projection';

/** One handler per event type, each receiving its own event type: no casts in a projection. */
export type EventHandlers<E extends DomainEvent> = {
  [T in E['type']]?: (event: Extract<E, { type: T }>, context: ProjectionContext) => Promise<void> | void;
};

/**
 * A read model that is not one aggregate's state (counters, registers, calendars): the categories it
 * reads and a handler for each event type it handles; the subscription reads only those types.
 */
export function eventProjection<E extends DomainEvent>(options: {
  name: string;
  collections: string[];
  categories: string[];
  indexes?: IndexDefinition[];
  on: EventHandlers<E>;
}): Projection {
  const handlers = options.on as Record<string, ((event: E, context: ProjectionContext) => Promise<void> | void) | undefined>;
  return {
    name: options.name,
    collections: options.collections,
    indexes: options.indexes,
    filter: { categories: options.categories, eventTypes: Object.keys(handlers) },
    async apply(context) {
      await handlers[context.event.type]?.({ type: context.event.type, data: context.event.data } as E, context);
    },
  };
}
