import { assertNever } from '@ooh/eventing';
import type { BookingStatus } from './booking.events';
import type { BookingState } from './booking.state';

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
      return [
        { gate: 'internal-review-submission', waitingFor: 'An operations manager to submit the creative for internal review', releasedBy: 'ops-manager' },
      ];
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
