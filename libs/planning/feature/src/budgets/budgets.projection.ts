import { entityProjection } from '@ooh/eventing';
import { budgetDecider, type BudgetEvent } from '@ooh/planning-domain';

export const BUDGETS = 'planning_budgets';

/** Budget authorizations: the aggregate's own state (plans sum the authorized ones of their campaign). */
export const budgetsProjection = entityProjection({
  name: 'planning.budgets',
  collection: BUDGETS,
  category: 'planning.budget',
  indexes: [['briefId', 'status'], ['status'], ['requestedAt']],
  decider: budgetDecider,
  id: (e: BudgetEvent) => e.data.authorizationId,
});
