import type { Filter, ReadModelStore } from '../ports/read-model-store';

/** Every document matching a filter, paged through in chunks (for reports and scheduled jobs). */
export async function readAll<T>(readModels: ReadModelStore, collection: string, filter: Filter, pageSize = 500): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await readModels.find<T>(collection, { filter, limit: pageSize, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
