import { AppError, assertNever, forbidden, notFound, requireSecondPerson, ruleViolated, type Decider } from '@ooh/eventing';
import { addDays, calendarDaysBetween as daysFrom, localDate, requireCalendarDate as day, requireFactDate } from '@ooh/calendar';
import { isBlank, requirePhotos } from '../shared';
import type { BookingEvent } from './booking.events';
import { evolveBooking, initialBookingState, type BookingState } from './booking.state';
import {
  RENEWAL_NOTICE_DAYS,
  type BookingCommand,
  type RecordInternalReview,
  type RecordLandlordDecision,
  type RecordRemoval,
  type RecordRenewalDecision,
  type RequestBooking,
} from './booking.commands';
import {
  approvalsRequired,
  requireBookablePeriod,
  BEFORE_PAYMENT,
  BEFORE_POSTING,
  isFinished,
  landlordAuthoritiesOf,
  openReview,
  PAID_OR_LATER,
  requireCreative,
  requireEvidence,
  requireReason,
  requireRenewable,
  validateFaces,
  validatePrice,
} from './booking.rules';

function decideRequest(command: RequestBooking, state: BookingState): BookingEvent[] {
  const { bookingId, advertiser, faces, period, creative, price, sites, requiredInternalApprovals, namedReviewers, timeZone, agencyOrder, at, by } =
    command.data;
  if (state.status !== 'none') throw new AppError('conflict', 'BOOKING_ALREADY_EXISTS', `Booking ${bookingId} already exists`);
  if (isBlank(advertiser?.name)) throw ruleViolated('ADVERTISER_REQUIRED', 'A booking needs the advertiser name');
  validateFaces(faces);
  const landlordAuthorities = landlordAuthoritiesOf(faces, sites);
  day(period.start);
  day(period.end);
  if (period.start > period.end) throw ruleViolated('INVALID_PERIOD', `The period starts ${period.start}, after it ends ${period.end}`);
  const today = localDate(at, timeZone);
  if (period.start < today) throw ruleViolated('PERIOD_IN_PAST', `The period starts ${period.start}, before today ${today}`);
  requireBookablePeriod(period, today);
  const approvedCreative = requireCreative(creative);
  validatePrice(price);
  return [
    {
      type: 'BookingRequested',
      data: {
        bookingId,
        advertiser: { name: advertiser.name, clientId: advertiser.clientId ?? null },
        faces: faces.map(({ siteId, face }) => ({ siteId, face })),
        period: { start: period.start, end: period.end },
        creative: approvedCreative,
        price: { amountFen: price.amountFen, currency: price.currency },
        landlordAuthorities,
        requiredInternalApprovals: namedReviewers?.length ? new Set(namedReviewers).size : approvalsRequired(requiredInternalApprovals),
        namedReviewers: namedReviewers?.length ? [...new Set(namedReviewers)] : null,
        timeZone,
        ...(agencyOrder ? { agencyOrder } : {}),
        at,
        by,
      },
    },
  ];
}

function decideInternalReview(command: RecordInternalReview, state: BookingState): BookingEvent[] {
  const { bookingId, decision, reason, at, by } = command.data;
  const review = openReview(state);
  if (!review || review.stage !== 'internal-review') {
    throw ruleViolated('NOT_IN_INTERNAL_REVIEW', `Booking ${bookingId} is ${state.status}, not in internal review`);
  }
  const { creativeChange, round } = review;
  requireSecondPerson(by, state.requestedBy, 'Reviewing a booking');
  requireSecondPerson(by, review.submittedBy ?? undefined, 'Reviewing a booking');
  requireSecondPerson(by, creativeChange ? undefined : state.creativeSuppliedBy, 'Reviewing a creative');
  if (state.namedReviewers && !state.namedReviewers.includes(by.userId)) {
    throw forbidden('NOT_A_REQUIRED_REVIEWER', `Booking creatives are reviewed by ${state.namedReviewers.join(' and ')}, not ${by.userId}`);
  }
  if (decision === 'reject') {
    const why = requireReason(reason, 'Rejecting a booking in internal review');
    return [{ type: 'InternalReviewRejected', data: { bookingId, round, reviewer: by.userId, reason: why, creativeChange, at, by } }];
  }
  if (review.internalApprovals.includes(by.userId)) {
    throw ruleViolated('ALREADY_REVIEWED', `${by.userId} already approved round ${round} of booking ${bookingId}`);
  }
  const events: BookingEvent[] = [
    { type: 'InternalReviewApproved', data: { bookingId, round, reviewer: by.userId, comment: isBlank(reason) ? null : reason, creativeChange, at, by } },
  ];
  if (review.internalApprovals.length + 1 >= state.requiredInternalApprovals) {
    events.push({ type: 'LandlordReviewStarted', data: { bookingId, round, authorities: [...state.landlordAuthorities], creativeChange, at, by } });
  }
  return events;
}

