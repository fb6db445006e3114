import { streamName, type Actor, type DomainEvent } from '@ooh/eventing';
import { previousDay } from '@ooh/calendar';

/** One stream per site face: its revision serialises every hold on that face. `operations.face-<siteId>:<face>`. */
export const faceCalendarStream = (siteId: string, face: string): string => streamName('operations', 'face', `${siteId}:${face}`);

/** An inclusive range of calendar dates (YYYY-MM-DD). */
export interface HoldPeriod {
  start: string;
  end: string;
}

export interface FaceHold extends HoldPeriod {
  bookingId: string;
}

/** One booking holding part of the requested days: `from`..`to` are the days both want (inclusive). */
export interface FaceConflict {
  siteId: string;
  face: string;
  bookingId: string;
  from: string;
  to: string;
}

/** The days two inclusive ranges share, or null. Adjacent ranges (…-12-10 and 12-11-…) share none. */
export function overlap(a: HoldPeriod, b: HoldPeriod): { from: string; to: string } | null {
  const from = a.start > b.start ? a.start : b.start;
  const to = a.end < b.end ? a.end : b.end;
  return from <= to ? { from, to } : null;
}

export type FaceHeld = DomainEvent<'FaceHeld', { siteId: string; face: string; bookingId: string; start: string; end: string; at: string; by: Actor }>;
export type HoldExtended = DomainEvent<
  'HoldExtended',
  { siteId: string; face: string; bookingId: string; previousEnd: string; newEnd: string; at: string; by: Actor }
>;
/**
 * `from: null` released the whole hold; a date released it from that day on (the hold now ends the day before).
 * The decider writes null whenever the whole hold goes, so `from` is always after the hold's start.
 */
export type FaceReleased = DomainEvent<
  'FaceReleased',
  { siteId: string; face: string; bookingId: string; from: string | null; reason: string; at: string; by: Actor }
>;

export type FaceCalendarEvent = FaceHeld | HoldExtended | FaceReleased;

export interface FaceCalendarState {
  siteId: string;
  face: string;
  /** Active holds only, in the order they were taken. */
  holds: FaceHold[];
}

export const initialFaceCalendarState = (): FaceCalendarState => ({ siteId: '', face: '', holds: [] });

export function evolveFaceCalendar(state: FaceCalendarState, event: FaceCalendarEvent): FaceCalendarState {
  switch (event.type) {
    case 'FaceHeld': {
      const { siteId, face, bookingId, start, end } = event.data;
      return { siteId, face, holds: [...state.holds.filter((h) => h.bookingId !== bookingId), { bookingId, start, end }] };
    }
    case 'HoldExtended': {
      const { bookingId, newEnd } = event.data;
      return { ...state, holds: state.holds.map((h) => (h.bookingId === bookingId ? { ...h, end: newEnd } : h)) };
    }
    case 'FaceReleased': {
      const { bookingId, from } = event.data;
      const holds: FaceHold[] = [];
      for (const hold of state.holds) {
        if (hold.bookingId !== bookingId) holds.push(hold);
        else if (from !== null && from > hold.start) holds.push({ ...hold, end: from <= hold.end ? previousDay(from) : hold.end });
      }
      return { ...state, holds };
    }
    default:
      return state;
  }
}
