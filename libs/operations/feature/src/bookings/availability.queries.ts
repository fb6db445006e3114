import { Inject, Injectable } from '@nestjs/common';
import { invalid, type ReadModelStore, readAll, unprocessable } from '@ooh/eventing';
import { PLATFORM_CONFIG, READ_MODELS, type PlatformConfig } from '@ooh/http-kit';
import { inServiceAt } from '@ooh/operations-domain';
import { DateTime } from 'luxon';
import { SITES, type SiteView } from '../sites/sites.projection';
import { siteScopeFilter } from '../sites/site-scope';
import { FACE_HOLDS, type FaceHoldView } from './bookings.projection';

export type DayState = 'available' | 'held' | 'booked' | 'live' | 'out-of-service';
export interface Run {
  from: string;
  to: string;
  state: DayState;
  bookingId?: string;
}

const MAX_DAYS = 400;

/**
 * The availability calendar (销控): for each site face and day, available, held (under review),
 * booked (paid), live, or out of service. Returned as runs of equal days per face, which keeps a year
 * of 500 faces small; `totals` counts face-days per state.
 */
@Injectable()
export class AvailabilityQueries {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async calendar(q: { from: string; to: string; city?: string; station?: string; kind?: string }) {
    const from = DateTime.fromISO(q.from, { zone: this.config.timeZone });
    const to = DateTime.fromISO(q.to, { zone: this.config.timeZone });
    if (!from.isValid || !to.isValid)
      throw invalid('INVALID_DATE', 'from and to must be real dates', [{ field: from.isValid ? 'to' : 'from', message: 'not a date' }]);
    if (to < from) throw unprocessable('INVALID_RANGE', 'from must not be after to', [{ field: 'from', message: 'after to' }]);
    const days = to.diff(from, 'days').days + 1;
    if (days > MAX_DAYS) throw unprocessable('RANGE_TOO_LONG', `at most ${MAX_DAYS} days per query`, [{ field: 'to', message: 'range too long' }]);

    const siteFilter = siteScopeFilter(q, { status: { $ne: 'retired' } });
    const sites = await readAll<SiteView>(this.readModels, SITES, siteFilter, 1000);
    const holds = sites.length
      ? await readAll<FaceHoldView>(
          this.readModels,
          FACE_HOLDS,
          { siteId: { $in: sites.map((s) => s.siteId) }, released: false, start: { $lte: q.to }, end: { $gte: q.from } },
          2000,
        )
      : [];
    const holdsByFace = new Map<string, FaceHoldView[]>();
    // A hold whose booking ended (cancelled, removed, closed) no longer takes the face, even before the release reaches it.
    for (const h of holds.filter((hold) => hold.state !== 'released'))
      holdsByFace.set(`${h.siteId}|${h.face}`, [...(holdsByFace.get(`${h.siteId}|${h.face}`) ?? []), h]);

    const dates = Array.from({ length: days }, (_, i) => from.plus({ days: i }).toISODate()!);
    // The instant each local day ends, computed once per query.
    const dayEnds = dates.map((_, i) => from.plus({ days: i }).endOf('day').toMillis());
    const totals: Record<DayState, number> = { available: 0, held: 0, booked: 0, live: 0, 'out-of-service': 0 };
    const faces = sites.flatMap((site) => {
      const outOfService = dayEnds.map((dayEnd) => !inServiceAt(site.statusHistory, dayEnd));
      return site.faces.map((face) => {
        const states: Array<{ state: DayState; bookingId?: string }> = dates.map((_, i) => ({ state: outOfService[i] ? 'out-of-service' : 'available' }));
        for (const h of holdsByFace.get(`${site.siteId}|${face}`) ?? []) {
          for (let i = 0; i < dates.length; i++) {
            if (dates[i] >= h.start && dates[i] <= h.end && states[i].state !== 'out-of-service')
              states[i] = { state: h.state as DayState, bookingId: h.bookingId };
          }
        }
        states.forEach((s) => (totals[s.state] += 1));
        return { siteId: site.siteId, face, city: site.city, station: site.station, kind: site.kind, runs: toRuns(dates, states) };
      });
    });
    return { from: q.from, to: q.to, timeZone: this.config.timeZone, faces, totals };
  }
}

function toRuns(dates: string[], states: Array<{ state: DayState; bookingId?: string }>): Run[] {
  const runs: Run[] = [];
  states.forEach((s, i) => {
    const last = runs[runs.length - 1];
    if (last && last.state === s.state && last.bookingId === s.bookingId) last.to = dates[i];
    else runs.push({ from: dates[i], to: dates[i], state: s.state, ...(s.bookingId ? { bookingId: s.bookingId } : {}) });
  });
  return runs;
}
