import { forbidden, ruleViolated } from './errors';
import type { Actor } from './actor';

/** Nothing but white space, or nothing at all. */
export const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

/** The roles a command is reserved to, whatever route reached it (the domain decides, not the controller). */
export function requireRole(by: Actor, roles: readonly string[], what: string): void {
  if (!roles.includes(by.role)) throw forbidden('ROLE_NOT_ALLOWED', `${what} is for ${roles.join(' or ')}, not ${by.role}`);
}

/** A refusal, a return, a cancellation says why. */
export function requireReason(reason: string, what: string): void {
  if (blank(reason)) throw ruleViolated('REASON_REQUIRED', `${what} says why`);
}

/** Why something cannot move on, and who can release it: always role names (`releasedBy` is whose task it is). */
export interface Blocker {
  gate: string;
  waitingFor: string;
  releasedBy: string;
  releasedByRoles: string[];
}

export const blocker = (gate: string, waitingFor: string, roles: readonly string[]): Blocker => ({
  gate,
  waitingFor,
  releasedBy: roles[0],
  releasedByRoles: [...roles],
});
