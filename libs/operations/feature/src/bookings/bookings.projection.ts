import { previousDay } from '@ooh/calendar';
import { combineProjections, entityProjection, eventProjection, type DocumentCodec } from '@ooh/eventing';
import { blockingReasons, bookingDecider, faceStatusFor, type BookingEvent, type BookingState, type FaceCalendarEvent } from '@ooh/operations-domain';

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

type Approvals = Record<string, string>;
type ApprovalList = Array<{ authority: string; reference: string }>;
const toList = (approvals: Approvals): ApprovalList => Object.entries(approvals).map(([authority, reference]) => ({ authority, reference }));
const toRecord = (list: ApprovalList = []): Approvals => Object.fromEntries(list.map((a) => [a.authority, a.reference]));

/** Authority names may contain dots, which document stores refuse as keys: approvals are kept as lists. */
export const bookingCodec: DocumentCodec<BookingState> = {
  encode: ({ landlordApprovals, pendingCreative, ...rest }) => ({
    ...rest,
    landlordApprovalList: toList(landlordApprovals),
    pendingCreative: pendingCreative && { ...pendingCreative, landlordApprovals: undefined, landlordApprovalList: toList(pendingCreative.landlordApprovals) },
  }),
  decode: (document) => {
    const { landlordApprovalList, pendingCreative, ...rest } = document as Record<string, unknown> & {
      landlordApprovalList?: ApprovalList;
      pendingCreative: (Record<string, unknown> & { landlordApprovalList?: ApprovalList }) | null;
    };
    return {
      ...(rest as unknown as BookingState),
      landlordApprovals: toRecord(landlordApprovalList),
      pendingCreative: pendingCreative
        ? ({
            ...pendingCreative,
            landlordApprovalList: undefined,
            landlordApprovals: toRecord(pendingCreative.landlordApprovalList),
          } as unknown as BookingState['pendingCreative'])
        : null,
    };
  },
};

/** Bookings with why each one waits and on whom; holds follow their booking's status; the posting register (媒体上下刊登记表) one line per face. */
const bookings = entityProjection<BookingEvent, BookingState>({
  name: 'operations.bookings',
  collection: BOOKINGS,
  category: 'operations.booking',
  indexes: [['status'], ['period.end'], ['updatedAt']],
  decider: bookingDecider,
  id: (e) => e.data.bookingId,
  codec: bookingCodec,
  view: (state) => ({
    faceStatus: faceStatusFor(state.status),
    blockedBy: blockingReasons(state),
    receivables: `/api/finance/receivables?sourceKind=booking&sourceId=${state.bookingId}`,
  }),
  derived: {
    collections: [POSTING_REGISTER],
    indexes: [
      { collection: POSTING_REGISTER, fields: ['date'] },
      { collection: POSTING_REGISTER, fields: ['siteId', 'date'] },
    ],
    async apply({ before, after: state, event: e, recorded }, { get, put }) {
      const id = state.bookingId;
      if (before.status === 'none' || faceStatusFor(state.status) !== faceStatusFor(before.status)) {
        for (const f of state.faces) {
          const hold = await get<FaceHoldView>(FACE_HOLDS, holdId(f.siteId, f.face, id));
          if (hold) put(FACE_HOLDS, holdId(f.siteId, f.face, id), { ...hold, state: faceStatusFor(state.status), bookingKnown: true });
        }
      }
      if (e.type !== 'Posted' && e.type !== 'Removed') return;
      for (const f of state.faces) {
        put(POSTING_REGISTER, `${id}|${recorded.revision}|${f.siteId}:${f.face}`, {
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
          recordedAt: recorded.recordedAt,
        });
      }
    },
  },
});

/** The face holds behind the availability calendar (销控), each showing the status of the booking that holds it. */
const faceHolds = eventProjection<FaceCalendarEvent>({
  name: 'operations.face-holds',
  collections: [FACE_HOLDS],
  categories: ['operations.face'],
  indexes: [
    { collection: FACE_HOLDS, fields: ['siteId', 'start'] },
    { collection: FACE_HOLDS, fields: ['bookingKnown'] },
  ],
  on: {
    async FaceHeld({ data }, { event, get, put }) {
      const booking = await get<{ status: BookingState['status'] }>(BOOKINGS, data.bookingId);
      put(FACE_HOLDS, holdId(data.siteId, data.face, data.bookingId), {
        siteId: data.siteId,
        face: data.face,
        bookingId: data.bookingId,
        start: data.start,
        end: data.end,
        heldAt: data.at,
        state: booking ? faceStatusFor(booking.status) : 'held',
        bookingKnown: !!booking,
        released: false,
        revision: event.revision,
      });
    },
    async HoldExtended({ data }, { get, put }) {
      const id = holdId(data.siteId, data.face, data.bookingId);
      const current = await get<FaceHoldView>(FACE_HOLDS, id);
      if (current) put(FACE_HOLDS, id, { ...current, end: data.newEnd });
    },
    async FaceReleased({ data }, { get, put }) {
      const id = holdId(data.siteId, data.face, data.bookingId);
      const current = await get<FaceHoldView>(FACE_HOLDS, id);
      if (!current) return;
      if (data.from === null || data.from <= current.start) put(FACE_HOLDS, id, { ...current, released: true });
      else put(FACE_HOLDS, id, { ...current, end: previousDay(data.from) });
    },
  },
});

/** One projection, so holds and booking statuses are always applied in log order. */
export const bookingsProjection = combineProjections('operations.bookings', bookings, faceHolds);
