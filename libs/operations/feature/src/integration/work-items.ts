import { workItemMapper } from '@ooh/contracts';
import type { StateRelayDefinition } from '@ooh/http-kit';
import { blockingReasons, bookingDecider, type BookingState } from '@ooh/operations-domain';

const bookings: StateRelayDefinition<BookingState> = {
  name: 'operations.booking-work',
  category: 'operations.booking',
  decider: bookingDecider,
  map: workItemMapper<BookingState>({
    context: 'operations',
    kind: 'booking',
    path: '/api/operations/bookings/{id}',
    title: (s) => `${s.advertiser.name}: ${s.faces.length} face(s), ${s.period.start} to ${s.period.end}`,
    blockers: blockingReasons,
    // Everything before the posting is due by the first day of the period.
    deadline: (s) => (s.postedOn === null && s.status !== 'none' ? s.period.start : null),
    // A booking that names its internal reviewers is theirs to review.
    assignees: (s, gate) => (gate === 'internal-review' ? (s.namedReviewers ?? []) : []),
  }),
};

/** Operations' documents that wait on people, published to the work queue. */
export const WORK_ITEMS = [bookings] as Array<StateRelayDefinition<unknown>>;
