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
    case 'refused':
      return 'released';
    default:
      return assertNever(status);
  }
}

/** The roles whose command releases each gate; `releasedBy` names the first, whose task it is. */
export const BOOKING_GATE_RELEASERS = {
  'internal-review-submission': ['ops-manager'],
  'internal-review': ['executive'],
  'landlord-review': ['ops-staff', 'ops-manager'],
  revision: ['sales', 'ops-manager'],
  payment: ['finance'],
  schedule: ['ops-manager'],
  'schedule-approval': ['executive'],
  posting: ['ops-staff'],
  'posting-report': ['sales'],
  renewal: ['sales'],
  'creative-replacement': ['ops-staff'],
  removal: ['ops-staff'],
  'removal-report': ['sales'],
} as const;

export type BookingGate = keyof typeof BOOKING_GATE_RELEASERS;

/**
 * Why a booking cannot move on yet, what it waits for, and who can release it: always role names.
 * A landlord's approval is recorded by operations on behalf of that authority (`onBehalfOf`).
 */
export interface BlockingReason {
  gate: BookingGate;
  waitingFor: string;
  releasedBy: string;
  releasedByRoles: string[];
  onBehalfOf?: string;
}

function gate(name: BookingGate, waitingFor: string, onBehalfOf?: string): BlockingReason {
  const roles = [...BOOKING_GATE_RELEASERS[name]];
  return { gate: name, waitingFor, releasedBy: roles[0], releasedByRoles: roles, ...(onBehalfOf ? { onBehalfOf } : {}) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function pendingAuthorities(state: BookingState, approvals: Record<string, string>): string[] {
  return state.landlordAuthorities.filter((authority) => approvals[authority] === undefined);
}

function landlordGates(state: BookingState, approvals: Record<string, string>, what: string): BlockingReason[] {
  return pendingAuthorities(state, approvals).map((authority) =>
    gate('landlord-review', `${authority} to approve ${what} (recorded by operations)`, authority),
  );
}

function internalGate(state: BookingState, approvals: string[], what: string): BlockingReason {
  if (state.namedReviewers?.length) {
    const waiting = state.namedReviewers.filter((u) => !approvals.includes(u));
    return gate('internal-review', `approval of ${what} by ${waiting.join(' and ')}`);
  }
  const missing = Math.max(state.requiredInternalApprovals - approvals.length, 1);
  return gate('internal-review', `${plural(missing, 'more executive approval')} of ${what}, from someone other than its requester, submitter or author`);
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
      return [gate('creative-replacement', 'Operations to put up the approved new creative, with photos')];
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
    case 'refused':
      return [];
    case 'requested':
      return [gate('internal-review-submission', 'An operations manager to submit the creative for internal review')];
    case 'internal-review':
      return [internalGate(state, state.internalApprovals, 'the booking')];
    case 'landlord-review':
      return landlordGates(state, state.landlordApprovals, 'the creative');
    case 'revision-required': {
      const why = state.lastRejection ? ` (${state.lastRejection.stage} review rejected it: ${state.lastRejection.reason})` : '';
      return [gate('revision', `Sales to revise the creative${why}`)];
    }
    case 'awaiting-payment':
      return [gate('payment', 'Finance to confirm the client payment')];
    case 'paid':
      return [gate('schedule', 'Operations to propose a posting schedule')];
    case 'schedule-proposed':
      return [gate('schedule-approval', 'An executive other than the proposer to approve the schedule')];
    case 'scheduled':
      return [gate('posting', `Operations to post the creative on or after ${state.postingDate}, with photos`)];
    case 'posted':
      return [gate('posting-report', "Sales to record the client's confirmation of the posting report")];
    case 'live': {
      const renewal: BlockingReason[] =
        state.renewalFlaggedFor === state.period.end && state.renewalDeclinedFor !== state.period.end
          ? [gate('renewal', `Sales to record the client's renewal decision (ends ${state.period.end})`)]
          : [];
      return [...renewal, ...creativeChangeGates(state)];
    }
    case 'removal-due':
      return [gate('removal', 'Operations to remove the creative, with photos including a same-day newspaper masthead')];
    case 'removed':
      return [gate('removal-report', "Sales to record the client's confirmation of the removal report")];
    default:
      return assertNever(state.status);
  }
}
