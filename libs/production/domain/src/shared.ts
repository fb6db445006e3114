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

export const totalOf = (lines: CostLine[]): number => lines.reduce((s, l) => s + l.amountFen, 0);

export function requireCostLines(lines: CostLine[], what: string): void {
  if (lines.length === 0) throw ruleViolated('COST_LINES_REQUIRED', `${what} has at least one cost category`);
  if (lines.some((l) => blank(l.category) || l.amountFen <= 0))
    throw ruleViolated('COST_LINE_INVALID', `Every category of ${what} is named, with a positive amount`);
  const names = lines.map((l) => l.category.trim().toLowerCase());
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw ruleViolated('DUPLICATE_CATEGORY', `${what} names ${twice} twice`);
}
