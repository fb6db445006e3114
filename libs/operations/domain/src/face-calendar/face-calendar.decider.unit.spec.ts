import { deciderSpec } from '@ooh/eventing-testing';
import { isAppError, type Actor } from '@ooh/eventing';
import { faceCalendarDecider, type ExtendHold, type FaceCalendarCommand, type HoldFace, type ReleaseFace } from './face-calendar.decider';
import { faceCalendarStream, overlap, type FaceCalendarEvent, type FaceHeld } from './face-calendar.events';

const spec = deciderSpec(faceCalendarDecider);
const sales: Actor = { userId: 'u-sales', role: 'sales' };
const system: Actor = { userId: 'system:booking', role: 'system' };
const siteId = 'SH-001';
const face = 'A';
const AT = '2026-11-01T02:00:00.000Z';

const hold = (bookingId: string, start: string, end: string, data: Partial<HoldFace['data']> = {}): FaceCalendarCommand => ({
  type: 'HoldFace',
  data: { siteId, face, bookingId, start, end, at: AT, by: sales, ...data },
});
const extend = (bookingId: string, newEnd: string, data: Partial<ExtendHold['data']> = {}): FaceCalendarCommand => ({
  type: 'ExtendHold',
  data: { siteId, face, bookingId, newEnd, at: AT, by: sales, ...data },
});
const release = (bookingId: string, from: string | null, data: Partial<ReleaseFace['data']> = {}): FaceCalendarCommand => ({
  type: 'ReleaseFace',
  data: { siteId, face, bookingId, from, reason: 'Booking cancelled', at: AT, by: system, ...data },
});

const held = (bookingId: string, start: string, end: string): FaceHeld => ({
  type: 'FaceHeld',
  data: { siteId, face, bookingId, start, end, at: AT, by: sales },
});
const extended = (bookingId: string, previousEnd: string, newEnd: string): FaceCalendarEvent => ({
  type: 'HoldExtended',
  data: { siteId, face, bookingId, previousEnd, newEnd, at: AT, by: sales },
});
const released = (bookingId: string, from: string | null, reason = 'Booking cancelled'): FaceCalendarEvent => ({
  type: 'FaceReleased',
  data: { siteId, face, bookingId, from, reason, at: AT, by: system },
});

/** Runs the command expecting FACE_UNAVAILABLE and returns the error's conflicts. */
function conflictsOf(given: FaceCalendarEvent[], command: FaceCalendarCommand): unknown {
  try {
    spec.given(given).when(command).events();
  } catch (e) {
    if (!isAppError(e)) throw e;
    expect(e.kind).toBe('conflict');
    expect(e.code).toBe('FACE_UNAVAILABLE');
    expect(e.message).toContain(`Face ${face} of site ${siteId}`);
    return e.extensions.conflicts;
  }
  throw new Error('expected FACE_UNAVAILABLE');
}

