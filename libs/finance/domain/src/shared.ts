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

/** The executive threshold is configuration: a whole, non-negative number of fen. */
export function requireThreshold(executiveThresholdFen: number): void {
  if (typeof executiveThresholdFen !== 'number' || !Number.isInteger(executiveThresholdFen) || executiveThresholdFen < 0) {
    throw invalid('APPROVAL_POLICY_INVALID', `The executive threshold must be a whole number of fen ≥ 0, got ${executiveThresholdFen}`);
  }
}
