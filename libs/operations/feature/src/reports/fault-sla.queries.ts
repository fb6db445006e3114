import { Inject, Injectable } from '@nestjs/common';
import { type Clock, type Filter, type ReadModelStore, readAll } from '@ooh/eventing';
import { CLOCK, PLATFORM_CONFIG, READ_MODELS, type PlatformConfig } from '@ooh/http-kit';
import { dayBounds, requireDayRange } from '@ooh/calendar';
import { faultSla, type FaultSlaInput } from '@ooh/operations-domain';
import { FAULTS } from '../faults/faults.projection';
import { SITES, type SiteView } from '../sites/sites.projection';
import { siteScopeFilter, type SiteScope } from '../sites/site-scope';

const MAX_DAYS = 366;

/** The SLA verdicts of the faults opened on the local days [from, to], as they stand now. */
@Injectable()
export class FaultSlaQueries {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(q: { from: string; to: string; city?: string; station?: string; kind?: string }) {
    requireDayRange(q.from, q.to, MAX_DAYS, 'report');
    const [start] = dayBounds(q.from, this.config.timeZone);
    const [, end] = dayBounds(q.to, this.config.timeZone);
    const filter: Filter = { openedAt: { $gte: new Date(start).toISOString(), $lt: new Date(end).toISOString() } };
    const scoped = q.city || q.station || q.kind;
    if (scoped) filter.siteId = { $in: await this.siteIds(q) };
    const faults = await readAll<FaultSlaInput>(this.readModels, FAULTS, filter);
    const now = this.clock.now();
    return { from: q.from, to: q.to, timeZone: this.config.timeZone, asOf: now.toISOString(), ...faultSla(faults, now.getTime(), this.config.timeZone) };
  }

  private async siteIds(q: SiteScope) {
    return (await readAll<SiteView>(this.readModels, SITES, siteScopeFilter(q))).map((s) => s.siteId);
  }
}
