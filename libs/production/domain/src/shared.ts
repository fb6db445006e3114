import { forbidden, ruleViolated, type Actor } from '@ooh/eventing';

export const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

/** The role a command is reserved to, whatever route reached it (the domain decides, not the controller). */
export function requireRole(by: Actor, roles: readonly string[], what: string): void {
  if (!roles.includes(by.role)) throw forbidden('ROLE_NOT_ALLOWED', `${what} is for ${roles.join(' or ')}, not ${by.role}`);
}

export function requireReason(reason: string, what: string): void {
  if (blank(reason)) throw ruleViolated('REASON_REQUIRED', `${what} says why`);
}

/** Why a job cannot move on, and who can release it: always role names. */
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

/** A vendor as the vendor library names it. */
export interface VendorRef {
  vendorId: string;
  name: string;
}

/** Amounts by cost category (crew, equipment, studio, post-production, talent, paper, printing...). */
export interface CostLine {
  category: string;
  amountFen: number;
}

export const totalOf = (lines: CostLine[]): number => lines.reduce((s, l) => s + l.amountFen, 0);

export function requireCostLines(lines: CostLine[], what: string): void {
  if (lines.length === 0) throw ruleViolated('COST_LINES_REQUIRED', `${what} has at least one cost category`);
  if (lines.some((l) => blank(l.category) || l.amountFen <= 0))
    throw ruleViolated('COST_LINE_INVALID', `Every category of ${what} is named, with a positive amount`);
  const names = lines.map((l) => l.category.trim().toLowerCase());
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw ruleViolated('DUPLICATE_CATEGORY', `${what} names ${twice} twice`);
}
