import {
  addHours,
  instantFromText,
  daysBetween,
  dueDateAfter,
  isCalendarDate,
  isInstant,
  instantMillis,
  isoWeekOf,
  isoWeeksBetween,
  localDate,
  localTime,
  requireDayRange,
} from './calendar';
import { DateTime } from 'luxon';

const SHANGHAI = 'Asia/Shanghai';

describe('calendar', () => {
  describe('localDate', () => {
    it('should give the date in the given time zone, not UTC', () => {
      expect(localDate('2026-03-01T16:30:00Z', SHANGHAI)).toBe('2026-03-02');
      expect(localDate('2026-03-01T15:59:59Z', SHANGHAI)).toBe('2026-03-01');
      expect(localDate('2026-03-01T16:30:00Z', 'UTC')).toBe('2026-03-01');
    });

    it('should read instants written with any offset', () => {
      expect(localDate('2026-03-02T00:30:00+08:00', SHANGHAI)).toBe('2026-03-02');
      expect(localDate('2026-03-02T00:30:00+08:00', 'UTC')).toBe('2026-03-01');
    });

    it('should refuse a timestamp without an offset', () => {
      expect(() => localDate('2026-03-01T16:30:00', SHANGHAI)).toThrow(expect.objectContaining({ code: 'INVALID_TIMESTAMP', kind: 'invalid' }));
    });

    it('should refuse garbage', () => {
      expect(() => localDate('yesterday', SHANGHAI)).toThrow(expect.objectContaining({ code: 'INVALID_TIMESTAMP' }));
    });

    it('should refuse an unknown time zone', () => {
      expect(() => localDate('2026-03-01T16:30:00Z', 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'INVALID_TIME_ZONE', kind: 'invalid' }));
    });
  });

  describe('isoWeekOf', () => {
    it('should use the ISO week-year at year ends', () => {
      expect(isoWeekOf('2027-01-01T04:00:00Z', SHANGHAI)).toBe('2026-W53');
      expect(isoWeekOf('2025-12-29T04:00:00Z', SHANGHAI)).toBe('2026-W01');
      expect(isoWeekOf('2026-01-05T04:00:00Z', SHANGHAI)).toBe('2026-W02');
    });

    it('should take the week of the local date', () => {
      // Sunday 2026-03-01 16:30 UTC is already Monday 2026-03-02 in Shanghai.
      expect(isoWeekOf('2026-03-01T16:30:00Z', 'UTC')).toBe('2026-W09');
      expect(isoWeekOf('2026-03-01T16:30:00Z', SHANGHAI)).toBe('2026-W10');
    });
  });

  describe('localTime', () => {
    it('should give HH:mm in the time zone', () => {
      expect(localTime('2026-03-02T01:00:00Z', SHANGHAI)).toBe('09:00');
      expect(localTime('2026-03-02T01:05:30Z', SHANGHAI)).toBe('09:05');
      expect(localTime('2026-03-02T13:00:00Z', SHANGHAI)).toBe('21:00');
    });
  });

  describe('addHours', () => {
    it('should add hours and answer in UTC', () => {
      expect(addHours('2026-03-01T16:30:00Z', 24)).toBe('2026-03-02T16:30:00.000Z');
      expect(addHours('2026-03-02T09:00:00+08:00', 4)).toBe('2026-03-02T05:00:00.000Z');
    });
  });

  describe('instantMillis', () => {
    it('should make instants with different offsets comparable', () => {
      expect(instantMillis('2026-03-02T09:00:00+08:00')).toBe(instantMillis('2026-03-02T01:00:00.000Z'));
    });
  });

  describe('daysBetween', () => {
    it('should list every date, both ends included, across month ends', () => {
      expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    });

    it('should give one day when both ends are equal', () => {
      expect(daysBetween('2026-03-02', '2026-03-02')).toEqual(['2026-03-02']);
    });

    it('should give nothing when the range is reversed', () => {
      expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
    });

    it('should refuse something that is not a date', () => {
      expect(() => daysBetween('2026-03-02T00:00:00Z', '2026-03-03')).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
      expect(() => daysBetween('2026-02-30', '2026-03-03')).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    });
  });

  describe('isoWeeksBetween', () => {
    it('should list every ISO week touched by the range, across the week-year edge', () => {
      expect(isoWeeksBetween('2026-12-20', '2027-01-05')).toEqual(['2026-W51', '2026-W52', '2026-W53', '2027-W01']);
    });

    it('should give one week for a range inside a week', () => {
      expect(isoWeeksBetween('2026-03-03', '2026-03-05')).toEqual(['2026-W10']);
    });

    it('should count a week touched only by its Sunday', () => {
      expect(isoWeeksBetween('2026-03-08', '2026-03-09')).toEqual(['2026-W10', '2026-W11']);
    });

    it('should give nothing when the range is reversed, even within one week', () => {
      expect(isoWeeksBetween('2026-03-05', '2026-03-03')).toEqual([]);
    });
  });
});

