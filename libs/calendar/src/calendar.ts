import { DateTime } from 'luxon';
import { invalid, ruleViolated, unprocessable } from '@ooh/eventing';

// Instants must carry an offset: a zone-less time would silently take the server's zone.
const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** The written forms every API, event and DTO uses (validity is checked by parsing, not by these alone). */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const MONTH_PATTERN = /^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/;
export const WEEK_PATTERN = /^(19|2\d)\d{2}-W(0[1-9]|[1-4]\d|5[0-3])$/;
/** Calendar date, time (hours and minutes at least) and an explicit offset. */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)$/;

function instant(iso: string): DateTime {
  const dt = HAS_OFFSET.test(iso) ? DateTime.fromISO(iso, { setZone: true }) : DateTime.invalid('missing offset');
  if (!dt.isValid) throw invalid('INVALID_TIMESTAMP', `Not an ISO-8601 timestamp with offset: ${iso}`);
  return dt;
}

function inZone(iso: string, timeZone: string): DateTime {
  const dt = instant(iso).setZone(timeZone);
  if (!dt.isValid) throw invalid('INVALID_TIME_ZONE', `Unknown time zone: ${timeZone}`);
  return dt;
}

function calendarDate(date: string): DateTime {
  const dt = typeof date === 'string' && DATE_PATTERN.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : DateTime.invalid('not a date');
  if (!dt.isValid) throw invalid('INVALID_DATE', `Not a YYYY-MM-DD date: ${date}`);
  return dt;
}

const weekLabel = (dt: DateTime): string => dt.toFormat("kkkk-'W'WW");

// The canonical form every API and event uses. Parsed natively (luxon's fromISO dominated the
// deciders' cost); anything else, and any value that does not round-trip, takes luxon's path.
const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(Z|([+-])(\d{2}):(\d{2}))$/;

function canonicalMillis(iso: string): number | undefined {
  const m = CANONICAL.exec(iso);
  if (!m) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const offsetMinutes = m[7] === 'Z' ? 0 : (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
  const wall = new Date(ms + offsetMinutes * 60_000);
  const same =
    wall.getUTCFullYear() === Number(m[1]) &&
    wall.getUTCMonth() + 1 === Number(m[2]) &&
    wall.getUTCDate() === Number(m[3]) &&
    wall.getUTCHours() === Number(m[4]) &&
    wall.getUTCMinutes() === Number(m[5]) &&
    wall.getUTCSeconds() === Number(m[6]);
  return same ? ms : undefined;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'iso8601', numberingSystem: 'latn' });
    } catch {
      throw invalid('INVALID_TIME_ZONE', `Unknown time zone: ${timeZone}`);
    }
    dateFormats.set(timeZone, format);
  }
  return format;
}

/** Epoch milliseconds of an ISO instant; use it to compare instants written with different offsets. */
export const instantMillis = (iso: string): number => canonicalMillis(iso) ?? instant(iso).toMillis();

export function localDate(iso: string, timeZone: string): string {
  const ms = canonicalMillis(iso);
  if (ms === undefined) return inZone(iso, timeZone).toFormat('yyyy-MM-dd');
  const parts = dateFormat(timeZone).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export const isoWeekOf = (iso: string, timeZone: string): string => weekLabel(inZone(iso, timeZone));

export const localTime = (iso: string, timeZone: string): string => inZone(iso, timeZone).toFormat('HH:mm');

/** Result is UTC, e.g. 2026-03-02T04:30:00.000Z. */
export const addHours = (iso: string, hours: number): string => instant(iso).plus({ hours }).toUTC().toISO()!;

/** Throws INVALID_DATE unless `date` is a real YYYY-MM-DD calendar date. Valid dates compare correctly as strings. */
export function requireCalendarDate(date: string): void {
  calendarDate(date);
}

export const previousDay = (date: string): string => calendarDate(date).minus({ days: 1 }).toFormat('yyyy-MM-dd');
export const nextDay = (date: string): string => calendarDate(date).plus({ days: 1 }).toFormat('yyyy-MM-dd');

/** Inclusive; empty when `toDate` precedes `fromDate`. */
export function daysBetween(fromDate: string, toDate: string): string[] {
  const to = calendarDate(toDate);
  const days: string[] = [];
  for (let day = calendarDate(fromDate); day <= to; day = day.plus({ days: 1 })) days.push(day.toFormat('yyyy-MM-dd'));
  return days;
}

/** Every ISO week that has at least one day in the inclusive range. */
export function isoWeeksBetween(fromDate: string, toDate: string): string[] {
  const from = calendarDate(fromDate);
  const to = calendarDate(toDate);
  if (to < from) return [];
  const weeks: string[] = [];
  for (let monday = from.startOf('week'); monday <= to; monday = monday.plus({ weeks: 1 })) {
    weeks.push(weekLabel(monday));
  }
  return weeks;
}

/** True when `date` is a real YYYY-MM-DD calendar date (no February 30). */
export function isCalendarDate(date: unknown): date is string {
  return typeof date === 'string' && DATE_PATTERN.test(date) && DateTime.fromISO(date, { zone: 'utc' }).isValid;
}

/** True when `value` is an instant in the accepted form that parses (no month 13, hour 25 or offset beyond ±14:00). */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !INSTANT_PATTERN.test(value)) return false;
  // Luxon reads 24:00 as the next midnight: the written hour itself must be a real one.
  if (Number(value.slice(11, 13)) > 23) return false;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid && Math.abs(parsed.offset) <= 14 * 60;
}

