import { daysBetween, monthRange, previousDay } from '@ooh/calendar';
import type { EvidenceRef } from '@ooh/eventing';
import type { BookingState } from '../booking/booking.state';
import type { ProofOfPlayLine } from './proof-of-play.events';

/** What the report needs of a booking. */
export type PlayedBooking = Pick<BookingState, 'bookingId' | 'advertiser' | 'faces' | 'postedOn' | 'removedOn' | 'terminatedEffectiveDate'>;

/** What the report needs of an inspection. */
export interface PlayedInspection {
  inspectionId: string;
  siteId: string;
  localDate: string;
  checks: { adsCorrect: boolean };
  photos: EvidenceRef[];
}

/** The days of `month` a booking's ads were up: from its posting to the day before its removal or early end. */
export function daysLiveIn(month: string, booking: PlayedBooking): string[] {
  if (!booking.postedOn) return [];
  const { start, end } = monthRange(month);
  const endedBefore = booking.removedOn ?? booking.terminatedEffectiveDate;
  const lastDay = endedBefore ? previousDay(endedBefore) : end;
  const from = booking.postedOn > start ? booking.postedOn : start;
  const to = lastDay < end ? lastDay : end;
  return from > to ? [] : daysBetween(from, to);
}

/**
 * 监播报告 lines per advertiser: every face each booking was live on in `month`, the days, and the
 * inspections of its site on those days (with their photos), earliest first. Advertisers without a
 * live day are left out.
 */
export function proofOfPlayLines(month: string, bookings: PlayedBooking[], inspections: PlayedInspection[]): Map<string, ProofOfPlayLine[]> {
  const byAdvertiser = new Map<string, ProofOfPlayLine[]>();
  for (const booking of bookings) {
    const daysLive = daysLiveIn(month, booking);
    if (daysLive.length === 0) continue;
    const days = new Set(daysLive);
    const lines = byAdvertiser.get(booking.advertiser.name) ?? [];
    for (const f of booking.faces) {
      const seen = inspections
        .filter((i) => i.siteId === f.siteId && days.has(i.localDate))
        .map((i) => ({ inspectionId: i.inspectionId, date: i.localDate, adsCorrect: i.checks.adsCorrect, photos: i.photos }))
        .sort((a, b) => a.date.localeCompare(b.date));
      lines.push({ bookingId: booking.bookingId, siteId: f.siteId, face: f.face, daysLive, inspections: seen });
    }
    byAdvertiser.set(booking.advertiser.name, lines);
  }
  return byAdvertiser;
}
