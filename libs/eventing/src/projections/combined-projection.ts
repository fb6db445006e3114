import { streamCategory } from '../envelope';
import type { ScopedFilter } from '../ports/event-store';
import type { Projection } from './projection';

const reads = (filter: ScopedFilter, streamId: string, type: string): boolean =>
  (filter.categories ? filter.categories.includes(streamCategory(streamId)) : streamId.startsWith(filter.streamPrefix)) &&
  (!filter.eventTypes || filter.eventTypes.includes(type));

/**
 * Several projections run as one, in log order and committed together: for read models that must
 * see one another's events in order (face holds showing the status of the booking that holds them).
 */
export function combineProjections(name: string, ...parts: Projection[]): Projection {
  const categories = [...new Set(parts.flatMap((p) => p.filter.categories ?? []))];
  if (parts.some((p) => !p.filter.categories)) throw new Error(`combineProjections(${name}): combine projections that name their categories`);
  return {
    name,
    collections: [...new Set(parts.flatMap((p) => p.collections))],
    indexes: parts.flatMap((p) => p.indexes ?? []),
    filter: { categories },
    async apply(context) {
      for (const part of parts) if (reads(part.filter, context.event.streamId, context.event.type)) await part.apply(context);
    },
  };
}
