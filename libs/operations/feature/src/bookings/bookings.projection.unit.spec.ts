import { projectionSpec } from '@ooh/eventing-testing';
import type { BookingEvent, FaceCalendarEvent } from '@ooh/operations-domain';
import { BOOKINGS, bookingsProjection, FACE_HOLDS, POSTING_REGISTER } from './bookings.projection';

const sales = { userId: 'xiao', role: 'sales' };
const staff = { userId: 'li', role: 'ops-staff' };
const photo = { blobId: 'c'.repeat(64), sha256: 'c'.repeat(64), contentType: 'image/jpeg' };
const booking = (event: BookingEvent, recordedAt: string) => ({ streamId: 'operations.booking-b1', recordedAt, ...event });
const face = (event: FaceCalendarEvent, recordedAt: string) => ({ streamId: 'operations.face-S-1:A', recordedAt, ...event });
const AT = '2026-11-20T01:00:00.000Z';

const held = face({ type: 'FaceHeld', data: { siteId: 'S-1', face: 'A', bookingId: 'b1', start: '2026-12-01', end: '2026-12-31', at: AT, by: sales } }, AT);
const requested = booking(
  {
    type: 'BookingRequested',
    data: {
      bookingId: 'b1',
      at: AT,
      by: sales,
      advertiser: { name: 'Beer Co.', clientId: null },
      faces: [{ siteId: 'S-1', face: 'A' }],
      period: { start: '2026-12-01', end: '2026-12-31' },
      creative: { creativeId: 'cr-1', description: 'Spot', kind: 'video', files: [photo] },
      price: { amountFen: 100, currency: 'CNY' },
      landlordAuthorities: ['Railway Media Co., Ltd.'],
      requiredInternalApprovals: 2,
      namedReviewers: null,
      timeZone: 'Asia/Shanghai',
    },
  },
  '2026-11-20T01:00:01.000Z',
);

describe('bookings projection (bookings, face holds, posting register)', () => {
  it('shows a hold taken before its booking was recorded as held, then as the booking has it', async () => {
    const documents = await projectionSpec(bookingsProjection).given(held).documents();
    expect(documents[FACE_HOLDS]['S-1:A|b1']).toMatchObject({ state: 'held', bookingKnown: false, released: false });

    const after = await projectionSpec(bookingsProjection).given(held, requested).documents();
    expect(after[FACE_HOLDS]['S-1:A|b1']).toMatchObject({ bookingKnown: true, released: false, start: '2026-12-01', end: '2026-12-31' });
    expect(after[BOOKINGS].b1).toMatchObject({
      status: 'requested',
      revision: 0,
      updatedAt: '2026-11-20T01:00:01.000Z',
      faceStatus: after[FACE_HOLDS]['S-1:A|b1'].state,
    });
  });

  it('keeps landlord approvals as a list (authority names have dots) and decodes them back for the next event', async () => {
    const approved = booking(
      {
        type: 'LandlordApproved',
        data: {
          bookingId: 'b1',
          at: AT,
          by: staff,
          round: 1,
          authority: 'Railway Media Co., Ltd.',
          reference: 'R-1',
          evidence: [photo],
          creativeChange: false,
        },
      },
      '2026-11-21T00:00:00.000Z',
    );
    const documents = await projectionSpec(bookingsProjection).given(held, requested, approved).documents();
    expect(documents[BOOKINGS].b1.landlordApprovalList).toEqual([{ authority: 'Railway Media Co., Ltd.', reference: 'R-1' }]);
    expect(Object.keys(documents[BOOKINGS].b1)).not.toContain('landlordApprovals');
  });

  it('writes one posting-register line per face when posted, and ends or releases holds', async () => {
    const posted = booking(
      { type: 'Posted', data: { bookingId: 'b1', at: AT, by: staff, postedOn: '2026-12-01', daysLate: 0, photos: [photo], notes: null } },
      '2026-12-01T02:00:00.000Z',
    );
    const released = face(
      { type: 'FaceReleased', data: { siteId: 'S-1', face: 'A', bookingId: 'b1', from: '2026-12-15', reason: 'TerminatedEarly', at: AT, by: staff } },
      '2026-12-10T00:00:00.000Z',
    );
    const documents = await projectionSpec(bookingsProjection).given(held, requested, posted, released).documents();
    expect(Object.values(documents[POSTING_REGISTER])).toEqual([
      expect.objectContaining({
        kind: 'posting',
        bookingId: 'b1',
        date: '2026-12-01',
        siteId: 'S-1',
        face: 'A',
        advertiser: 'Beer Co.',
        creativeId: 'cr-1',
        recordedBy: staff,
      }),
    ]);
    expect(documents[FACE_HOLDS]['S-1:A|b1']).toMatchObject({ end: '2026-12-14', released: false });
  });
});
