import { streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';

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
  | 'cancelled'
  /** An agency's request the operator could not book (faces taken): nothing is held. */
  | 'refused';

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

/** The agency's media order line a booking was requested for (buying's OOH flow through the operator). */
export interface AgencyOrderRef {
  orderId: string;
  planLineId: string;
  requestId: string;
}

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
    /** Requested by the agency for one of its media order lines (absent: requested by sales). */
    agencyOrder?: AgencyOrderRef | null;
  }
>;
export type AgencyRequestRefused = DomainEvent<
  'AgencyRequestRefused',
  Base & {
    agencyOrder: AgencyOrderRef;
    code: string;
    reason: string;
    conflicts: Array<{ siteId: string; face: string; bookingId: string; from: string; to: string }>;
  }
>;
export type InternalReviewStarted = DomainEvent<'InternalReviewStarted', Base & { creativeId: string; round: number }>;
/** `creativeChange: true` when the review is the side review of a creative change on a live booking. */
export type InternalReviewApproved = DomainEvent<
  'InternalReviewApproved',
  Base & { round: number; reviewer: string; comment: string | null; creativeChange: boolean }
>;
export type InternalReviewRejected = DomainEvent<'InternalReviewRejected', Base & { round: number; reviewer: string; reason: string; creativeChange: boolean }>;
export type LandlordReviewStarted = DomainEvent<'LandlordReviewStarted', Base & { round: number; authorities: string[]; creativeChange: boolean }>;
export type LandlordApproved = DomainEvent<
  'LandlordApproved',
  Base & { round: number; authority: string; reference: string; evidence: EvidenceRef[]; creativeChange: boolean }
>;
export type LandlordReviewRejected = DomainEvent<
  'LandlordReviewRejected',
  Base & { round: number; authority: string; reason: string; reference: string | null; evidence: EvidenceRef[]; creativeChange: boolean }
>;
export type PaymentRequested = DomainEvent<'PaymentRequested', Base & { amountFen: number; currency: string; advertiser: Advertiser; dueDate: string | null }>;
export type CreativeRevised = DomainEvent<'CreativeRevised', Base & { creative: Creative }>;
export type PaymentConfirmed = DomainEvent<'PaymentConfirmed', Base & { paymentReference: string; receivedAt: string }>;
export type ScheduleProposed = DomainEvent<'ScheduleProposed', Base & { postingDate: string; production: Production; installationJobId: string | null }>;
export type ScheduleApproved = DomainEvent<'ScheduleApproved', Base & { postingDate: string }>;
export type ScheduleRejected = DomainEvent<'ScheduleRejected', Base & { postingDate: string; reason: string }>;
export type Posted = DomainEvent<'Posted', Base & { postedOn: string; daysLate: number; photos: EvidenceRef[]; notes: string | null }>;
export type PostingConfirmedByClient = DomainEvent<'PostingConfirmedByClient', Base & { evidence: EvidenceRef[] }>;
export type RenewalCheckDue = DomainEvent<'RenewalCheckDue', Base & { end: string }>;
export type BookingRenewed = DomainEvent<'BookingRenewed', Base & { previousEnd: string; newEnd: string; evidence: EvidenceRef[] }>;
export type CreativeChangeRequested = DomainEvent<'CreativeChangeRequested', Base & { creative: Creative; round: number; evidence: EvidenceRef[] }>;
export type CreativeChangeApproved = DomainEvent<'CreativeChangeApproved', Base & { creative: Creative }>;
export type CreativeReplaced = DomainEvent<'CreativeReplaced', Base & { creative: Creative; previousCreativeId: string; photos: EvidenceRef[] }>;
export type RenewalDeclined = DomainEvent<'RenewalDeclined', Base & { end: string; evidence: EvidenceRef[] }>;
export type RemovalDue = DomainEvent<'RemovalDue', Base & { end: string }>;
export type TerminatedEarly = DomainEvent<'TerminatedEarly', Base & { effectiveDate: string; reason: string }>;
export type Removed = DomainEvent<'Removed', Base & { removedOn: string; daysLate: number; earlyTermination: boolean; photos: RemovalPhoto[] }>;
export type RemovalConfirmedByClient = DomainEvent<'RemovalConfirmedByClient', Base & { evidence: EvidenceRef[] }>;
export type BookingCancelled = DomainEvent<'BookingCancelled', Base & { reason: string; refundDue: boolean }>;

export type BookingEvent =
  | BookingRequested
  | AgencyRequestRefused
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
