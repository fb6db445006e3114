import { daysBetween } from '@ooh/calendar';
import type { CountedFact } from '../campaign/campaign-360';

/** What the operator's record says about one face bought for some days. */
export interface FaceDays {
  /** Days bought (the unit's period). */
  ordered: number;
  /** Days of the period after the cutoff: not due yet. */
  pending: number;
  /** Days due and seen live. */
  live: number;
  /** Days due and not live: posted late, removed early, or out of service in a proof-of-play report. */
  short: string[];
}

/** The record of the bookings of one order line: posting, removal and the monthly proof-of-play reports. */
export interface LineBookings {
  postedOn: string | null;
  removedOn: string | null;
  /** Per face (`siteId/face`) and month, the days a proof-of-play report saw it live. */
  proofOfPlay: Map<string, Set<string>>;
}

const popKey = (face: string, month: string) => `${face}@${month}`;

/** Gathers the counted facts of the bookings of one order line. */
export function lineBookings(facts: CountedFact[], bookingLedgers: string[]): LineBookings {
  const of = (measure: string) => facts.filter((f) => bookingLedgers.includes(f.ledgerId) && f.measure === measure);
  const earliest = (fs: CountedFact[]) => fs.map((f) => f.businessDate).sort()[0] ?? null;
  const proofOfPlay = new Map<string, Set<string>>();
  for (const f of of('faceDaysLive')) {
    const key = popKey(f.detail?.face ?? '', f.month ?? '');
    proofOfPlay.set(key, new Set([...(proofOfPlay.get(key) ?? []), ...(f.detail?.days ?? [])]));
  }
  return { postedOn: earliest(of('oohPosted')), removedOn: earliest(of('oohRemoved')), proofOfPlay };
}

/**
 * The days a face was live in its bought period, up to the cutoff. A month with a proof-of-play
 * report for the face counts the days that report saw; any other month counts from the posting day
 * up to the day before removal (the ad comes down the day after its end date).
 */
export function faceDays(face: string, period: { start: string; end: string }, bookings: LineBookings, cutoff: string): FaceDays {
  const days = daysBetween(period.start, period.end);
  const due = days.filter((d) => d <= cutoff);
  const isLive = (day: string): boolean => {
    const reported = bookings.proofOfPlay.get(popKey(face, day.slice(0, 7)));
    if (reported) return reported.has(day);
    return bookings.postedOn !== null && bookings.postedOn <= day && (bookings.removedOn === null || day < bookings.removedOn);
  };
  const live = due.filter(isLive);
  return { ordered: days.length, pending: days.length - due.length, live: live.length, short: due.filter((d) => !isLive(d)) };
}
