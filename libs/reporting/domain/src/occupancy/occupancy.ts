import { addDays, daysBetween, previousDay } from '@ooh/calendar';
import { countedFacts, type CountedFact, type ReportTimes } from '../campaign/campaign-360';
import type { FactDetail, LedgerState } from '../ledger/ledger.events';

type SiteShape = NonNullable<FactDetail['site']>;

/** Facts in the order their producer recorded them. */
const inOrder = (a: CountedFact, b: CountedFact) => a.recordedAt.localeCompare(b.recordedAt) || a.factId.localeCompare(b.factId);

/** The site as it stood on each day: the latest change dated that day or before (none: not registered yet). */
function siteOn(changes: CountedFact[]): (day: string) => SiteShape | null {
  const sorted = [...changes].sort((a, b) => a.businessDate.localeCompare(b.businessDate) || inOrder(a, b));
  return (day) => {
    let found: SiteShape | null = null;
    for (const c of sorted) if (c.businessDate <= day) found = c.detail!.site!;
    return found;
  };
}

/** Each face a booking holds, as the interval its changes leave: taken, extended, released from a day. */
function heldIntervals(holds: CountedFact[]): Map<string, { start: string; end: string }> {
  const faces = new Map<string, { start: string; end: string }>();
  for (const f of [...holds].sort(inOrder)) {
    const face = f.detail!.face!;
    const hold = f.detail!.hold!;
    const current = faces.get(face);
    if (hold.change === 'held' && hold.start && hold.end) faces.set(face, { start: hold.start, end: hold.end });
    else if (hold.change === 'extended' && current && hold.end) faces.set(face, { ...current, end: hold.end });
    else if (hold.change === 'released' && current) {
      if (hold.releasedFrom === null || hold.releasedFrom <= current.start) faces.delete(face);
      else faces.set(face, { ...current, end: previousDay(hold.releasedFrom) < current.end ? previousDay(hold.releasedFrom) : current.end });
    }
  }
  return faces;
}

export interface OccupancyRow {
  city: string;
  station: string;
  kind: string;
  /** Faces of the group's sites in the month. */
  faces: number;
  /** Face-days the faces were in service (registered, not faulty, under maintenance or retired). */
  faceDaysInService: number;
  /** Of those, face-days a booking held (under review, booked or live). */
  faceDaysTaken: number;
  /** Taken over in service, percent to one decimal (null: nothing in service). */
  occupancyPercent: number | null;
}

/**
 * OOH occupancy (销控 as a report) per city, station and kind for the days asked: face-days taken over
 * face-days in service, from the operator's published sites and face holds. As of a day and as known at
 * an instant like every report: a month's figures as they stood at its close stay reproducible.
 */
export function occupancy(siteLedgers: LedgerState[], bookingLedgers: LedgerState[], period: { start: string; end: string }, times: ReportTimes = {}) {
  const days = daysBetween(period.start, period.end);
  const taken = new Map<string, Set<string>>();
  for (const booking of bookingLedgers) {
    const holds = countedFacts([booking], times).filter((f) => f.measure === 'faceHold' && f.detail?.face && f.detail.hold);
    for (const [face, { start, end }] of heldIntervals(holds)) {
      const set = taken.get(face) ?? new Set<string>();
      for (let day = start > period.start ? start : period.start; day <= end && day <= period.end; day = addDays(day, 1)) set.add(day);
      taken.set(face, set);
    }
  }
  const groups = new Map<string, OccupancyRow>();
  for (const ledger of siteLedgers) {
    const changes = countedFacts([ledger], times).filter((f) => f.measure === 'siteState' && f.detail?.site);
    if (changes.length === 0) continue;
    const on = siteOn(changes);
    const shape = on(period.end) ?? changes.map((c) => c.detail!.site!).at(-1)!;
    const key = `${shape.city}|${shape.station}|${shape.kind}`;
    const row = groups.get(key) ?? {
      city: shape.city,
      station: shape.station,
      kind: shape.kind,
      faces: 0,
      faceDaysInService: 0,
      faceDaysTaken: 0,
      occupancyPercent: null,
    };
    row.faces += shape.faces.length;
    for (const day of days) {
      const site = on(day);
      if (!site || site.status !== 'in-service') continue;
      for (const face of site.faces) {
        row.faceDaysInService += 1;
        if (taken.get(`${ledger.documentId}/${face}`)?.has(day)) row.faceDaysTaken += 1;
      }
    }
    groups.set(key, row);
  }
  const rows = [...groups.values()]
    .map((r) => ({ ...r, occupancyPercent: r.faceDaysInService ? Math.round((r.faceDaysTaken * 1000) / r.faceDaysInService) / 10 : null }))
    .sort((a, b) => a.city.localeCompare(b.city) || a.station.localeCompare(b.station) || a.kind.localeCompare(b.kind));
  const total = rows.reduce((t, r) => ({ faces: t.faces + r.faces, inService: t.inService + r.faceDaysInService, taken: t.taken + r.faceDaysTaken }), {
    faces: 0,
    inService: 0,
    taken: 0,
  });
  return {
    rows,
    total: {
      faces: total.faces,
      faceDaysInService: total.inService,
      faceDaysTaken: total.taken,
      occupancyPercent: total.inService ? Math.round((total.taken * 1000) / total.inService) / 10 : null,
    },
  };
}

export type Occupancy = ReturnType<typeof occupancy>;