function decideLandlordDecision(command: RecordLandlordDecision, state: BookingState): BookingEvent[] {
  const { bookingId, authority, decision, reference, reason, evidence, at, by } = command.data;
  const review = openReview(state);
  if (!review || review.stage !== 'landlord-review') {
    throw ruleViolated('NOT_IN_LANDLORD_REVIEW', `Booking ${bookingId} is ${state.status}, not in landlord review`);
  }
  const { creativeChange, round } = review;
  if (!state.landlordAuthorities.includes(authority)) {
    throw ruleViolated('UNKNOWN_AUTHORITY', `${authority} is not a landlord authority of booking ${bookingId}`);
  }
  const files = [...(evidence ?? [])];
  if (decision === 'reject') {
    const why = requireReason(reason, 'A landlord rejection');
    return [
      {
        type: 'LandlordReviewRejected',
        data: { bookingId, round, authority, reason: why, reference: isBlank(reference) ? null : reference, evidence: files, creativeChange, at, by },
      },
    ];
  }
  if (review.landlordApprovals[authority] !== undefined) return [];
  if (isBlank(reference)) throw ruleViolated('REFERENCE_REQUIRED', `The approval of ${authority} needs its reference`);
  const events: BookingEvent[] = [
    { type: 'LandlordApproved', data: { bookingId, round, authority, reference: reference as string, evidence: files, creativeChange, at, by } },
  ];
  const approved = { ...review.landlordApprovals, [authority]: reference };
  if (state.landlordAuthorities.every((a) => approved[a] !== undefined)) {
    if (creativeChange) {
      events.push({ type: 'CreativeChangeApproved', data: { bookingId, creative: state.pendingCreative!.creative, at, by } });
    } else {
      const { amountFen, currency } = state.price;
      events.push({ type: 'PaymentRequested', data: { bookingId, amountFen, currency, advertiser: state.advertiser, dueDate: null, at, by } });
    }
  }
  return events;
}

function decideRenewal(command: RecordRenewalDecision, state: BookingState): BookingEvent[] {
  const { bookingId, decision, newEnd, creative, evidence, at, by } = command.data;
  if (state.status !== 'live') throw ruleViolated('NOT_LIVE', `Booking ${bookingId} is ${state.status}, not live`);
  const files = [...(evidence ?? [])];
  const end = state.period.end;
  switch (decision) {
    case 'renew': {
      requireRenewable(state, bookingId, newEnd);
      return [{ type: 'BookingRenewed', data: { bookingId, previousEnd: end, newEnd, evidence: files, at, by } }];
    }
    case 'change-creative': {
      const next = requireCreative(creative);
      if (state.pendingCreative) {
        throw ruleViolated('CREATIVE_CHANGE_PENDING', `Creative ${state.pendingCreative.creative.creativeId} is already waiting to replace the current one`);
      }
      return [{ type: 'CreativeChangeRequested', data: { bookingId, creative: next, round: state.round + 1, evidence: files, at, by } }];
    }
    case 'end':
      return [{ type: 'RenewalDeclined', data: { bookingId, end, evidence: files, at, by } }];
    default:
      return assertNever(decision);
  }
}

function decideRemoval(command: RecordRemoval, state: BookingState): BookingEvent[] {
  const { bookingId, removedOn, photos, at, by } = command.data;
  if (state.status !== 'removal-due') {
    throw ruleViolated('REMOVAL_NOT_DUE', `Booking ${bookingId} is ${state.status}; removal is due only after the end date or an early termination`);
  }
  requireFactDate(removedOn, 'Removed on', { today: localDate(at, state.timeZone) });
  requirePhotos(photos, 'Recording a removal');
  if (!photos.some((photo) => photo.masthead === true)) {
    throw ruleViolated('MASTHEAD_PHOTO_REQUIRED', 'A removal needs a photo with a same-day newspaper masthead (报头)');
  }
  const early = state.terminatedEffectiveDate;
  // Taken down on the last day (evening) is still not before the end; the day before is.
  const dueFrom = early ?? state.period.end;
  if (removedOn < dueFrom) throw ruleViolated('REMOVAL_NOT_DUE', `Removal on ${removedOn} is before ${dueFrom}`);
  const daysLate = early !== null ? 0 : Math.max(0, daysFrom(addDays(state.period.end, 1), removedOn));
  return [{ type: 'Removed', data: { bookingId, removedOn, daysLate, earlyTermination: early !== null, photos: photos.map((p) => ({ ...p })), at, by } }];
}

