import { DateTime } from 'luxon';

/** A site's status history: is it in service at some moment inside [start, end)? */
export function inServiceDuring(history: Array<{ status: string; from: string }>, start: DateTime, end: DateTime): boolean {
  for (let i = 0; i < history.length; i++) {
    if (history[i].status !== 'in-service') continue;
    const from = DateTime.fromISO(history[i].from);
    const until = i + 1 < history.length ? DateTime.fromISO(history[i + 1].from) : undefined;
    if (from < end && (until === undefined || until > start)) return true;
  }
  return false;
}

export function dayBounds(date: string, timeZone: string): [DateTime, DateTime] {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  return [start, start.plus({ days: 1 })];
}

export function weekBounds(isoWeek: string, timeZone: string): [DateTime, DateTime] {
  const [year, week] = isoWeek.split('-W').map(Number);
  const start = DateTime.fromObject({ weekYear: year, weekNumber: week, weekday: 1 }, { zone: timeZone }).startOf('day');
  return [start, start.plus({ weeks: 1 })];
}
