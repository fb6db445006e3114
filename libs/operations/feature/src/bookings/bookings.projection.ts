import type { Projection, RecordedEvent } from '@ooh/eventing';
import {
  blockingReasons,
  evolveBooking,
  faceStatusFor,
  initialBookingState,
  previousDay,
  type BookingEvent,
  type BookingState,
  type FaceCalendarEvent,
} from '@ooh/operations-domain';

export const BOOKINGS = 'operations_bookings';
export const FACE_HOLDS = 'operations_face_holds';
export const POSTING_REGISTER = 'operations_posting_register';

export interface FaceHoldView {
  [key: string]: unknown;
  siteId: string;
  face: string;
  bookingId: string;
  start: string;
  end: string;
  heldAt: string;
  /** held | booked | live, from the booking's status; unknown until the booking is recorded. */
  state: string;
  bookingKnown: boolean;
  released: boolean;
}

const holdId = (siteId: string, face: string, bookingId: string) => `${siteId}:${face}|${bookingId}`;

/**
 * Bookings with why each one waits and on whom; the face holds behind the availability calendar;
 * and the posting register (every posting and removal). One projection, so holds and booking
 * statuses are always applied in log order.
 */
export const bookingsProjection: Projection = {
  name: 'operations.bookings',
  collections: [BOOKINGS, FACE_HOLDS, POSTING_REGISTER],
  filter: { categories: ['operations.booking', 'operations.face'] },
  indexes: [
    { collection: BOOKINGS, fields: ['status'] },
    { collection: BOOKINGS, fields: ['period.end'] },
    { collection: FACE_HOLDS, fields: ['siteId', 'start'] },
    { collection: FACE_HOLDS, fields: ['bookingKnown'] },
    { collection: POSTING_REGISTER, fields: ['date'] },
    { collection: POSTING_REGISTER, fields: ['siteId', 'date'] },
  ],
  async apply(ctx) {
    if (ctx.event.streamId.startsWith('operations.face-')) return applyFace(ctx, { type: ctx.event.type, data: ctx.event.data } as FaceCalendarEvent);
    return applyBooking(ctx, { type: ctx.event.type, data: ctx.event.data } as BookingEvent);
  },
};

type Ctx = Parameters<Projection['apply']>[0];

async function applyFace({ event, get, put }: Ctx, e: FaceCalendarEvent) {
  const id = holdId(e.data.siteId, e.data.face, e.data.bookingId);
  const current = await get<FaceHoldView>(FACE_HOLDS, id);
  switch (e.type) {
    case 'FaceHeld': {
      const booking = await get<{ status: BookingState['status'] }>(BOOKINGS, e.data.bookingId);
      return put(FACE_HOLDS, id, {
        siteId: e.data.siteId, face: e.data.face, bookingId: e.data.bookingId, start: e.data.start, end: e.data.end, heldAt: e.data.at,
        state: booking ? faceStatusFor(booking.status) : 'held', bookingKnown: !!booking, released: false, revision: event.revision,
      });
    }
    case 'HoldExtended':
      return current && put(FACE_HOLDS, id, { ...current, end: e.data.newEnd });
    case 'FaceReleased': {
      if (!current) return;
      const from = e.data.from;
      if (from === null || from <= current.start) return put(FACE_HOLDS, id, { ...current, released: true });
      return put(FACE_HOLDS, id, { ...current, end: previousDay(from) });
    }
  }
}

async function applyBooking({ event, get, put }: Ctx, e: BookingEvent) {
  const id = e.data.bookingId;
  const stored = await get<Record<string, unknown>>(BOOKINGS, id);
  const before = stored ? fromView(stored) : initialBookingState();
  const state = evolveBooking(before, e);
  put(BOOKINGS, id, toView(state, event));
  if (faceStatusFor(state.status) !== faceStatusFor(before.status) || !stored) {
    for (const f of state.faces) {
      const hold = await get<FaceHoldView>(FACE_HOLDS, holdId(f.siteId, f.face, id));
      if (hold) put(FACE_HOLDS, holdId(f.siteId, f.face, id), { ...hold, state: faceStatusFor(state.status), bookingKnown: true });
    }
  }
  if (e.type === 'Posted' || e.type === 'Removed') {
    // One register line per face, as the paper register (媒体上下刊登记表) has.
    for (const f of state.faces) {
      put(POSTING_REGISTER, `${id}|${event.revision}|${f.siteId}:${f.face}`, {
        kind: e.type === 'Posted' ? 'posting' : 'removal',
        bookingId: id,
        date: e.type === 'Posted' ? e.data.postedOn : e.data.removedOn,
        daysLate: e.data.daysLate,
        siteId: f.siteId,
        face: f.face,
        advertiser: state.advertiser.name,
        creativeId: state.creative.creativeId,
        photos: e.data.photos,
        earlyTermination: e.type === 'Removed' ? e.data.earlyTermination : false,
        recordedBy: e.data.by,
        recordedAt: event.recordedAt,
      });
    }
  }
}

/** Authority names may contain dots, which document stores refuse as keys: keep approvals as a list. */
function toView(state: BookingState, event: RecordedEvent) {
  const { landlordApprovals, pendingCreative, ...rest } = state;
  return {
    ...rest,
    landlordApprovalList: Object.entries(landlordApprovals).map(([authority, reference]) => ({ authority, reference })),
    pendingCreative: pendingCreative && {
      ...pendingCreative,
      landlordApprovals: undefined,
      landlordApprovalList: Object.entries(pendingCreative.landlordApprovals).map(([authority, reference]) => ({ authority, reference })),
    },
    faceStatus: faceStatusFor(state.status),
    blockedBy: blockingReasons(state),
    revision: event.revision,
    updatedAt: event.recordedAt,
  };
}

function fromView(view: Record<string, unknown>): BookingState {
  const { landlordApprovalList, pendingCreative, faceStatus: _f, blockedBy: _b, revision: _r, updatedAt: _u, ...rest } = view as Record<string, unknown> & {
    landlordApprovalList: Array<{ authority: string; reference: string }>;
    pendingCreative: (Record<string, unknown> & { landlordApprovalList: Array<{ authority: string; reference: string }> }) | null;
  };
  const toRecord = (list: Array<{ authority: string; reference: string }>) => Object.fromEntries(list.map((a) => [a.authority, a.reference]));
  return {
    ...(rest as unknown as BookingState),
    landlordApprovals: toRecord(landlordApprovalList ?? []),
    pendingCreative: pendingCreative
      ? ({ ...pendingCreative, landlordApprovalList: undefined, landlordApprovals: toRecord(pendingCreative.landlordApprovalList ?? []) } as unknown as BookingState['pendingCreative'])
      : null,
  };
}
