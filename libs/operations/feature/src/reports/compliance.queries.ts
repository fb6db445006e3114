import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { invalid, type Filter, type ReadModelStore, readAll } from '@ooh/eventing';
import { PLATFORM_CONFIG, READ_MODELS, type PlatformConfig } from '@ooh/http-kit';
import { daysBetween, isoWeeksBetween } from '@ooh/calendar';
import { INSPECTION_DAYS, type InspectionDay } from '../inspections/inspections.projection';
import { MAINTENANCE_WEEKS, type MaintenanceWeek } from '../maintenance/maintenance.projection';
import { SITES, type SiteView } from '../sites/sites.projection';
import { dayBounds, inServiceDuring, weekBounds } from './service-calendar';

const MAX_DAYS = 366;
const MAX_WEEKS = 106;

/**
 * Compliance with the seed's rules: every in-service site inspected at least once per local day and
 * maintained at least once per ISO week. A site-day counts as required when the site was in service
 * at any moment of that day; every missed one is listed.
 */
@Injectable()
export class ComplianceQueries {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async inspections(q: { from: string; to: string; city?: string; station?: string; kind?: string }) {
    if (q.from > q.to) throw invalid('INVALID_RANGE', 'from must not be after to', [{ field: 'from', message: 'after to' }]);
    const span = DateTime.fromISO(q.to).diff(DateTime.fromISO(q.from), 'days').days + 1;
    if (!(span <= MAX_DAYS)) throw invalid('RANGE_TOO_LONG', `at most ${MAX_DAYS} days per report`, [{ field: 'to', message: 'range too long' }]);
    const days = daysBetween(q.from, q.to);
    const sites = await this.sites(q);
    const done = new Set((await readAll<InspectionDay>(this.readModels, INSPECTION_DAYS, { date: { $gte: q.from, $lte: q.to } })).map((d) => `${d.siteId}|${d.date}`));
    const missed: Array<{ siteId: string; date: string }> = [];
    let required = 0;
    for (const date of days) {
      const [start, end] = dayBounds(date, this.config.timeZone);
      for (const site of sites) {
        if (!inServiceDuring(site.statusHistory, start, end)) continue;
        required++;
        if (!done.has(`${site.siteId}|${date}`)) missed.push({ siteId: site.siteId, date });
      }
    }
    return { from: q.from, to: q.to, timeZone: this.config.timeZone, requiredSiteDays: required, inspectedSiteDays: required - missed.length, compliance: ratio(required, missed.length), missed };
  }

  async maintenance(q: { from: string; to: string; city?: string; station?: string; kind?: string }) {
    if (q.from > q.to) throw invalid('INVALID_RANGE', 'from must not be after to', [{ field: 'from', message: 'after to' }]);
    const [first, last] = [weekBounds(q.from, this.config.timeZone)[0], weekBounds(q.to, this.config.timeZone)[0]];
    if (!first.isValid || !last.isValid) throw invalid('INVALID_WEEK', 'not an ISO week of that year', [{ field: first.isValid ? 'to' : 'from', message: 'no such week' }]);
    if (last.diff(first, 'weeks').weeks + 1 > MAX_WEEKS) throw invalid('RANGE_TOO_LONG', `at most ${MAX_WEEKS} weeks per report`, [{ field: 'to', message: 'range too long' }]);
    const weeks = isoWeeksBetween(first.toISODate()!, last.toISODate()!);
    const sites = await this.sites(q);
    const done = new Set((await readAll<MaintenanceWeek>(this.readModels, MAINTENANCE_WEEKS, { week: { $gte: q.from, $lte: q.to } })).map((w) => `${w.siteId}|${w.week}`));
    const missed: Array<{ siteId: string; week: string }> = [];
    let required = 0;
    for (const week of weeks) {
      const [start, end] = weekBounds(week, this.config.timeZone);
      for (const site of sites) {
        if (!inServiceDuring(site.statusHistory, start, end)) continue;
        required++;
        if (!done.has(`${site.siteId}|${week}`)) missed.push({ siteId: site.siteId, week });
      }
    }
    return { from: q.from, to: q.to, timeZone: this.config.timeZone, requiredSiteWeeks: required, maintainedSiteWeeks: required - missed.length, compliance: ratio(required, missed.length), missed };
  }

  private sites(q: { city?: string; station?: string; kind?: string }) {
    const filter: Filter = {};
    if (q.city) filter.city = q.city;
    if (q.station) filter.station = q.station;
    if (q.kind) filter.kind = q.kind;
    return readAll<SiteView>(this.readModels, SITES, filter);
  }
}

const ratio = (required: number, missed: number) => (required === 0 ? 1 : Math.round(((required - missed) / required) * 10000) / 10000);
