import { blank, ruleViolated } from '@ooh/eventing';

export { blank, blocker, requireReason, requireRole, type Blocker } from '@ooh/eventing';

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

/** The campaign brief a job is for, as production knows it from planning's feed (null: the job names none). */
export interface BriefSnapshot {
  briefId: string;
  known: boolean;
  clientId: string | null;
}

/** A job may name the brief of its campaign: one planning published, of the same client. */
export function requireBriefOfClient(brief: BriefSnapshot | null, clientId: string): void {
  if (!brief) return;
  if (!brief.known) throw ruleViolated('BRIEF_NOT_FOUND', `Planning has published no brief ${brief.briefId}`);
  if (brief.clientId !== clientId) throw ruleViolated('BRIEF_OF_ANOTHER_CLIENT', `Brief ${brief.briefId} is another client's campaign`);
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
