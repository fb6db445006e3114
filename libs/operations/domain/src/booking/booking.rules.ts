/** The booking's guards and checks, shared by its decider and the processes around it (the request, the renewal). */
import { AppError, invalid, notFound, ruleViolated, type EvidenceRef } from '@ooh/eventing';
import { addDays, calendarDaysBetween, requireCalendarDate as day } from '@ooh/calendar';
import { isBlank } from '../shared';
import type { BookingPeriod, BookingStatus, Creative, FaceRef, Money } from './booking.events';
import type { BookingState } from './booking.state';
import { DEFAULT_REQUIRED_INTERNAL_APPROVALS, type BookedSite } from './booking.commands';

export const BEFORE_POSTING: readonly BookingStatus[] = [
  'requested',
  'internal-review',
  'landlord-review',
  'revision-required',
  'awaiting-payment',
  'paid',
  'schedule-proposed',
  'scheduled',
];
export const BEFORE_PAYMENT: readonly BookingStatus[] = ['requested', 'internal-review', 'landlord-review', 'revision-required', 'awaiting-payment'];
export const PAID_OR_LATER: readonly BookingStatus[] = ['paid', 'schedule-proposed', 'scheduled', 'posted', 'live', 'removal-due', 'removed', 'closed'];
export const isFinished = (status: BookingStatus) => status === 'closed' || status === 'cancelled' || status === 'refused';

export function requireCreative(creative: Creative | null): Creative {
  if (!creative) throw ruleViolated('CREATIVE_REQUIRED', 'A creative is required');
  if (!creative.files || creative.files.length === 0) {
    throw ruleViolated('CREATIVE_FILE_REQUIRED', `Creative ${creative.creativeId} needs at least one file`);
  }
  return { ...creative, files: [...creative.files] };
}

export function requireEvidence(evidence: readonly EvidenceRef[] | undefined, what: string): void {
  if (!evidence || evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', `${what} needs at least one piece of evidence`);
}

export function requireReason(reason: string | null | undefined, what: string): string {
  if (isBlank(reason)) throw ruleViolated('REASON_REQUIRED', `${what} needs a reason`);
  return reason as string;
}

export function validateFaces(faces: FaceRef[]): void {
  if (!faces || faces.length === 0) throw ruleViolated('FACE_REQUIRED', 'A booking needs at least one face');
  const keys = faces.map((f) => `${f.siteId}/${f.face}`);
  const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
  if (duplicate !== undefined) throw ruleViolated('DUPLICATE_FACE', `Face ${duplicate} is listed twice`);
}

export function validatePrice(price: Money): void {
  if (!Number.isInteger(price.amountFen) || price.amountFen <= 0) {
    throw ruleViolated('INVALID_AMOUNT', `The price must be a positive whole number of fen, got ${price.amountFen}`);
  }
  if (isBlank(price.currency)) throw ruleViolated('INVALID_AMOUNT', 'The price needs a currency');
}

/**
 * Every face exists on a working site; the distinct landlord authorities of those sites (each
 * reviews the booking). A problem names the face's field.
 */
export function landlordAuthoritiesOf(faces: FaceRef[], sites: Record<string, BookedSite | null>): string[] {
  const authorities = new Set<string>();
  for (const [index, f] of faces.entries()) {
    const site = sites[f.siteId];
    if (!site || site.status === 'unregistered') {
      throw new AppError('not-found', 'SITE_NOT_FOUND', `Site ${f.siteId} is not registered`, [{ field: `faces.${index}.siteId`, message: 'unknown site' }]);
    }
    if (site.status === 'retired') throw ruleViolated('SITE_RETIRED', `Site ${f.siteId} is retired`);
    if (!site.faces.includes(f.face)) {
      throw new AppError('rule-violated', 'UNKNOWN_FACE', `Site ${f.siteId} has no face ${f.face} (it has ${site.faces.join(', ')})`, [
        { field: `faces.${index}.face`, message: 'no such face on this site' },
      ]);
    }
    if (isBlank(site.landlordAuthority)) throw ruleViolated('LANDLORD_AUTHORITY_REQUIRED', `Site ${f.siteId} has no landlord authority`);
    authorities.add(site.landlordAuthority);
  }
  return [...authorities];
}

export function approvalsRequired(configured: number | undefined): number {
  const required = configured ?? DEFAULT_REQUIRED_INTERNAL_APPROVALS;
  if (!Number.isInteger(required) || required < 1) {
    throw invalid('APPROVAL_POLICY_INVALID', `Required internal approvals must be a whole number ≥ 1, got ${required}`);
  }
  return required;
}

/** Which review (main flow, or the side review of a creative change on a live booking) a review command applies to. */
export interface OpenReview {
  creativeChange: boolean;
  stage: 'internal-review' | 'landlord-review' | 'approved';
  round: number;
  internalApprovals: string[];
  landlordApprovals: Record<string, string>;
  submittedBy: string | null;
}

export function openReview(state: BookingState): OpenReview | null {
  if (state.status === 'internal-review' || state.status === 'landlord-review') {
    const { round, internalApprovals, landlordApprovals, submittedBy } = state;
    return { creativeChange: false, stage: state.status, round, internalApprovals, landlordApprovals, submittedBy };
  }
  const pending = state.pendingCreative;
  if (state.status === 'live' && pending) {
    const { stage, round, internalApprovals, landlordApprovals, requestedBy } = pending;
    return { creativeChange: true, stage, round, internalApprovals, landlordApprovals, submittedBy: requestedBy };
  }
  return null;
}

/**
 * A renewal can be recorded: the booking is live and `newEnd` a real date after its end. Checked
 * before the faces are extended (by the renewal process) and again when the renewal is decided.
 */
export function requireRenewable(state: BookingState, bookingId: string, newEnd: string | null | undefined): asserts newEnd is string {
  if (state.status === 'none') throw notFound('BOOKING_NOT_FOUND', `Booking ${bookingId} does not exist`);
  if (state.status !== 'live') throw ruleViolated('NOT_LIVE', `Booking ${bookingId} is ${state.status}, not live`);
  if (newEnd === null || newEnd === undefined) throw ruleViolated('INVALID_RENEWAL', 'A renewal needs the new end date');
  day(newEnd);
  if (newEnd <= state.period.end) throw ruleViolated('INVALID_RENEWAL', `The new end ${newEnd} must be after the current end ${state.period.end}`);
  if (calendarDaysBetween(state.period.start, newEnd) + 1 > MAX_BOOKING_DAYS) {
    throw ruleViolated('PERIOD_TOO_LONG', `Renewed to ${newEnd}, the booking would be longer than ${MAX_BOOKING_DAYS} days`);
  }
}

/** A booking holds faces for at most this many days (renewals included), starting at most this far ahead. */
export const MAX_BOOKING_DAYS = 3 * 366;
export const MAX_DAYS_AHEAD = 5 * 366;

/** A face is never held for ever, nor booked years ahead (a period of 2027-01-01..9999-12-31 used to be). */
export function requireBookablePeriod(period: BookingPeriod, today: string): void {
  if (period.start > addDays(today, MAX_DAYS_AHEAD)) {
    throw ruleViolated('PERIOD_TOO_FAR_AHEAD', `The period starts ${period.start}; bookings start at most ${MAX_DAYS_AHEAD} days ahead`);
  }
  if (calendarDaysBetween(period.start, period.end) + 1 > MAX_BOOKING_DAYS) {
    throw ruleViolated('PERIOD_TOO_LONG', `The period ${period.start}..${period.end} is longer than ${MAX_BOOKING_DAYS} days`);
  }
}
