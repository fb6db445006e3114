import { Injectable } from '@nestjs/common';
import { notFound } from '@ooh/eventing';
import { Aggregates } from '@ooh/http-kit';
import { siteAggregate, siteSnapshot, type BookedSite, type SiteSnapshot } from '@ooh/operations-domain';

/** The site as inspection, maintenance, fault and installation commands carry it; unknown sites are 404. */
@Injectable()
export class SiteSnapshots {
  private readonly sites;

  constructor(aggregates: Aggregates) {
    this.sites = aggregates.commands(siteAggregate);
  }

  async of(siteId: string): Promise<SiteSnapshot> {
    const { state } = await this.sites.load(siteId);
    if (state.status === 'unregistered') throw notFound('SITE_NOT_FOUND', `Site ${siteId} is not registered`);
    return siteSnapshot(state);
  }

  /** Each site a booking request names, as its decider checks the faces against them (null: not registered). */
  async bookedSites(siteIds: string[]): Promise<Record<string, BookedSite | null>> {
    const sites: Record<string, BookedSite | null> = {};
    for (const siteId of new Set(siteIds)) {
      const { state } = await this.sites.load(siteId);
      sites[siteId] = state.status === 'unregistered' ? null : { status: state.status, faces: state.faces, landlordAuthority: state.landlordAuthority };
    }
    return sites;
  }
}
