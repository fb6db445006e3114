import { daysLiveIn, proofOfPlayLines, type PlayedBooking, type PlayedInspection } from './proof-of-play.lines';

const booking = (over: Partial<PlayedBooking> = {}): PlayedBooking => ({
  bookingId: 'b1',
  advertiser: { name: 'Beer Co.', clientId: null },
  faces: [{ siteId: 'S-1', face: 'A' }],
  postedOn: '2026-12-03',
  removedOn: null,
  terminatedEffectiveDate: null,
  ...over,
});
const inspection = (id: string, siteId: string, localDate: string, adsCorrect = true): PlayedInspection => ({
  inspectionId: id,
  siteId,
  localDate,
  checks: { adsCorrect },
  photos: [],
});

describe('daysLiveIn', () => {
  it('counts from the posting day to the end of the month while it stays up', () => {
    expect(daysLiveIn('2026-12', booking())).toHaveLength(29);
    expect(daysLiveIn('2026-12', booking())[0]).toBe('2026-12-03');
  });

  it('stops the day before the removal or the early end', () => {
    expect(daysLiveIn('2026-12', booking({ removedOn: '2026-12-06' }))).toEqual(['2026-12-03', '2026-12-04', '2026-12-05']);
    expect(daysLiveIn('2026-12', booking({ terminatedEffectiveDate: '2026-12-04' }))).toEqual(['2026-12-03']);
  });

  it('covers the whole month for a booking posted before it, none for one posted after it or never', () => {
    expect(daysLiveIn('2027-01', booking())).toHaveLength(31);
    expect(daysLiveIn('2026-11', booking())).toEqual([]);
    expect(daysLiveIn('2026-12', booking({ postedOn: null }))).toEqual([]);
    expect(daysLiveIn('2026-12', booking({ removedOn: '2026-12-03' }))).toEqual([]);
  });

  it('handles February of a leap year', () => {
    expect(daysLiveIn('2028-02', booking({ postedOn: '2028-02-01' }))).toHaveLength(29);
  });
});

describe('proofOfPlayLines', () => {
  it('groups faces by advertiser, with the inspections of their sites on live days, earliest first', () => {
    const lines = proofOfPlayLines(
      '2026-12',
      [
        booking({
          removedOn: '2026-12-10',
          faces: [
            { siteId: 'S-1', face: 'A' },
            { siteId: 'S-2', face: 'B' },
          ],
        }),
        booking({ bookingId: 'b2', advertiser: { name: 'Tea Co.', clientId: null }, postedOn: '2027-01-02' }),
      ],
      [
        inspection('i3', 'S-1', '2026-12-09', false),
        inspection('i1', 'S-1', '2026-12-04'),
        inspection('i2', 'S-1', '2026-12-12'),
        inspection('i4', 'S-2', '2026-12-02'),
        inspection('i5', 'S-3', '2026-12-04'),
      ],
    );
    expect([...lines.keys()]).toEqual(['Beer Co.']);
    const [a, b] = lines.get('Beer Co.')!;
    expect(a).toMatchObject({ bookingId: 'b1', siteId: 'S-1', face: 'A' });
    expect(a.daysLive).toHaveLength(7);
    expect(a.inspections.map((i) => [i.inspectionId, i.adsCorrect])).toEqual([
      ['i1', true],
      ['i3', false],
    ]);
    expect(b).toMatchObject({ siteId: 'S-2', face: 'B', inspections: [] });
  });
});
