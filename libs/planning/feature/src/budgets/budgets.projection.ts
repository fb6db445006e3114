import { entityProjection } from '@ooh/eventing';
import { budgetDecider, type BudgetEvent } from '@ooh/planning-domain';

export const BUDGETS = 'planning_budgets';

/** Budgets for lists and views: the aggregate's own state. */
export const budgetsProjection = entityProjection({
  name: 'planning.budgets',
  collection: BUDGETS,
  category: 'planning.budget',
  indexes: [['status'], ['openedAt']],
  decider: budgetDecider,
  id: (e: BudgetEvent) => e.data.budgetId,
});
