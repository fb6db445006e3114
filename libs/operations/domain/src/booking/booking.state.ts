import type { Advertiser, AgencyOrderRef, BookingEvent, BookingPeriod, BookingStatus, Creative, FaceRef, Money, Production } from './booking.events';

export type CreativeChangeStage = 'internal-review' | 'landlord-review' | 'approved';

/** A creative change on a live booking, reviewed on the side while the current creative stays up. */
export interface PendingCreative extends ReviewProgress {
  creative: Creative;
  round: number;
  stage: CreativeChangeStage;
  /** userId of whoever asked for the change: it counts as submitting the side review. */
  requestedBy: string;
}

export interface BookingRejection {
  stage: 'internal' | 'landlord';
  reason: string;
  /** Reviewer userId, or the landlord authority. */
  by: string;
  creativeChange: boolean;
}

export interface BookingState extends ReviewProgress {
  status: BookingStatus;
  bookingId: string;
  advertiser: Advertiser;
  faces: FaceRef[];
  period: BookingPeriod;
  creative: Creative;
  pendingCreative: PendingCreative | null;
  price: Money;
  landlordAuthorities: string[];
  requiredInternalApprovals: number;
  namedReviewers: string[] | null;
  timeZone: string;
  /** Review rounds started so far (main reviews and creative-change side reviews share the counter). */
  round: number;
  lastRejection: BookingRejection | null;
  /** userIds: the four-eyes checks compare people, not roles. */
  requestedBy: string;
  submittedBy: string | null;
  /** Who supplied the current creative (requester, or whoever last revised it). */
  creativeSuppliedBy: string;
  paymentReference: string | null;
  scheduleProposedBy: string | null;
  postingDate: string | null;
  production: Production | null;
  installationJobId: string | null;
  postedOn: string | null;
  renewalFlaggedFor: string | null;
  renewalDeclinedFor: string | null;
  terminatedEffectiveDate: string | null;
  removedOn: string | null;
  /** Requested by the agency for one of its media order lines (null: by sales). */
  agencyOrder: AgencyOrderRef | null;
  refusal: { code: string; reason: string } | null;
}

export const initialBookingState = (): BookingState => ({
  status: 'none',
  bookingId: '',
  advertiser: { name: '', clientId: null },
  faces: [],
  period: { start: '', end: '' },
  creative: { creativeId: '', description: '', kind: 'other', files: [] },
  pendingCreative: null,
  price: { amountFen: 0, currency: '' },
  landlordAuthorities: [],
  requiredInternalApprovals: 0,
  namedReviewers: null,
  timeZone: '',
  round: 0,
  internalApprovals: [],
  landlordApprovals: {},
  lastRejection: null,
  requestedBy: '',
  submittedBy: null,
  creativeSuppliedBy: '',
  paymentReference: null,
  scheduleProposedBy: null,
  postingDate: null,
  production: null,
  installationJobId: null,
  postedOn: null,
  renewalFlaggedFor: null,
  renewalDeclinedFor: null,
  terminatedEffectiveDate: null,
  removedOn: null,
  agencyOrder: null,
  refusal: null,
});

/**
 * The progress of a review: the booking's own (its creative before posting) and the side review of a
 * creative change on a live booking both carry it, and every review event moves either the same way.
 */
export interface ReviewProgress {
  /** userIds of the executives who approved in the current round. */
  internalApprovals: string[];
  /** authority → approval reference, current round. */
  landlordApprovals: Record<string, string>;
}

const clearedReviews: ReviewProgress = { internalApprovals: [], landlordApprovals: {} };

const approvedInternally = <R extends ReviewProgress>(review: R, reviewer: string): R => ({
  ...review,
  internalApprovals: [...review.internalApprovals, reviewer],
});
const approvedByLandlord = <R extends ReviewProgress>(review: R, authority: string, reference: string): R => ({
  ...review,
  landlordApprovals: { ...review.landlordApprovals, [authority]: reference },
});

function evolvePending(state: BookingState, change: (pending: PendingCreative) => PendingCreative | null): BookingState {
  return state.pendingCreative ? { ...state, pendingCreative: change(state.pendingCreative) } : state;
}

/** Applies a review change to the review an event is about: the booking's own, or its creative change's. */
function inReview(state: BookingState, creativeChange: boolean, change: <R extends ReviewProgress>(review: R) => R): BookingState {
  return creativeChange ? evolvePending(state, change) : change(state);
}