export function decideBooking(command: BookingCommand, state: BookingState): BookingEvent[] {
  if (command.type === 'RequestBooking') return decideRequest(command, state);
  if (command.type === 'RecordAgencyRequestRefused') {
    const { bookingId, agencyOrder, code, reason, conflicts, at, by } = command.data;
    if (state.status !== 'none') return [];
    return [{ type: 'AgencyRequestRefused', data: { bookingId, agencyOrder, code, reason, conflicts, at, by } }];
  }

  const { bookingId } = command.data;
  if (state.status === 'none') throw notFound('BOOKING_NOT_FOUND', `Booking ${bookingId} does not exist`);
  if (isFinished(state.status)) {
    const harmlessRepeat =
      command.type === 'FlagRenewalDue' || command.type === 'MarkRemovalDue' || (command.type === 'ConfirmPayment' && state.paymentReference !== null);
    if (harmlessRepeat) return [];
    throw ruleViolated('BOOKING_CLOSED', `Booking ${bookingId} is ${state.status}`);
  }

  switch (command.type) {
    case 'SubmitForInternalReview': {
      const { at, by } = command.data;
      if (state.status !== 'requested') {
        throw ruleViolated('BOOKING_NOT_AWAITING_SUBMISSION', `Booking ${bookingId} is ${state.status}, not waiting to be submitted for review`);
      }
      return [{ type: 'InternalReviewStarted', data: { bookingId, creativeId: state.creative.creativeId, round: state.round + 1, at, by } }];
    }
    case 'RecordInternalReview':
      return decideInternalReview(command, state);
    case 'RecordLandlordDecision':
      return decideLandlordDecision(command, state);
    case 'ReviseCreative': {
      const { creative, at, by } = command.data;
      if (state.status !== 'revision-required' && state.status !== 'requested') {
        throw ruleViolated('NOT_AWAITING_REVISION', `Booking ${bookingId} is ${state.status}; its creative cannot be revised now`);
      }
      return [{ type: 'CreativeRevised', data: { bookingId, creative: requireCreative(creative), at, by } }];
    }
    case 'ConfirmPayment': {
      const { paymentReference, receivedAt, at, by } = command.data;
      if (PAID_OR_LATER.includes(state.status)) return [];
      if (state.status !== 'awaiting-payment') {
        throw ruleViolated('PAYMENT_NOT_REQUESTED', `Booking ${bookingId} is ${state.status}; no payment has been requested yet`);
      }
      if (isBlank(paymentReference)) throw ruleViolated('PAYMENT_REFERENCE_REQUIRED', 'A payment confirmation needs its reference');
      return [{ type: 'PaymentConfirmed', data: { bookingId, paymentReference, receivedAt, at, by } }];
    }
    case 'ProposeSchedule': {
      const { postingDate, production, installationJobId, at, by } = command.data;
      if (state.status !== 'paid') {
        if (BEFORE_PAYMENT.includes(state.status)) {
          throw ruleViolated('NOT_PAID', `Booking ${bookingId} is ${state.status}; nothing is scheduled before payment`);
        }
        throw ruleViolated('SCHEDULE_ALREADY_PROPOSED', `Booking ${bookingId} is ${state.status}; its schedule was already proposed`);
      }
      day(postingDate);
      if (postingDate < state.period.start || postingDate > state.period.end) {
        throw ruleViolated('POSTING_DATE_OUTSIDE_PERIOD', `Posting date ${postingDate} is outside ${state.period.start}…${state.period.end}`);
      }
      const jobId = isBlank(installationJobId) ? null : installationJobId;
      if (production === 'light-box-installation' && jobId === null) {
        throw ruleViolated('INSTALLATION_JOB_REQUIRED', 'A light-box installation needs its installation job');
      }
      return [{ type: 'ScheduleProposed', data: { bookingId, postingDate, production, installationJobId: jobId, at, by } }];
    }
    case 'ApproveSchedule': {
      const { at, by } = command.data;
      if (state.status !== 'schedule-proposed') throw ruleViolated('NO_SCHEDULE_PROPOSED', `Booking ${bookingId} has no schedule proposed`);
      requireSecondPerson(by, state.scheduleProposedBy ?? undefined, 'Approving a schedule');
      return [{ type: 'ScheduleApproved', data: { bookingId, postingDate: state.postingDate!, at, by } }];
    }
    case 'RejectSchedule': {
      const { reason, at, by } = command.data;
      if (state.status !== 'schedule-proposed') throw ruleViolated('NO_SCHEDULE_PROPOSED', `Booking ${bookingId} has no schedule proposed`);
      requireSecondPerson(by, state.scheduleProposedBy ?? undefined, 'Rejecting a schedule');
      const why = requireReason(reason, 'Rejecting a schedule');
      return [{ type: 'ScheduleRejected', data: { bookingId, postingDate: state.postingDate!, reason: why, at, by } }];
    }
    case 'RecordPosting': {
      const { postedOn, photos, notes, at, by } = command.data;
      if (state.status !== 'scheduled') {
        throw ruleViolated('NOT_SCHEDULED', `Booking ${bookingId} is ${state.status}; posting needs both reviews, payment and an approved schedule`);
      }
      requireFactDate(postedOn, 'Posted on', { today: localDate(at, state.timeZone) });
      requirePhotos(photos, 'Recording a posting');
      const postingDate = state.postingDate!;
      if (postedOn < postingDate) throw ruleViolated('POSTED_BEFORE_SCHEDULE', `Posted on ${postedOn}, before the scheduled ${postingDate}`);
      const daysLate = daysFrom(postingDate, postedOn);
      return [{ type: 'Posted', data: { bookingId, postedOn, daysLate, photos: [...photos], notes: isBlank(notes) ? null : notes, at, by } }];
    }
    case 'ConfirmPostingReport': {
      const { evidence, at, by } = command.data;
      if (state.status !== 'posted') throw ruleViolated('NOT_POSTED', `Booking ${bookingId} is ${state.status}, not waiting for the posting report`);
      requireEvidence(evidence, "The client's posting confirmation");
      return [{ type: 'PostingConfirmedByClient', data: { bookingId, evidence: [...evidence], at, by } }];
    }
    case 'FlagRenewalDue': {
      const { today, at, by } = command.data;
      day(today);
      const end = state.period.end;
      if (state.status !== 'live' || state.renewalFlaggedFor === end || today < addDays(end, -RENEWAL_NOTICE_DAYS)) return [];
      return [{ type: 'RenewalCheckDue', data: { bookingId, end, at, by } }];
    }
    case 'RecordRenewalDecision':
      return decideRenewal(command, state);
    case 'RecordCreativeReplaced': {
      const { photos, at, by } = command.data;
      if (state.status !== 'live') throw ruleViolated('NOT_LIVE', `Booking ${bookingId} is ${state.status}, not live`);
      const pending = state.pendingCreative;
      if (!pending || pending.stage !== 'approved') {
        throw ruleViolated('CREATIVE_CHANGE_NOT_APPROVED', `Booking ${bookingId} has no approved creative change to put up`);
      }
      requirePhotos(photos, 'Replacing a creative');
      return [
        {
          type: 'CreativeReplaced',
          data: { bookingId, creative: pending.creative, previousCreativeId: state.creative.creativeId, photos: [...photos], at, by },
        },
      ];
    }
    case 'MarkRemovalDue': {
      const { today, at, by } = command.data;
      day(today);
      const end = state.period.end;
      if ((state.status !== 'live' && state.status !== 'posted') || today <= end) return [];
      return [{ type: 'RemovalDue', data: { bookingId, end, at, by } }];
    }
    case 'TerminateEarly': {
      const { reason, effectiveDate, at, by } = command.data;
      if (state.status !== 'posted' && state.status !== 'live') {
        throw ruleViolated('NOT_POSTED', `Booking ${bookingId} is ${state.status}; only a posted or live booking can be terminated early`);
      }
      const why = requireReason(reason, 'An early termination');
      day(effectiveDate);
      if (effectiveDate > state.period.end || (state.postedOn !== null && effectiveDate < state.postedOn)) {
        throw ruleViolated(
          'INVALID_EFFECTIVE_DATE',
          `An early termination takes effect between the posting ${state.postedOn} and the end ${state.period.end}, not ${effectiveDate}`,
        );
      }
      return [{ type: 'TerminatedEarly', data: { bookingId, effectiveDate, reason: why, at, by } }];
    }
    case 'RecordRemoval':
      return decideRemoval(command, state);
    case 'ConfirmRemovalReport': {
      const { evidence, at, by } = command.data;
      if (state.status !== 'removed') throw ruleViolated('NOT_REMOVED', `Booking ${bookingId} is ${state.status}, not waiting for the removal report`);
      requireEvidence(evidence, "The client's removal confirmation");
      return [{ type: 'RemovalConfirmedByClient', data: { bookingId, evidence: [...evidence], at, by } }];
    }
    case 'CancelBooking': {
      const { reason, at, by } = command.data;
      if (!BEFORE_POSTING.includes(state.status)) {
        throw ruleViolated('CANNOT_CANCEL_AFTER_POSTING', `Booking ${bookingId} is ${state.status}; terminate it early instead`);
      }
      const why = requireReason(reason, 'Cancelling a booking');
      return [{ type: 'BookingCancelled', data: { bookingId, reason: why, refundDue: PAID_OR_LATER.includes(state.status), at, by } }];
    }
    default:
      return assertNever(command);
  }
}

export const bookingDecider: Decider<BookingCommand, BookingEvent, BookingState> = {
  decide: decideBooking,
  evolve: evolveBooking,
  initialState: initialBookingState,
};
