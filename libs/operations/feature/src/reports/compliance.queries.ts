import { Inject, Injectable } from '@nestjs/common';
import { type ReadModelStore, readAll, unprocessable } from '@ooh/eventing';
import { PLATFORM_CONFIG, READ_MODELS, type PlatformConfig } from '@ooh/http-kit';
import { calendarDaysBetween, dayBounds, daysBetween, isoWeeksBetween, localDate, weekBounds, requireDayRange } from '@ooh/calendar';
import { compliance } from '@ooh/operations-domain';
import { INSPECTION_DAYS, type InspectionDay } from '../inspections/inspections.projection';
import { MAINTENANCE_WEEKS, type MaintenanceWeek } from '../maintenance/maintenance.projection';
import { SITES, type SiteView } from '../sites/sites.projection';
import { siteScopeFilter, type SiteScope } from '../sites/site-scope';

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
    requireDayRange(q.from, q.to, MAX_DAYS, 'report');
    const periods = daysBetween(q.from, q.to).map((date) => ({ period: date, bounds: dayBounds(date, this.config.timeZone) }));
    const done = (await readAll<InspectionDay>(this.readModels, INSPECTION_DAYS, { date: { $gte: q.from, $lte: q.to } })).map((d) => `${d.siteId}|${d.date}`);
    const result = compliance(periods, await this.sites(q), new Set(done));
    const missed = result.missed.map((m) => ({ siteId: m.siteId, date: m.period }));
    return {
      from: q.from,
      to: q.to,
      timeZone: this.config.timeZone,
      requiredSiteDays: result.required,
      inspectedSiteDays: result.done,
      compliance: result.compliance,
      missed,
    };
  }

  async maintenance(q: { from: string; to: string; city?: string; station?: string; kind?: string }) {
    if (q.from > q.to) throw unprocessable('INVALID_RANGE', 'from must not be after to', [{ field: 'from', message: 'after to' }]);
    const [first, last] = [weekBounds(q.from, this.config.timeZone), weekBounds(q.to, this.config.timeZone)];
    if (!first || !last) throw unprocessable('INVALID_WEEK', 'not an ISO week of that year', [{ field: first ? 'to' : 'from', message: 'no such week' }]);
    const [firstMonday, lastMonday] = [first, last].map(([start]) => localDate(new Date(start).toISOString(), this.config.timeZone));
    if (calendarDaysBetween(firstMonday, lastMonday) / 7 + 1 > MAX_WEEKS)
      throw unprocessable('RANGE_TOO_LONG', `at most ${MAX_WEEKS} weeks per report`, [{ field: 'to', message: 'range too long' }]);
    const weeks = isoWeeksBetween(firstMonday, lastMonday);
    const periods = weeks.map((week) => ({ period: week, bounds: weekBounds(week, this.config.timeZone)! }));
    const done = (await readAll<MaintenanceWeek>(this.readModels, MAINTENANCE_WEEKS, { week: { $gte: q.from, $lte: q.to } })).map(
      (w) => `${w.siteId}|${w.week}`,
    );
    const result = compliance(periods, await this.sites(q), new Set(done));
    const missed = result.missed.map((m) => ({ siteId: m.siteId, week: m.period }));
    return {
      from: q.from,
      to: q.to,
      timeZone: this.config.timeZone,
      requiredSiteWeeks: result.required,
      maintainedSiteWeeks: result.done,
      compliance: result.compliance,
      missed,
    };
  }

  private sites(q: SiteScope) {
    return readAll<SiteView>(this.readModels, SITES, siteScopeFilter(q));
  }
}
