import type { Actor } from '../actor';

/**
 * The actors of commands no person issued. Their role is `system`, which no token can carry
 * (the role list of the HTTP kit does not have it), so no request can act as one of them.
 */
export const SYSTEM_ACTORS = {
  /** Deadlines and periodic checks: SLA breaches, renewal checks, removals due, reports. */
  scheduler: { userId: 'system:scheduler', role: 'system' },
  /** Another context's public facts recorded where they are used (e.g. planning's approved plans in buying). */
  feed: { userId: 'system:feed', role: 'system' },
  /** Finance's side of other departments' payment requests, and settlements reaching them. */
  finance: { userId: 'system:finance', role: 'system' },
  /** Face calendars held and released on behalf of bookings when no person's request is behind it. */
  booking: { userId: 'system:booking', role: 'system' },
} as const satisfies Record<string, Actor>;

export const isSystemActor = (actor: Actor): boolean => actor.role === 'system';
