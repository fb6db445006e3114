import { dayBounds, weekBounds } from '@ooh/calendar';
import { compliance, inServiceAt, inServiceDuring } from './site.compliance';

const TZ = 'Asia/Shanghai';
const history = [
  { status: 'in-service' as const, from: '2026-11-01T02:00:00.000Z' },
  { status: 'faulty' as const, from: '2026-11-27T16:30:00.000Z' }, // the 28th, 00:30 local
  { status: 'in-service' as const, from: '2026-11-29T17:00:00.000Z' }, // the 30th, 01:00 local
];
const day = (date: string) => ({ period: date, bounds: dayBounds(date, TZ) });

describe('site compliance', () => {
  it('requires a site on every local day it was in service at some moment', () => {
    expect(inServiceDuring(history, ...dayBounds('2026-11-27', TZ))).toBe(true);
    expect(inServiceDuring(history, ...dayBounds('2026-11-28', TZ))).toBe(true); // in service until 00:30
    expect(inServiceDuring(history, ...dayBounds('2026-11-29', TZ))).toBe(false);
    expect(inServiceDuring(history, ...dayBounds('2026-11-30', TZ))).toBe(true);
    expect(inServiceDuring(history, ...dayBounds('2026-10-31', TZ))).toBe(false);
  });

  it('knows the status at an instant', () => {
    expect(inServiceAt(history, Date.parse('2026-11-28T12:00:00Z'))).toBe(false);
    expect(inServiceAt(history, Date.parse('2026-10-01T00:00:00Z'))).toBe(false);
    expect(inServiceAt(history, Date.parse('2026-12-01T00:00:00Z'))).toBe(true);
  });

  it('counts required and missed site-periods, listing each miss', () => {
    const sites = [
      { siteId: 'S-1', statusHistory: history },
      { siteId: 'S-2', statusHistory: [history[0]] },
    ];
    const result = compliance(
      [day('2026-11-28'), day('2026-11-29'), day('2026-11-30')],
      sites,
      new Set(['S-2|2026-11-28', 'S-2|2026-11-29', 'S-1|2026-11-30']),
    );
    expect(result).toEqual({
      required: 5,
      done: 3,
      compliance: 0.6,
      missed: [
        { siteId: 'S-1', period: '2026-11-28' },
        { siteId: 'S-2', period: '2026-11-30' },
      ],
    });
    expect(compliance([], sites, new Set()).compliance).toBe(1);
  });

  it('uses ISO weeks in the operator time zone for maintenance', () => {
    const week = { period: '2026-W48', bounds: weekBounds('2026-W48', TZ)! };
    expect(compliance([week], [{ siteId: 'S-1', statusHistory: history }], new Set()).missed).toEqual([{ siteId: 'S-1', period: '2026-W48' }]);
    expect(weekBounds('2026-W53', TZ)).toBeDefined(); // 2026 has 53 ISO weeks
    expect(weekBounds('2027-W53', TZ)).toBeUndefined();
  });
});
