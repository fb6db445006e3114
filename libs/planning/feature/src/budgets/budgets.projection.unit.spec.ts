import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { budgetDecider } from '@ooh/planning-domain';
import { BUDGETS, budgetsProjection } from './budgets.projection';

const mei: Actor = { userId: 'mei', role: 'admin' };
const zhao: Actor = { userId: 'zhao', role: 'admin' };
const AT = '2026-12-01T02:00:00.000Z';

describe('budgets projection', () => {
  it('keeps each budget as its decider folds it', async () => {
    const events = eventsFrom(budgetDecider, [
      { type: 'OpenBudget', data: { budgetId: 'x-1', title: 'First', at: AT, by: mei } },
      { type: 'CloseBudget', data: { budgetId: 'x-1', reason: 'Done', at: AT, by: zhao } },
    ]);
    await projectionSpec(budgetsProjection)
      .given(...events.map((e) => ({ streamId: 'planning.budget-x-1', recordedAt: AT, ...e })))
      .then({ [BUDGETS]: { 'x-1': { ...fold(budgetDecider, events), revision: 1, updatedAt: AT } } });
  });
});