describe('the native fast path for canonical instants', () => {
  // The reference: luxon, which the calendar used for every instant before the fast path.
  const luxonDate = (iso: string, zone: string) => DateTime.fromISO(iso, { setZone: true }).setZone(zone).toFormat('yyyy-MM-dd');
  const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'America/St_Johns'];
  const offsets = ['Z', '+08:00', '-05:00', '+05:45', '-09:30', '+14:00', '+00:00'];

  it('agrees with luxon on local dates and instants across zones, offsets, DST changes and year ends', () => {
    let seed = 20261125;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const ms = Date.UTC(1990, 0, 1) + Math.floor(next() * 60 * 365 * 24 * 3600_000);
      const offset = offsets[i % offsets.length];
      const iso = DateTime.fromMillis(ms, { zone: offset === 'Z' ? 'utc' : `UTC${offset}` }).toFormat(
        offset === 'Z' ? "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" : "yyyy-MM-dd'T'HH:mm:ss.SSSZZ",
      );
      const zone = zones[i % zones.length];
      expect([iso, localDate(iso, zone)]).toEqual([iso, luxonDate(iso, zone)]);
      expect(instantMillis(iso)).toBe(ms);
    }
  });

  it('still refuses impossible dates and zone-less times, and unknown zones', () => {
    expect(() => instantMillis('2026-02-30T00:00:00Z')).toThrow(expect.objectContaining({ code: 'INVALID_TIMESTAMP' }));
    expect(() => localDate('2026-04-31T10:00:00+08:00', 'Asia/Shanghai')).toThrow(expect.objectContaining({ code: 'INVALID_TIMESTAMP' }));
    expect(() => instantMillis('2026-03-01T08:00:00')).toThrow(expect.objectContaining({ code: 'INVALID_TIMESTAMP' }));
    expect(() => localDate('2026-03-01T08:00:00Z', 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'INVALID_TIME_ZONE' }));
    expect(localDate('2026-03-01T16:00:00Z', 'Asia/Shanghai')).toBe('2026-03-02');
  });
});

describe('dueDateAfter', () => {
  it('counts payment terms in the operator time zone, from the local date of the request', () => {
    // 17:00 UTC on the 1st is already the 2nd in Shanghai.
    expect(dueDateAfter('2026-12-01T17:00:00.000Z', 'Asia/Shanghai', 7)).toBe('2026-12-09');
    expect(dueDateAfter('2026-12-01T15:59:59.000Z', 'Asia/Shanghai', 7)).toBe('2026-12-08');
    expect(dueDateAfter('2026-12-31T20:00:00+08:00', 'Asia/Shanghai', 0)).toBe('2026-12-31');
  });

  it('refuses what is not an instant', () => {
    expect(() => dueDateAfter('soon', 'Asia/Shanghai', 7)).toThrow(expect.objectContaining({ code: 'INVALID_TIMESTAMP' }));
  });
});

describe('isCalendarDate and isInstant: validity by parsing', () => {
  it.each(['2026-02-28', '2028-02-29', '2026-12-31'])('accepts the date %s', (d) => expect(isCalendarDate(d)).toBe(true));
  it.each(['2026-02-30', '2026-13-01', '2026-2-1', '26-02-01', '2026-02-28T00:00Z', ''])('refuses the date %s', (d) => expect(isCalendarDate(d)).toBe(false));
  it.each(['2026-12-01T10:00Z', '2026-12-01T10:00:00.123+08:00', '2026-12-01T10:00+14:00'])('accepts the instant %s', (v) => expect(isInstant(v)).toBe(true));
  it.each([
    '2026-13-01T00:00Z',
    '2026-12-01T25:00Z',
    '2026-12-01T10:00+99:99',
    '2026-12-01T10:00:61Z',
    '2026-02-30T10:00Z',
    '2026-W49-3T10:00:00Z',
    '2026-335T10:00:00Z',
    '-2026-12-01T10:00:00Z',
    '2026-12-01T10:00',
    '2026-12-01T24:00Z',
  ])('refuses the instant %s', (v) => expect(isInstant(v)).toBe(false));
});

describe('requireDayRange', () => {
  const codeOf = (from: string, to: string, max: number) => {
    try {
      requireDayRange(from, to, max);
      return 'ok';
    } catch (e) {
      return (e as { code: string; details?: unknown }).code;
    }
  };

  it('accepts a range of at most maxDays days, both ends counted', () => {
    expect(codeOf('2026-11-01', '2026-11-30', 30)).toBe('ok');
    expect(codeOf('2026-11-30', '2026-11-30', 1)).toBe('ok');
  });

  it('refuses a reversed or too long range, naming which', () => {
    expect(codeOf('2026-12-01', '2026-11-30', 30)).toBe('INVALID_RANGE');
    expect(codeOf('2026-11-01', '2026-12-01', 30)).toBe('RANGE_TOO_LONG');
  });
});

describe('instants written by outside documents', () => {
  it('reads ISO 8601 with an offset, and wall-clock times in the operator zone', () => {
    expect(instantFromText('2027-01-05T20:30:00+08:00', 'Asia/Shanghai')).toBe('2027-01-05T12:30:00.000Z');
    expect(instantFromText('2027-01-05 20:30', 'Asia/Shanghai')).toBe('2027-01-05T12:30:00.000Z');
    expect(instantFromText(' 2027-01-05 20:30:15 ', 'Asia/Shanghai')).toBe('2027-01-05T12:30:15.000Z');
    expect(instantFromText('2027-02-30 20:30', 'Asia/Shanghai')).toBeUndefined();
    expect(instantFromText('yesterday', 'Asia/Shanghai')).toBeUndefined();
  });
});
