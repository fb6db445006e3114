import { calendarDaysBetween } from '@ooh/calendar';

export type AgingBucket = 'current' | '1-30' | '31-60' | '61-90' | '90+';

/** Where a receivable due on `dueDate` sits on `asOf` (both 'YYYY-MM-DD'): days overdue = asOf − dueDate, in calendar days. */
export function agingBucket(dueDate: string, asOf: string): AgingBucket {
  const overdue = calendarDaysBetween(dueDate, asOf);
  if (overdue <= 0) return 'current';
  if (overdue <= 30) return '1-30';
  if (overdue <= 60) return '31-60';
  if (overdue <= 90) return '61-90';
  return '90+';
}
