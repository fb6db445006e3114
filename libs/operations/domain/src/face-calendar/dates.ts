import { DateTime } from 'luxon';
import { invalid } from '@ooh/eventing';

// Internal to the face calendar (not re-exported from the library index).
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function calendarDay(date: string): DateTime {
  const dt = DATE_ONLY.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : DateTime.invalid('not a date');
  if (!dt.isValid) throw invalid('INVALID_DATE', `Not a YYYY-MM-DD date: ${date}`);
  return dt;
}

/** Throws INVALID_DATE unless `date` is a real YYYY-MM-DD calendar date. Valid dates compare correctly as strings. */
export function requireCalendarDate(date: string): void {
  calendarDay(date);
}

export const previousDay = (date: string): string => calendarDay(date).minus({ days: 1 }).toFormat('yyyy-MM-dd');
export const nextDay = (date: string): string => calendarDay(date).plus({ days: 1 }).toFormat('yyyy-MM-dd');
