import { addDays, daysBetween, isoWeekOfDate } from '@ooh/calendar';
import { ruleViolated } from '@ooh/eventing';
import type { Channel } from '../channels';

export const PRICING_MODELS = ['per-spot', 'cpm', 'cpp', 'flat', 'per-insertion', 'per-face-day'] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

/** A week of the grid: the Monday it starts on and the units bought that week (0: a hiatus week). */
export interface GridWeek {
  weekStart: string;
  units: number;
}

/** A line as the planner writes it. */
export interface PlanLineInput {
  lineId: string;
  channel: Channel;
  vendor: { vendorId: string; name: string };
  /** Station, publication, site or platform. */
  property: string;
  /** Operator faces of an OOH line (checked against the operator's availability when submitted). */
  faces: Array<{ siteId: string; face: string }>;
  placement: string | null;
  format: string | null;
  spotLengthSeconds: number | null;
  adSize: string | null;
  dayparts: string[];
  market: string;
  targetDemo: string | null;
  flight: { start: string; end: string };
  weeks: GridWeek[];
  pricing: PricingModel;
  grossRateFen: number;
  /** Agency commission, percent of gross (0-100, two decimals at most). */
  commissionPercent: number;
  estimates: { impressions: number | null; grp: number | null; reach: number | null; frequency: number | null };
}

/** A line with what the domain computes from it. */
export interface PlanLine extends PlanLineInput {
  units: number;
  activeDays: number;
  grossFen: number;
  netFen: number;
  /** Net cost per thousand impressions, per rating point (null without the estimate). */
  cpmFen: number | null;
  cppFen: number | null;
  /** Net cost per month, pro rata by active days. */
  netByMonth: Record<string, number>;
}

export interface PlanTotals {
  grossFen: number;
  netFen: number;
  byChannel: Record<string, number>;
  byMonth: Record<string, number>;
  byVendor: Record<string, { name: string; netFen: number }>;
}

const isMonday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() === 1;

/** The days a line runs: flight days in weeks of the grid with units (every flight day without a grid). */
function activeDates(line: PlanLineInput): string[] {
  const days = daysBetween(line.flight.start, line.flight.end);
  if (line.weeks.length === 0) return days;
  const running = new Set(line.weeks.filter((w) => w.units > 0).map((w) => isoWeekOfDate(w.weekStart)));
  return days.filter((day) => running.has(isoWeekOfDate(day)));
}

/** Splits `total` over keys by weight, the rounding remainder on the last key, so the parts add up exactly. */
function split(total: number, weights: Record<string, number>): Record<string, number> {
  const keys = Object.keys(weights).sort();
  const sum = keys.reduce((s, k) => s + weights[k], 0);
  const parts: Record<string, number> = {};
  let given = 0;
  keys.forEach((key, i) => {
    parts[key] = i === keys.length - 1 ? total - given : Math.round((total * weights[key]) / sum);
    given += parts[key];
  });
  return parts;
}

/** Refuses a line whose grid, flight, pricing or estimates do not hold together. */
export function requireLine(line: PlanLineInput): void {
  const where = `line ${line.lineId}`;
  if (line.flight.end < line.flight.start) throw ruleViolated('FLIGHT_REVERSED', `${where}: the flight ends before it starts`);
  const firstWeek = isoWeekOfDate(line.flight.start);
  const lastWeek = isoWeekOfDate(line.flight.end);
  const seen = new Set<string>();
  for (const week of line.weeks) {
    if (!isMonday(week.weekStart)) throw ruleViolated('WEEK_NOT_MONDAY', `${where}: a grid week starts on a Monday, not ${week.weekStart}`);
    const label = isoWeekOfDate(week.weekStart);
    if (label < firstWeek || label > lastWeek) throw ruleViolated('WEEK_OUTSIDE_FLIGHT', `${where}: the week of ${week.weekStart} is outside the flight`);
    if (seen.has(label)) throw ruleViolated('WEEK_TWICE', `${where}: the week of ${week.weekStart} appears twice`);
    seen.add(label);
  }
  if (line.channel === 'outdoor' && line.pricing === 'per-face-day' && line.faces.length === 0) {
    throw ruleViolated('FACES_REQUIRED', `${where}: priced per face-day, it names the faces`);
  }
  if (line.pricing === 'cpm' && !line.estimates.impressions)
    throw ruleViolated('IMPRESSIONS_REQUIRED', `${where}: priced per thousand, it estimates impressions`);
  if (line.pricing === 'cpp' && !line.estimates.grp) throw ruleViolated('GRP_REQUIRED', `${where}: priced per rating point, it estimates GRP`);
  if ((line.pricing === 'per-spot' || line.pricing === 'per-insertion') && line.weeks.every((w) => w.units === 0)) {
    throw ruleViolated('UNITS_REQUIRED', `${where}: priced per ${line.pricing === 'per-spot' ? 'spot' : 'insertion'}, its grid buys some`);
  }
}