export const addDays = (date: string, days: number): string => calendarDate(date).plus({ days }).toFormat('yyyy-MM-dd');

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const calendarDaysBetween = (from: string, to: string): number => Math.round(calendarDate(to).diff(calendarDate(from), 'days').days);

/** A range of calendar days asked for in a query: from ≤ to, and at most `maxDays` days counting both ends. */
export function requireDayRange(from: string, to: string, maxDays: number, per = 'query'): void {
  if (from > to) throw unprocessable('INVALID_RANGE', 'from must not be after to', [{ field: 'from', message: 'after to' }]);
  if (calendarDaysBetween(from, to) + 1 > maxDays)
    throw unprocessable('RANGE_TOO_LONG', `at most ${maxDays} days per ${per}`, [{ field: 'to', message: 'range too long' }]);
}

/** 'YYYY-MM' of a 'YYYY-MM-DD' date. */
export const monthOf = (date: string): string => calendarDate(date).toFormat('yyyy-MM');

/** The month before the one `iso` falls in, in `timeZone`: 'YYYY-MM'. */
export const previousMonth = (iso: string, timeZone: string): string => inZone(iso, timeZone).minus({ months: 1 }).toFormat('yyyy-MM');

/** First and last day of a 'YYYY-MM' month. */
export function monthRange(month: string): { start: string; end: string } {
  const start = `${month}-01`;
  return { start, end: calendarDate(start).endOf('month').toFormat('yyyy-MM-dd') };
}

/** The local date `days` after an instant in `timeZone` (e.g. a receivable's due date under payment terms). */
export function dueDateAfter(instantIso: string, timeZone: string, days: number): string {
  return inZone(instantIso, timeZone).plus({ days }).toFormat('yyyy-MM-dd');
}

/** The instants [start, end) of a local day in `timeZone`, in epoch milliseconds. */
export function dayBounds(date: string, timeZone: string): [number, number] {
  const start = calendarDate(date).setZone(timeZone, { keepLocalTime: true }).startOf('day');
  if (!start.isValid) throw invalid('INVALID_TIME_ZONE', `Unknown time zone: ${timeZone}`);
  return [start.toMillis(), start.plus({ days: 1 }).toMillis()];
}

/** The instants [start, end) of an ISO week ('2026-W48') in `timeZone`; undefined when the year has no such week. */
export function weekBounds(isoWeek: string, timeZone: string): [number, number] | undefined {
  if (!WEEK_PATTERN.test(isoWeek)) return undefined;
  const [year, week] = isoWeek.split('-W').map(Number);
  const start = DateTime.fromObject({ weekYear: year, weekNumber: week, weekday: 1 }, { zone: timeZone }).startOf('day');
  if (!start.isValid || weekLabel(start) !== isoWeek) return undefined;
  return [start.toMillis(), start.plus({ weeks: 1 }).toMillis()];
}

/** The ISO week ('2026-W48') a calendar date belongs to. */
export const isoWeekOfDate = (date: string): string => weekLabel(calendarDate(date));

/**
 * The window the business allows for the date of a fact: never after `today` (nothing is done in the
 * future) and, when given, not before `earliest` (e.g. spent before it was approved). Codes name which.
 */
export function requireFactDate(date: string, what: string, window: { today: string; earliest?: { date: string; code: string; because: string } }): void {
  requireCalendarDate(date);
  if (date > window.today) throw ruleViolated('DATE_IN_FUTURE', `${what} ${date} is after today (${window.today})`);
  if (window.earliest && date < window.earliest.date)
    throw ruleViolated(window.earliest.code, `${what} ${date} is before ${window.earliest.date}, ${window.earliest.because}`);
}

const LOCAL_FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"];

/**
 * An instant written as documents from outside write it: ISO 8601 with an offset, or a wall-clock
 * time without one (a station's log, an affidavit) read in the given zone. Undefined when it is neither.
 */
export function instantFromText(text: string, timeZone: string): string | undefined {
  const trimmed = text.trim();
  if (HAS_OFFSET.test(trimmed)) {
    const dt = DateTime.fromISO(trimmed, { setZone: true });
    return dt.isValid ? dt.toUTC().toISO()! : undefined;
  }
  for (const format of LOCAL_FORMATS) {
    const dt = DateTime.fromFormat(trimmed, format, { zone: timeZone });
    if (dt.isValid) return dt.toUTC().toISO()!;
  }
  return undefined;
}
