import { entityProjection } from '@ooh/eventing';
import { siteDecider, type SiteEvent, type SiteState } from '@ooh/operations-domain';

export const SITES = 'operations_sites';

export type SiteView = SiteState & { [key: string]: unknown; revision: number; updatedAt: string };

/** Sites for listing and filtering (city, station, kind, status), with their status history. */
export const sitesProjection = entityProjection({
  name: 'operations.sites',
  collection: SITES,
  category: 'operations.site',
  indexes: [['city'], ['status'], ['kind'], ['station']],
  decider: siteDecider,
  id: (e: SiteEvent) => e.data.siteId,
});