/** Net cost and the measures derived from a line (all money in whole fen). */
export function computeLine(line: PlanLineInput): PlanLine {
  const dates = activeDates(line);
  const units = line.weeks.reduce((sum, w) => sum + w.units, 0);
  const { impressions, grp } = line.estimates;
  const grossFen = Math.round(
    {
      'per-spot': line.grossRateFen * units,
      'per-insertion': line.grossRateFen * units,
      'per-face-day': line.grossRateFen * line.faces.length * dates.length,
      cpm: (line.grossRateFen * (impressions ?? 0)) / 1000,
      cpp: line.grossRateFen * (grp ?? 0),
      flat: line.grossRateFen,
    }[line.pricing],
  );
  const netFen = Math.round((grossFen * (10_000 - Math.round(line.commissionPercent * 100))) / 10_000);
  const perMonth: Record<string, number> = {};
  for (const day of dates.length > 0 ? dates : [line.flight.start]) perMonth[day.slice(0, 7)] = (perMonth[day.slice(0, 7)] ?? 0) + 1;
  return {
    ...line,
    units,
    activeDays: dates.length,
    grossFen,
    netFen,
    cpmFen: impressions ? Math.round((netFen * 1000) / impressions) : null,
    cppFen: grp ? Math.round(netFen / grp) : null,
    netByMonth: split(netFen, perMonth),
  };
}

export function planTotals(lines: PlanLine[]): PlanTotals {
  const totals: PlanTotals = { grossFen: 0, netFen: 0, byChannel: {}, byMonth: {}, byVendor: {} };
  for (const line of lines) {
    totals.grossFen += line.grossFen;
    totals.netFen += line.netFen;
    totals.byChannel[line.channel] = (totals.byChannel[line.channel] ?? 0) + line.netFen;
    for (const [month, fen] of Object.entries(line.netByMonth)) totals.byMonth[month] = (totals.byMonth[month] ?? 0) + fen;
    const vendor = totals.byVendor[line.vendor.vendorId] ?? { name: line.vendor.name, netFen: 0 };
    totals.byVendor[line.vendor.vendorId] = { name: vendor.name, netFen: vendor.netFen + line.netFen };
  }
  return totals;
}

/** The face-days an OOH line asks of the operator: its faces over its active dates, as date ranges. */
export function faceRequests(line: PlanLineInput): Array<{ siteId: string; face: string; start: string; end: string }> {
  const dates = activeDates(line);
  const ranges: Array<{ start: string; end: string }> = [];
  for (const day of dates) {
    const last = ranges.at(-1);
    if (last && addDays(last.end, 1) === day) last.end = day;
    else ranges.push({ start: day, end: day });
  }
  return line.faces.flatMap((f) => ranges.map((r) => ({ siteId: f.siteId, face: f.face, ...r })));
}

export interface LineChange {
  lineId: string;
  fields: Record<string, { from: unknown; to: unknown }>;
}

export interface VersionDiff {
  added: PlanLine[];
  removed: PlanLine[];
  changed: LineChange[];
  totals: { before: PlanTotals; after: PlanTotals };
}

/** Lines added, removed and changed (field by field) from one version to another, and the totals of each. */
export function diffLines(before: PlanLine[], after: PlanLine[]): VersionDiff {
  const old = new Map(before.map((l) => [l.lineId, l]));
  const now = new Map(after.map((l) => [l.lineId, l]));
  const changed: LineChange[] = [];
  for (const [lineId, line] of now) {
    const previous = old.get(lineId);
    if (!previous) continue;
    const fields: LineChange['fields'] = {};
    for (const key of Object.keys(line) as Array<keyof PlanLine>) {
      if (JSON.stringify(line[key]) !== JSON.stringify(previous[key])) fields[key] = { from: previous[key], to: line[key] };
    }
    if (Object.keys(fields).length > 0) changed.push({ lineId, fields });
  }
  return {
    added: after.filter((l) => !old.has(l.lineId)),
    removed: before.filter((l) => !now.has(l.lineId)),
    changed,
    totals: { before: planTotals(before), after: planTotals(after) },
  };
}
