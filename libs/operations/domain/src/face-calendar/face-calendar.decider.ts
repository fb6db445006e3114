import { AppError, assertNever, notFound, ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import { nextDay, requireCalendarDate } from '@ooh/calendar';
import {
  evolveFaceCalendar,
  initialFaceCalendarState,
  overlap,
  type FaceCalendarEvent,
  type FaceCalendarState,
  type FaceConflict,
  type HoldPeriod,
} from './face-calendar.events';

interface FaceCommandBase {
  siteId: string;
  face: string;
  bookingId: string;
  at: string;
  by: Actor;
}

export type HoldFace = Command<'HoldFace', FaceCommandBase & { start: string; end: string }>;
export type ExtendHold = Command<'ExtendHold', FaceCommandBase & { newEnd: string }>;
/** `from: null` releases the whole hold; a date ends the hold the day before it (early termination). */
export type ReleaseFace = Command<'ReleaseFace', FaceCommandBase & { from: string | null; reason: string }>;

export type FaceCalendarCommand = HoldFace | ExtendHold | ReleaseFace;

/** Every other booking's hold that shares a day with `period`, with the shared days; earliest first. */
export function faceConflicts(state: FaceCalendarState, siteId: string, face: string, bookingId: string, period: HoldPeriod): FaceConflict[] {
  const conflicts: FaceConflict[] = [];
  for (const hold of state.holds) {
    if (hold.bookingId === bookingId) continue;
    const shared = overlap(hold, period);
    if (shared) conflicts.push({ siteId, face, bookingId: hold.bookingId, from: shared.from, to: shared.to });
  }
  return conflicts.sort((a, b) => a.from.localeCompare(b.from) || a.bookingId.localeCompare(b.bookingId));
}

function requireAvailable(state: FaceCalendarState, siteId: string, face: string, bookingId: string, period: HoldPeriod): void {
  const conflicts = faceConflicts(state, siteId, face, bookingId, period);
  if (conflicts.length === 0) return;
  const held = conflicts.map((c) => `${c.bookingId} (${c.from}..${c.to})`).join(', ');
  throw new AppError('conflict', 'FACE_UNAVAILABLE', `Face ${face} of site ${siteId} is already held by ${held}`, [], { conflicts });
}

function requirePeriod(start: string, end: string): void {
  requireCalendarDate(start);
  requireCalendarDate(end);
  if (start > end) throw ruleViolated('INVALID_PERIOD', `The period ${start}..${end} ends before it starts`);
}

export function decideFaceCalendar(command: FaceCalendarCommand, state: FaceCalendarState): FaceCalendarEvent[] {
  switch (command.type) {
    case 'HoldFace': {
      const { siteId, face, bookingId, start, end, at, by } = command.data;
      requirePeriod(start, end);
      const own = state.holds.find((h) => h.bookingId === bookingId);
      if (own) {
        if (own.start === start && own.end === end) return [];
        throw ruleViolated(
          'HOLD_EXISTS',
          `Booking ${bookingId} already holds face ${face} of site ${siteId} for ${own.start}..${own.end}; extend or release it instead`,
          { hold: { ...own } },
        );
      }
      requireAvailable(state, siteId, face, bookingId, { start, end });
      return [{ type: 'FaceHeld', data: { siteId, face, bookingId, start, end, at, by } }];
    }
    case 'ExtendHold': {
      const { siteId, face, bookingId, newEnd, at, by } = command.data;
      const own = state.holds.find((h) => h.bookingId === bookingId);
      if (!own) throw notFound('HOLD_NOT_FOUND', `Booking ${bookingId} holds no days on face ${face} of site ${siteId}`);
      requireCalendarDate(newEnd);
      if (newEnd <= own.end) throw ruleViolated('INVALID_PERIOD', `The hold already ends on ${own.end}; ${newEnd} does not extend it`);
      requireAvailable(state, siteId, face, bookingId, { start: nextDay(own.end), end: newEnd });
      return [{ type: 'HoldExtended', data: { siteId, face, bookingId, previousEnd: own.end, newEnd, at, by } }];
    }
    case 'ReleaseFace': {
      const { siteId, face, bookingId, from, reason, at, by } = command.data;
      if (from !== null) requireCalendarDate(from);
      const own = state.holds.find((h) => h.bookingId === bookingId);
      if (!own) return [];
      // Releasing only days after the hold already ends changes nothing (e.g. a repeated early termination).
      if (from !== null && from > own.end) return [];
      const whole = from === null || from <= own.start;
      return [{ type: 'FaceReleased', data: { siteId, face, bookingId, from: whole ? null : from, reason, at, by } }];
    }
    default:
      return assertNever(command);
  }
}

export const faceCalendarDecider: Decider<FaceCalendarCommand, FaceCalendarEvent, FaceCalendarState> = {
  decide: decideFaceCalendar,
  evolve: evolveFaceCalendar,
  initialState: initialFaceCalendarState,
};
