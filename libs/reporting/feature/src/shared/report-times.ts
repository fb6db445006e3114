import { localDate } from '@ooh/calendar';
import { utcInstant, type OperatorToday } from '@ooh/http-kit';

/** A report's two times from its query: the business day, and the instant it is known at (UTC). */
export const timesOf = (q: { asOf?: string; knownAt?: string }) => ({ asOf: q.asOf ?? null, knownAt: q.knownAt ? utcInstant(q.knownAt) : null });

/**
 * The day up to which delivery is due (later days are pending): the day asked, else the day the report
 * is known at, else today. As known at a close, nothing after the close can be due, so the same close
 * gives the same figures whenever it is asked.
 */
export function cutoffOf(q: { asOf?: string; knownAt?: string }, today: OperatorToday): string {
  if (q.asOf) return q.asOf;
  const now = today.today();
  if (!q.knownAt) return now;
  const known = localDate(utcInstant(q.knownAt), today.timeZone);
  return known < now ? known : now;
}
