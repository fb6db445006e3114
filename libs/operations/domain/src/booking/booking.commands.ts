import type { Actor, Command, EvidenceRef } from '@ooh/eventing';
import type { SiteStatus } from '../shared';
import type {
  Advertiser,
  AgencyOrderRef,
  BookingPeriod,
  Creative,
  FaceRef,
  Money,
  Production,
  RemovalPhoto,
  RenewalDecision,
  ReviewDecision,
} from './booking.events';

/** Executives approving a booking internally, unless configured otherwise. */
export const DEFAULT_REQUIRED_INTERNAL_APPROVALS = 2;
/** The renewal check is flagged this many days before the booking ends. */
export const RENEWAL_NOTICE_DAYS = 7;

interface Base {
  bookingId: string;
  at: string;
  by: Actor;
}

/** A requested site as the booking request sees it. */
export interface BookedSite {
  status: SiteStatus;
  faces: string[];
  landlordAuthority: string;
}

export type RequestBooking = Command<
  'RequestBooking',
  Base & {
    advertiser: Advertiser;
    faces: FaceRef[];
    period: BookingPeriod;
    creative: Creative;
    price: Money;
    /** Each requested site as it stands (null: not registered), loaded by the application; the faces are checked against them. */
    sites: Record<string, BookedSite | null>;
    /** Configured; defaults to DEFAULT_REQUIRED_INTERNAL_APPROVALS. */
    requiredInternalApprovals?: number;
    /** Configured: exactly these executives (userIds) must each approve (e.g. 谭总 and 李总). */
    namedReviewers?: string[] | null;
    timeZone: string;
    agencyOrder?: AgencyOrderRef | null;
  }
>;
/** Operations could not book an agency's request: recorded so the agency learns why (nothing was held). */
export type RecordAgencyRequestRefused = Command<
  'RecordAgencyRequestRefused',
  Base & {
    agencyOrder: AgencyOrderRef;
    code: string;
    reason: string;
    conflicts: Array<{ siteId: string; face: string; bookingId: string; from: string; to: string }>;
  }
>;
export type SubmitForInternalReview = Command<'SubmitForInternalReview', Base>;
export type RecordInternalReview = Command<'RecordInternalReview', Base & { decision: ReviewDecision; reason: string | null }>;
/** Recorded by operations staff on behalf of the external landlord authority. */
export type RecordLandlordDecision = Command<
  'RecordLandlordDecision',
  Base & { authority: string; decision: ReviewDecision; reference: string | null; reason: string | null; evidence: EvidenceRef[] }
>;
export type ReviseCreative = Command<'ReviseCreative', Base & { creative: Creative }>;
/** Issued when Finance's integration event says the client payment was received. */
export type ConfirmPayment = Command<'ConfirmPayment', Base & { paymentReference: string; receivedAt: string }>;
export type ProposeSchedule = Command<'ProposeSchedule', Base & { postingDate: string; production: Production; installationJobId: string | null }>;
export type ApproveSchedule = Command<'ApproveSchedule', Base>;
export type RejectSchedule = Command<'RejectSchedule', Base & { reason: string }>;
export type RecordPosting = Command<'RecordPosting', Base & { postedOn: string; photos: EvidenceRef[]; notes: string | null }>;
export type ConfirmPostingReport = Command<'ConfirmPostingReport', Base & { evidence: EvidenceRef[] }>;
/** Issued by the scheduler; never refused on an existing booking. */
export type FlagRenewalDue = Command<'FlagRenewalDue', Base & { today: string }>;
export type RecordRenewalDecision = Command<
  'RecordRenewalDecision',
  Base & { decision: RenewalDecision; newEnd: string | null; creative: Creative | null; evidence: EvidenceRef[] }
>;
export type RecordCreativeReplaced = Command<'RecordCreativeReplaced', Base & { photos: EvidenceRef[] }>;
/** Issued by the scheduler; never refused on an existing booking. */
export type MarkRemovalDue = Command<'MarkRemovalDue', Base & { today: string }>;
export type TerminateEarly = Command<'TerminateEarly', Base & { reason: string; effectiveDate: string }>;
export type RecordRemoval = Command<'RecordRemoval', Base & { removedOn: string; photos: RemovalPhoto[] }>;
export type ConfirmRemovalReport = Command<'ConfirmRemovalReport', Base & { evidence: EvidenceRef[] }>;
export type CancelBooking = Command<'CancelBooking', Base & { reason: string }>;

export type BookingCommand =
  | RequestBooking
  | RecordAgencyRequestRefused
  | SubmitForInternalReview
  | RecordInternalReview
  | RecordLandlordDecision
  | ReviseCreative
  | ConfirmPayment
  | ProposeSchedule
  | ApproveSchedule
  | RejectSchedule
  | RecordPosting
  | ConfirmPostingReport
  | FlagRenewalDue
  | RecordRenewalDecision
  | RecordCreativeReplaced
  | MarkRemovalDue
  | TerminateEarly
  | RecordRemoval
  | ConfirmRemovalReport
  | CancelBooking;