describe('Face calendar', () => {
  it('should name the stream after the site and face', () => {
    expect(faceCalendarStream('SH-001', 'A')).toBe('operations.face-SH-001:A');
  });

  describe('overlap', () => {
    it('should be null for adjacent ranges', () => {
      expect(overlap({ start: '2026-12-01', end: '2026-12-10' }, { start: '2026-12-11', end: '2026-12-20' })).toBeNull();
      expect(overlap({ start: '2026-12-11', end: '2026-12-20' }, { start: '2026-12-01', end: '2026-12-10' })).toBeNull();
    });

    it('should give a single shared day', () => {
      expect(overlap({ start: '2026-12-01', end: '2026-12-10' }, { start: '2026-12-10', end: '2026-12-20' })).toEqual({
        from: '2026-12-10',
        to: '2026-12-10',
      });
    });

    it('should give the inner range when one contains the other', () => {
      expect(overlap({ start: '2026-12-01', end: '2026-12-31' }, { start: '2026-12-05', end: '2026-12-07' })).toEqual({
        from: '2026-12-05',
        to: '2026-12-07',
      });
    });

    it('should compare across month and year boundaries', () => {
      expect(overlap({ start: '2026-12-20', end: '2027-01-10' }, { start: '2027-01-05', end: '2027-02-01' })).toEqual({
        from: '2027-01-05',
        to: '2027-01-10',
      });
    });
  });

  describe('When the face is free', () => {
    it('should hold it', () => {
      spec
        .given([])
        .when(hold('bk-1', '2026-12-01', '2026-12-10'))
        .then([held('bk-1', '2026-12-01', '2026-12-10')]);
      expect(spec.given([held('bk-1', '2026-12-01', '2026-12-10')]).state()).toEqual({
        siteId,
        face,
        holds: [{ bookingId: 'bk-1', start: '2026-12-01', end: '2026-12-10' }],
      });
    });

    it('should hold it for a single day', () => {
      spec
        .given([])
        .when(hold('bk-1', '2026-12-01', '2026-12-01'))
        .then([held('bk-1', '2026-12-01', '2026-12-01')]);
    });

    it('should refuse a period that ends before it starts', () => {
      spec
        .given([])
        .when(hold('bk-1', '2026-12-10', '2026-12-01'))
        .thenThrows('INVALID_PERIOD', 'rule-violated');
    });

    it.each(['2026-13-01', '2026-02-30', '1 Dec 2026', '2026-12-01T00:00:00Z'])('should refuse the date %s', (bad) => {
      spec
        .given([])
        .when(hold('bk-1', bad, '2026-12-31'))
        .thenThrows('INVALID_DATE', 'invalid');
      spec
        .given([])
        .when(hold('bk-1', '2026-01-01', bad))
        .thenThrows('INVALID_DATE', 'invalid');
    });

    it('should refuse extending a hold that does not exist', () => {
      spec.given([]).when(extend('bk-1', '2026-12-20')).thenThrows('HOLD_NOT_FOUND', 'not-found');
    });

    it('should release nothing', () => {
      spec.given([]).when(release('bk-1', null)).thenNothingHappens();
    });
  });

  describe('When another booking holds the face', () => {
    const given = [held('bk-1', '2026-12-01', '2026-12-10')];

    it('should hold the adjacent days after it', () => {
      spec
        .given(given)
        .when(hold('bk-2', '2026-12-11', '2026-12-20'))
        .then([held('bk-2', '2026-12-11', '2026-12-20')]);
    });

    it('should hold the adjacent days before it', () => {
      spec
        .given(given)
        .when(hold('bk-2', '2026-11-20', '2026-11-30'))
        .then([held('bk-2', '2026-11-20', '2026-11-30')]);
    });

    it('should refuse a one-day overlap, naming the booking and the day', () => {
      expect(conflictsOf(given, hold('bk-2', '2026-12-10', '2026-12-20'))).toEqual([{ siteId, face, bookingId: 'bk-1', from: '2026-12-10', to: '2026-12-10' }]);
    });

    it('should refuse a period inside the hold', () => {
      expect(conflictsOf(given, hold('bk-2', '2026-12-03', '2026-12-04'))).toEqual([{ siteId, face, bookingId: 'bk-1', from: '2026-12-03', to: '2026-12-04' }]);
    });

    it('should refuse a period around the hold', () => {
      expect(conflictsOf(given, hold('bk-2', '2026-11-01', '2026-12-31'))).toEqual([{ siteId, face, bookingId: 'bk-1', from: '2026-12-01', to: '2026-12-10' }]);
    });

    it('should release nothing for a booking without a hold', () => {
      spec.given(given).when(release('bk-2', null)).thenNothingHappens();
    });

    it('should let another booking hold the days once they are released', () => {
      const after = [...given, released('bk-1', null)];
      expect(spec.given(after).state().holds).toEqual([]);
      spec
        .given(after)
        .when(hold('bk-2', '2026-12-01', '2026-12-10'))
        .then([held('bk-2', '2026-12-01', '2026-12-10')]);
    });
  });

  describe('When several bookings hold the face', () => {
    const given = [held('bk-1', '2026-12-01', '2026-12-10'), held('bk-3', '2026-12-21', '2026-12-31'), held('bk-2', '2026-12-11', '2026-12-15')];

    it('should list every conflicting booking, earliest first', () => {
      expect(conflictsOf(given, hold('bk-4', '2026-12-08', '2026-12-22'))).toEqual([
        { siteId, face, bookingId: 'bk-1', from: '2026-12-08', to: '2026-12-10' },
        { siteId, face, bookingId: 'bk-2', from: '2026-12-11', to: '2026-12-15' },
        { siteId, face, bookingId: 'bk-3', from: '2026-12-21', to: '2026-12-22' },
      ]);
    });

    it('should hold the free gap between them', () => {
      spec
        .given(given)
        .when(hold('bk-4', '2026-12-16', '2026-12-20'))
        .then([held('bk-4', '2026-12-16', '2026-12-20')]);
    });
  });

  describe('When the booking already holds the face', () => {
    const given = [held('bk-1', '2026-12-01', '2026-12-10')];

    it('should do nothing when it holds the same days again', () => {
      spec
        .given(given)
        .when(hold('bk-1', '2026-12-01', '2026-12-10', { at: '2026-11-02T00:00:00.000Z' }))
        .thenNothingHappens();
    });

    it('should refuse holding different days', () => {
      spec
        .given(given)
        .when(hold('bk-1', '2026-12-01', '2026-12-20'))
        .thenThrows('HOLD_EXISTS', 'rule-violated');
    });

    it('should extend it into free days', () => {
      spec
        .given(given)
        .when(extend('bk-1', '2026-12-20'))
        .then([extended('bk-1', '2026-12-10', '2026-12-20')]);
      expect(spec.given([...given, extended('bk-1', '2026-12-10', '2026-12-20')]).state().holds).toEqual([
        { bookingId: 'bk-1', start: '2026-12-01', end: '2026-12-20' },
      ]);
    });

    it('should extend it by one day up to the next hold', () => {
      spec
        .given([...given, held('bk-2', '2026-12-12', '2026-12-20')])
        .when(extend('bk-1', '2026-12-11'))
        .then([extended('bk-1', '2026-12-10', '2026-12-11')]);
    });

    it("should refuse extending it into another booking's days", () => {
      expect(conflictsOf([...given, held('bk-2', '2026-12-15', '2026-12-20')], extend('bk-1', '2026-12-16'))).toEqual([
        { siteId, face, bookingId: 'bk-2', from: '2026-12-15', to: '2026-12-16' },
      ]);
    });

    it.each(['2026-12-10', '2026-12-05'])('should refuse an end of %s that does not extend it', (newEnd) => {
      spec.given(given).when(extend('bk-1', newEnd)).thenThrows('INVALID_PERIOD', 'rule-violated');
    });

    it('should refuse an invalid new end', () => {
      spec.given(given).when(extend('bk-1', '2026-12-32')).thenThrows('INVALID_DATE', 'invalid');
    });

    it('should release the whole hold', () => {
      spec
        .given(given)
        .when(release('bk-1', null))
        .then([released('bk-1', null)]);
      expect(spec.given([...given, released('bk-1', null)]).state().holds).toEqual([]);
    });

    it('should release the whole hold when released from its first day or earlier', () => {
      spec
        .given(given)
        .when(release('bk-1', '2026-12-01'))
        .then([released('bk-1', null)]);
      spec
        .given(given)
        .when(release('bk-1', '2026-11-15'))
        .then([released('bk-1', null)]);
    });

    it('should shorten the hold to end the day before an early termination', () => {
      spec
        .given(given)
        .when(release('bk-1', '2026-12-06', { reason: 'Early termination' }))
        .then([released('bk-1', '2026-12-06', 'Early termination')]);
      const after = [...given, released('bk-1', '2026-12-06')];
      expect(spec.given(after).state().holds).toEqual([{ bookingId: 'bk-1', start: '2026-12-01', end: '2026-12-05' }]);
      spec
        .given(after)
        .when(hold('bk-2', '2026-12-06', '2026-12-10'))
        .then([held('bk-2', '2026-12-06', '2026-12-10')]);
      expect(conflictsOf(after, hold('bk-2', '2026-12-05', '2026-12-10'))).toEqual([{ siteId, face, bookingId: 'bk-1', from: '2026-12-05', to: '2026-12-05' }]);
    });

    it('should keep only the first day when released from the second', () => {
      const after = [...given, released('bk-1', '2026-12-02')];
      expect(spec.given(after).state().holds).toEqual([{ bookingId: 'bk-1', start: '2026-12-01', end: '2026-12-01' }]);
    });

    it('should shorten across a month boundary', () => {
      const after = [held('bk-1', '2026-12-20', '2027-01-31'), released('bk-1', '2027-01-01')];
      expect(spec.given(after).state().holds).toEqual([{ bookingId: 'bk-1', start: '2026-12-20', end: '2026-12-31' }]);
    });

    it('should do nothing when released only after the hold ends (a repeated early termination)', () => {
      spec.given(given).when(release('bk-1', '2026-12-11')).thenNothingHappens();
      spec
        .given([...given, released('bk-1', '2026-12-06')])
        .when(release('bk-1', '2026-12-06'))
        .thenNothingHappens();
    });

    it('should refuse an invalid release date', () => {
      spec.given(given).when(release('bk-1', 'tomorrow')).thenThrows('INVALID_DATE', 'invalid');
    });

    it("should leave other bookings' holds alone when releasing", () => {
      const both = [...given, held('bk-2', '2026-12-11', '2026-12-20')];
      expect(spec.given([...both, released('bk-1', null)]).state().holds).toEqual([{ bookingId: 'bk-2', start: '2026-12-11', end: '2026-12-20' }]);
    });

    it('should let it hold new days after releasing', () => {
      spec
        .given([...given, released('bk-1', null)])
        .when(hold('bk-1', '2027-01-01', '2027-01-10'))
        .then([held('bk-1', '2027-01-01', '2027-01-10')]);
    });
  });
});
