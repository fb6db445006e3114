import { assertNever, streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';

/** A booking (上刊 posting → 下刊 removal) of one or more faces for one advertiser. */
export const bookingStream = (bookingId: string): string => streamName('operations', 'booking', bookingId);

export type BookingStatus =
  | 'none'
  | 'requested'
  | 'internal-review'
  | 'landlord-review'
  | 'revision-required'
  | 'awaiting-payment'
  | 'paid'
  | 'schedule-proposed'
  | 'scheduled'
  | 'posted'
  | 'live'
  | 'removal-due'
  | 'removed'
  | 'closed'
  | 'cancelled';

export interface FaceRef {
  siteId: string;
  face: string;
}

export type CreativeKind = 'video' | 'light-box' | 'other';

export interface Creative {
  creativeId: string;
  description: string;
  kind: CreativeKind;
  files: EvidenceRef[];
}

/** An amount in fen (1/100 yuan), always a positive integer. */
export interface Money {
  amountFen: number;
  currency: string;
}

export interface Advertiser {
  name: string;
  clientId: string | null;
}

/** Calendar dates (YYYY-MM-DD) in the operator's time zone; both days included. */
export interface BookingPeriod {
  start: string;
  end: string;
}

export type Production = 'video-by-design' | 'light-box-installation';

export type ReviewDecision = 'approve' | 'reject';

export type RenewalDecision = 'renew' | 'change-creative' | 'end';

/** A removal photo; the masthead photo shows a same-day newspaper (报头) as proof of the date. */
export type RemovalPhoto = EvidenceRef & { masthead?: boolean };

interface Base {
  bookingId: string;
  at: string;
  by: Actor;
}

export type BookingRequested = DomainEvent<
  'BookingRequested',
  Base & {
    advertiser: Advertiser;
    faces: FaceRef[];
    period: BookingPeriod;
    creative: Creative;
    price: Money;
    landlordAuthorities: string[];
    requiredInternalApprovals: number;
    /** When configured, exactly these executives (userIds) must each approve; otherwise any distinct ones. */
    namedReviewers?: string[] | null;
    timeZone: string;
  }
>;
export type InternalReviewStarted = DomainEvent<'InternalReviewStarted', Base & { creativeId: string; round: number }>;
/** `creativeChange: true` when the review is the side review of a creative change on a live booking. */
export type InternalReviewApproved = DomainEvent<
  'InternalReviewApproved',
  Base & { round: number; reviewer: string; comment: string | null; creativeChange: boolean }
>;
export type InternalReviewRejected = DomainEvent<
  'InternalReviewRejected',
  Base & { round: number; reviewer: string; reason: string; creativeChange: boolean }
>;
export type LandlordReviewStarted = DomainEvent<'LandlordReviewStarted', Base & { round: number; authorities: string[]; creativeChange: boolean }>;
export type LandlordApproved = DomainEvent<
  'LandlordApproved',
  Base & { round: number; authority: string; reference: string; evidence: EvidenceRef[]; creativeChange: boolean }
>;
export type LandlordReviewRejected = DomainEvent<
  'LandlordReviewRejected',
  Base & { round: number; authority: string; reason: string; reference: string | null; evidence: EvidenceRef[]; creativeChange: boolean }
>;
export type PaymentRequested = DomainEvent<
  'PaymentRequested',
  Base & { amountFen: number; currency: string; advertiser: Advertiser; dueDate: string | null }
>;
export type CreativeRevised = DomainEvent<'CreativeRevised', Base & { creative: Creative }>;
export type PaymentConfirmed = DomainEvent<'PaymentConfirmed', Base & { paymentReference: string; receivedAt: string }>;
export type ScheduleProposed = DomainEvent<
  'ScheduleProposed',
  Base & { postingDate: string; production: Production; installationJobId: string | null }
>;
export type ScheduleApproved = DomainEvent<'ScheduleApproved', Base & { postingDate: string }>;
export type ScheduleRejected = DomainEvent<'ScheduleRejected', Base & { postingDate: string; reason: string }>;
export type Posted = DomainEvent<'Posted', Base & { postedOn: string; daysLate: number; photos: EvidenceRef[]; notes: string | null }>;
export type PostingConfirmedByClient = DomainEvent<'PostingConfirmedByClient', Base & { evidence: EvidenceRef[] }>;
export type RenewalCheckDue = DomainEvent<'RenewalCheckDue', Base & { end: string }>;
export type BookingRenewed = DomainEvent<'BookingRenewed', Base & { previousEnd: string; newEnd: string; evidence: EvidenceRef[] }>;
export type CreativeChangeRequested = DomainEvent<'CreativeChangeRequested', Base & { creative: Creative; round: number; evidence: EvidenceRef[] }>;
export type CreativeChangeApproved = DomainEvent<'CreativeChangeApproved', Base & { creative: Creative }>;
export type CreativeReplaced = DomainEvent<
  'CreativeReplaced',
  Base & { creative: Creative; previousCreativeId: string; photos: EvidenceRef[] }
>;
export type RenewalDeclined = DomainEvent<'RenewalDeclined', Base & { end: string; evidence: EvidenceRef[] }>;
export type RemovalDue = DomainEvent<'RemovalDue', Base & { end: string }>;
export type TerminatedEarly = DomainEvent<'TerminatedEarly', Base & { effectiveDate: string; reason: string }>;
export type Removed = DomainEvent<
  'Removed',
  Base & { removedOn: string; daysLate: number; earlyTermination: boolean; photos: RemovalPhoto[] }
>;
export type RemovalConfirmedByClient = DomainEvent<'RemovalConfirmedByClient', Base & { evidence: EvidenceRef[] }>;
export type BookingCancelled = DomainEvent<'BookingCancelled', Base & { reason: string; refundDue: boolean }>;

export type BookingEvent =
  | BookingRequested
  | InternalReviewStarted
  | InternalReviewApproved
  | InternalReviewRejected
  | LandlordReviewStarted
  | LandlordApproved
  | LandlordReviewRejected
  | PaymentRequested
  | CreativeRevised
  | PaymentConfirmed
  | ScheduleProposed
  | ScheduleApproved
  | ScheduleRejected
  | Posted
  | PostingConfirmedByClient
  | RenewalCheckDue
  | BookingRenewed
  | CreativeChangeRequested
  | CreativeChangeApproved
  | CreativeReplaced
  | RenewalDeclined
  | RemovalDue
  | TerminatedEarly
  | Removed
  | RemovalConfirmedByClient
  | BookingCancelled;

export type CreativeChangeStage = 'internal-review' | 'landlord-review' | 'approved';

/** A creative change on a live booking, reviewed on the side while the current creative stays up. */
export interface PendingCreative {
  creative: Creative;
  round: number;
  stage: CreativeChangeStage;
  /** userId of whoever asked for the change: it counts as submitting the side review. */
  requestedBy: string;
  internalApprovals: string[];
  landlordApprovals: Record<string, string>;
}

export interface BookingRejection {
  stage: 'internal' | 'landlord';
  reason: string;
  /** Reviewer userId, or the landlord authority. */
  by: string;
  creativeChange: boolean;
}

export interface BookingState {
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
  /** userIds of the executives who approved in the current round. */
  internalApprovals: string[];
  /** authority → approval reference, current round. */
  landlordApprovals: Record<string, string>;
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
});