export function evolveBooking(state: BookingState, event: BookingEvent): BookingState {
  switch (event.type) {
    case 'AgencyRequestRefused': {
      const { bookingId, agencyOrder, code, reason } = event.data;
      return { ...initialBookingState(), status: 'refused', bookingId, agencyOrder, refusal: { code, reason } };
    }
    case 'BookingRequested': {
      const { bookingId, advertiser, faces, period, creative, price, landlordAuthorities, requiredInternalApprovals, namedReviewers, timeZone, by } =
        event.data;
      return {
        ...initialBookingState(),
        status: 'requested',
        bookingId,
        advertiser,
        faces,
        period,
        creative,
        price,
        landlordAuthorities,
        requiredInternalApprovals,
        namedReviewers: namedReviewers ?? null,
        timeZone,
        agencyOrder: event.data.agencyOrder ?? null,
        requestedBy: by.userId,
        creativeSuppliedBy: by.userId,
      };
    }
    case 'InternalReviewStarted':
      return { ...state, status: 'internal-review', round: event.data.round, submittedBy: event.data.by.userId, ...clearedReviews };
    case 'InternalReviewApproved':
      return inReview(state, event.data.creativeChange, (review) => approvedInternally(review, event.data.reviewer));
    case 'InternalReviewRejected': {
      const { reviewer, reason, creativeChange } = event.data;
      const lastRejection: BookingRejection = { stage: 'internal', reason, by: reviewer, creativeChange };
      if (creativeChange) return { ...state, pendingCreative: null, lastRejection };
      return { ...state, status: 'revision-required', ...clearedReviews, lastRejection };
    }
    case 'LandlordReviewStarted':
      if (event.data.creativeChange) return evolvePending(state, (p) => ({ ...p, stage: 'landlord-review', landlordApprovals: {} }));
      return { ...state, status: 'landlord-review', landlordApprovals: {} };
    case 'LandlordApproved':
      return inReview(state, event.data.creativeChange, (review) => approvedByLandlord(review, event.data.authority, event.data.reference));
    case 'LandlordReviewRejected': {
      const { authority, reason, creativeChange } = event.data;
      const lastRejection: BookingRejection = { stage: 'landlord', reason, by: authority, creativeChange };
      if (creativeChange) return { ...state, pendingCreative: null, lastRejection };
      return { ...state, status: 'revision-required', ...clearedReviews, lastRejection };
    }
    case 'PaymentRequested':
      return { ...state, status: 'awaiting-payment' };
    case 'CreativeRevised':
      return {
        ...state,
        status: 'requested',
        creative: event.data.creative,
        creativeSuppliedBy: event.data.by.userId,
        submittedBy: null,
        ...clearedReviews,
      };
    case 'PaymentConfirmed':
      return { ...state, status: 'paid', paymentReference: event.data.paymentReference };
    case 'ScheduleProposed': {
      const { postingDate, production, installationJobId, by } = event.data;
      return { ...state, status: 'schedule-proposed', postingDate, production, installationJobId, scheduleProposedBy: by.userId };
    }
    case 'ScheduleApproved':
      return { ...state, status: 'scheduled' };
    case 'ScheduleRejected':
      return { ...state, status: 'paid', postingDate: null, production: null, installationJobId: null, scheduleProposedBy: null };
    case 'Posted':
      return { ...state, status: 'posted', postedOn: event.data.postedOn };
    case 'PostingConfirmedByClient':
      return { ...state, status: 'live' };
    case 'RenewalCheckDue':
      return { ...state, renewalFlaggedFor: event.data.end };
    case 'BookingRenewed':
      return { ...state, period: { ...state.period, end: event.data.newEnd }, renewalFlaggedFor: null, renewalDeclinedFor: null };
    case 'CreativeChangeRequested': {
      const { creative, round, by } = event.data;
      return {
        ...state,
        round,
        pendingCreative: { creative, round, stage: 'internal-review', requestedBy: by.userId, ...clearedReviews },
      };
    }
    case 'CreativeChangeApproved':
      return evolvePending(state, (p) => ({ ...p, stage: 'approved' }));
    case 'CreativeReplaced':
      return { ...state, creative: event.data.creative, pendingCreative: null };
    case 'RenewalDeclined':
      return { ...state, renewalDeclinedFor: event.data.end };
    case 'RemovalDue':
      return { ...state, status: 'removal-due', pendingCreative: null };
    case 'TerminatedEarly':
      return { ...state, status: 'removal-due', pendingCreative: null, terminatedEffectiveDate: event.data.effectiveDate };
    case 'Removed':
      return { ...state, status: 'removed', removedOn: event.data.removedOn };
    case 'RemovalConfirmedByClient':
      return { ...state, status: 'closed' };
    case 'BookingCancelled':
      return { ...state, status: 'cancelled', pendingCreative: null };
    default:
      return state;
  }
}
