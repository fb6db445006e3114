import { Injectable } from '@nestjs/common';
import { notFound } from '@ooh/eventing';
import { Aggregates } from '@ooh/http-kit';
import { siteAggregate, siteSnapshot, type SiteSnapshot } from '@ooh/operations-domain';

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

  /** The full state, for the checks a booking request makes on each face. */
  async state(siteId: string) {
    return (await this.sites.load(siteId)).state;
  }
}