const clearedReviews = { internalApprovals: [] as string[], landlordApprovals: {} as Record<string, string> };

function evolvePending(state: BookingState, change: (pending: PendingCreative) => PendingCreative | null): BookingState {
  return state.pendingCreative ? { ...state, pendingCreative: change(state.pendingCreative) } : state;
}

export function evolveBooking(state: BookingState, event: BookingEvent): BookingState {
  switch (event.type) {
    case 'BookingRequested': {
      const { bookingId, advertiser, faces, period, creative, price, landlordAuthorities, requiredInternalApprovals, namedReviewers, timeZone, by } = event.data;
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
        requestedBy: by.userId,
        creativeSuppliedBy: by.userId,
      };
    }
    case 'InternalReviewStarted':
      return { ...state, status: 'internal-review', round: event.data.round, submittedBy: event.data.by.userId, ...clearedReviews };
    case 'InternalReviewApproved': {
      const { reviewer, creativeChange } = event.data;
      if (creativeChange) return evolvePending(state, (p) => ({ ...p, internalApprovals: [...p.internalApprovals, reviewer] }));
      return { ...state, internalApprovals: [...state.internalApprovals, reviewer] };
    }
    case 'InternalReviewRejected': {
      const { reviewer, reason, creativeChange } = event.data;
      const lastRejection: BookingRejection = { stage: 'internal', reason, by: reviewer, creativeChange };
      if (creativeChange) return { ...state, pendingCreative: null, lastRejection };
      return { ...state, status: 'revision-required', ...clearedReviews, lastRejection };
    }
    case 'LandlordReviewStarted':
      if (event.data.creativeChange) return evolvePending(state, (p) => ({ ...p, stage: 'landlord-review', landlordApprovals: {} }));
      return { ...state, status: 'landlord-review', landlordApprovals: {} };
    case 'LandlordApproved': {
      const { authority, reference, creativeChange } = event.data;
      if (creativeChange) {
        return evolvePending(state, (p) => ({ ...p, landlordApprovals: { ...p.landlordApprovals, [authority]: reference } }));
      }
      return { ...state, landlordApprovals: { ...state.landlordApprovals, [authority]: reference } };
    }
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

export type FaceStatus = 'held' | 'booked' | 'live' | 'released';

/** What a booking in this status means for its faces on the face calendar. */
export function faceStatusFor(status: BookingStatus): FaceStatus {
  switch (status) {
    case 'requested':
    case 'internal-review':
    case 'landlord-review':
    case 'revision-required':
    case 'awaiting-payment':
      return 'held';
    case 'paid':
    case 'schedule-proposed':
    case 'scheduled':
      return 'booked';
    case 'posted':
    case 'live':
    case 'removal-due':
      return 'live';
    case 'none':
    case 'removed':
    case 'closed':
    case 'cancelled':
      return 'released';
    default:
      return assertNever(status);
  }
}

/** Why a booking cannot move on yet, what it waits for, and who can release it (a role, or `landlord:<authority>`). */
export interface BlockingReason {
  gate: string;
  waitingFor: string;
  releasedBy: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function pendingAuthorities(state: BookingState, approvals: Record<string, string>): string[] {
  return state.landlordAuthorities.filter((authority) => approvals[authority] === undefined);
}

function landlordGates(state: BookingState, approvals: Record<string, string>, what: string): BlockingReason[] {
  return pendingAuthorities(state, approvals).map((authority) => ({
    gate: 'landlord-review',
    waitingFor: `${authority} to approve ${what} (recorded by operations)`,
    releasedBy: `landlord:${authority}`,
  }));
}

function internalGate(state: BookingState, approvals: string[], what: string): BlockingReason {
  if (state.namedReviewers?.length) {
    const waiting = state.namedReviewers.filter((u) => !approvals.includes(u));
    return { gate: 'internal-review', waitingFor: `approval of ${what} by ${waiting.join(' and ')}`, releasedBy: 'executive' };
  }
  const missing = Math.max(state.requiredInternalApprovals - approvals.length, 1);
  return {
    gate: 'internal-review',
    waitingFor: `${plural(missing, 'more executive approval')} of ${what}, from someone other than its requester, submitter or author`,
    releasedBy: 'executive',
  };
}

function creativeChangeGates(state: BookingState): BlockingReason[] {
  const pending = state.pendingCreative;
  if (!pending) return [];
  switch (pending.stage) {
    case 'internal-review':
      return [internalGate(state, pending.internalApprovals, 'the creative change')];
    case 'landlord-review':
      return landlordGates(state, pending.landlordApprovals, 'the creative change');
    case 'approved':
      return [{ gate: 'creative-replacement', waitingFor: 'Operations to put up the approved new creative, with photos', releasedBy: 'operations' }];
    default:
      return assertNever(pending.stage);
  }
}

/** For the UI: every gate the booking is waiting on, with who can release it. Empty when nothing is pending. */
export function blockingReasons(state: BookingState): BlockingReason[] {
  switch (state.status) {
    case 'none':
    case 'closed':
    case 'cancelled':
      return [];
    case 'requested':
      return [{ gate: 'internal-review-submission', waitingFor: 'An operations manager to submit the creative for internal review', releasedBy: 'ops-manager' }];
    case 'internal-review':
      return [internalGate(state, state.internalApprovals, 'the booking')];
    case 'landlord-review':
      return landlordGates(state, state.landlordApprovals, 'the creative');
    case 'revision-required': {
      const why = state.lastRejection ? ` (${state.lastRejection.stage} review rejected it: ${state.lastRejection.reason})` : '';
      return [{ gate: 'revision', waitingFor: `Sales to revise the creative${why}`, releasedBy: 'sales' }];
    }
    case 'awaiting-payment':
      return [{ gate: 'payment', waitingFor: 'Finance to confirm the client payment', releasedBy: 'finance' }];
    case 'paid':
      return [{ gate: 'schedule', waitingFor: 'Operations to propose a posting schedule', releasedBy: 'operations' }];
    case 'schedule-proposed':
      return [{ gate: 'schedule-approval', waitingFor: 'An executive other than the proposer to approve the schedule', releasedBy: 'executive' }];
    case 'scheduled':
      return [{ gate: 'posting', waitingFor: `Operations to post the creative on or after ${state.postingDate}, with photos`, releasedBy: 'operations' }];
    case 'posted':
      return [{ gate: 'posting-report', waitingFor: "Sales to record the client's confirmation of the posting report", releasedBy: 'sales' }];
    case 'live': {
      const renewal: BlockingReason[] =
        state.renewalFlaggedFor === state.period.end && state.renewalDeclinedFor !== state.period.end
          ? [{ gate: 'renewal', waitingFor: `Sales to record the client's renewal decision (ends ${state.period.end})`, releasedBy: 'sales' }]
          : [];
      return [...renewal, ...creativeChangeGates(state)];
    }
    case 'removal-due':
      return [
        {
          gate: 'removal',
          waitingFor: 'Operations to remove the creative, with photos including a same-day newspaper masthead',
          releasedBy: 'operations',
        },
      ];
    case 'removed':
      return [{ gate: 'removal-report', waitingFor: "Sales to record the client's confirmation of the removal report", releasedBy: 'sales' }];
    default:
      return assertNever(state.status);
  }
}
