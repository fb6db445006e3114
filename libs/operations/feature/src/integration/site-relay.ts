import { siteChangedV1 } from '@ooh/contracts';
import { integrationEnvelope } from '@ooh/eventing';
import type { StateRelayDefinition } from '@ooh/http-kit';
import { siteDecider, type SiteState } from '@ooh/operations-domain';

const published = ({ city, station, kind, faces, status }: SiteState) => ({ city, station, kind, faces, status });

/** The operator's inventory for other departments' reports: each change of what it publishes sends the whole site. */
export const siteRelay: StateRelayDefinition<SiteState> = {
  name: 'operations.sites',
  category: 'operations.site',
  decider: siteDecider,
  map(event, before, after) {
    if (after.status === 'unregistered') return undefined;
    // Only what the message carries: a site inspected daily for years is not republished every day.
    if (before.status !== 'unregistered' && JSON.stringify(published(before)) === JSON.stringify(published(after))) return undefined;
    const { siteId, city, station, kind, faces, status } = after;
    const changedAt = (event.data as { at?: string; registeredAt?: string }).at ?? (event.data as { registeredAt?: string }).registeredAt ?? event.recordedAt;
    return siteChangedV1.message({ siteId, city, station, kind, faces, status, changedAt }, integrationEnvelope(event));
  },
};
