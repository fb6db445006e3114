import { agingBucket } from './receivable.aging';

describe('agingBucket', () => {
  const due = '2026-01-31';

  it.each([
    ['2026-01-01', 'current'], // not yet due
    ['2026-01-31', 'current'], // 0 days overdue
    ['2026-02-01', '1-30'], // 1
    ['2026-03-02', '1-30'], // 30
    ['2026-03-03', '31-60'], // 31
    ['2026-04-01', '31-60'], // 60
    ['2026-04-02', '61-90'], // 61
    ['2026-05-01', '61-90'], // 90
    ['2026-05-02', '90+'], // 91
    ['2027-01-31', '90+'],
  ] as const)('should put a receivable due 2026-01-31 in the right bucket as of %s (%s)', (asOf, bucket) => {
    expect(agingBucket(due, asOf)).toBe(bucket);
  });

  it('should count calendar days across a leap day', () => {
    expect(agingBucket('2028-02-28', '2028-03-29')).toBe('1-30'); // 30 days (29 Feb counted)
    expect(agingBucket('2028-02-28', '2028-03-30')).toBe('31-60'); // 31 days
  });

  it('should refuse a malformed date', () => {
    expect(() => agingBucket('2026-02-30', '2026-03-01')).toThrow(expect.objectContaining({ code: 'INVALID_DATE', kind: 'invalid' }));
  });
});
