import { DateTime } from 'luxon';
import { invalid, ruleViolated, streamName } from '@ooh/eventing';

export const receivableStream = (receivableId: string): string => streamName('finance', 'receivable', receivableId);
export const payableStream = (payableId: string): string => streamName('finance', 'payable', payableId);
export const expenseStream = (expenseId: string): string => streamName('finance', 'expense', expenseId);

/** Where a receivable or payable comes from in another context, e.g. operations/booking/<bookingId>. */
export interface SourceRef {
  context: string;
  kind: string;
  id: string;
}

export const isBlank = (value: string | undefined | null): boolean => (value ?? '').trim() === '';

const CURRENCY = /^[A-Z]{3}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Amounts are positive whole numbers of fen (1/100 yuan). */
export function requireAmount(amountFen: number, what: string): void {
  if (typeof amountFen !== 'number' || !Number.isInteger(amountFen) || amountFen <= 0) {
    throw ruleViolated('INVALID_AMOUNT', `${what} must be a positive whole number of fen, got ${amountFen}`);
  }
}

/** ISO 4217 alphabetic code, e.g. CNY. */
export function requireCurrency(currency: string): void {
  if (typeof currency !== 'string' || !CURRENCY.test(currency)) {
    throw ruleViolated('INVALID_CURRENCY', `Not an ISO 4217 currency code: ${currency}`);
  }
}

export function requireSameCurrency(expected: string, actual: string, what: string): void {
  if (actual !== expected) throw ruleViolated('CURRENCY_MISMATCH', `${what} is in ${actual}, expected ${expected}`);
}

function calendarDate(date: string): DateTime {
  const dt = typeof date === 'string' && DATE_ONLY.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : DateTime.invalid('not a date');
  if (!dt.isValid) throw invalid('INVALID_DATE', `Not a YYYY-MM-DD date: ${date}`);
  return dt;
}

/** Refuses anything but a real calendar date written YYYY-MM-DD. */
export function requireDate(date: string): void {
  calendarDate(date);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const calendarDaysBetween = (from: string, to: string): number => Math.round(calendarDate(to).diff(calendarDate(from), 'days').days);

/** 'YYYY-MM' of a 'YYYY-MM-DD' date, the ledger's month. */
export const monthOf = (date: string): string => calendarDate(date).toFormat('yyyy-MM');

/** The executive threshold is configuration: a whole, non-negative number of fen. */
export function requireThreshold(executiveThresholdFen: number): void {
  if (typeof executiveThresholdFen !== 'number' || !Number.isInteger(executiveThresholdFen) || executiveThresholdFen < 0) {
    throw invalid('APPROVAL_POLICY_INVALID', `The executive threshold must be a whole number of fen ≥ 0, got ${executiveThresholdFen}`);
  }
}

/** The local date `days` after an instant in the operator's time zone: a receivable's due date under payment terms. */
export function dueDateAfter(instant: string, timeZone: string, days: number): string {
  const local = DateTime.fromISO(instant, { setZone: true }).setZone(timeZone);
  if (!local.isValid) throw invalid('INVALID_INSTANT', `Not an instant with a valid time zone: ${instant} in ${timeZone}`);
  return local.plus({ days }).toISODate()!;
}
