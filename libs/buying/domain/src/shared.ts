import { forbidden, ruleViolated, type Actor } from '@ooh/eventing';

export const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

/** The role a command is reserved to, whatever route reached it (the domain, not the controller, decides). */
export function requireRole(by: Actor, roles: readonly string[], what: string): void {
  if (!roles.includes(by.role)) throw forbidden('ROLE_NOT_ALLOWED', `${what} is for ${roles.join(' or ')}, not ${by.role}`);
}

export function requireReason(reason: string, what: string): void {
  if (blank(reason)) throw ruleViolated('REASON_REQUIRED', `${what} says why`);
}

/** Why something cannot move on, and who can release it: always role names. */
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

/** Rounds a fen amount times a percentage (two decimals at most) half away from zero. */
export const percentOf = (fen: number, percent: number): number => Math.round((fen * Math.round(percent * 100)) / 10_000);
