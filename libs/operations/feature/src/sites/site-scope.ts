import type { Filter } from '@ooh/eventing';

export interface SiteScope {
  city?: string;
  station?: string;
  kind?: string;
}

/** The read-model filter of the sites a report or query is scoped to (all when nothing is given). */
export function siteScopeFilter(q: SiteScope, base: Filter = {}): Filter {
  const filter: Filter = { ...base };
  for (const field of ['city', 'station', 'kind'] as const) if (q[field]) filter[field] = q[field];
  return filter;
}
