import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { budgetDecider } from '@ooh/planning-domain';
import { BUDGETS, budgetsProjection } from './budgets.projection';

const am: Actor = { userId: 'wang', role: 'account-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const pdf = { blobId: 'a'.repeat(64), sha256: 'a'.repeat(64), contentType: 'application/pdf' };

describe('budgets projection', () => {
  it('keeps each authorization as its decider folds it', async () => {
    const campaign = { briefId: 'b-1', exists: true, clientId: 'c-1', campaign: 'Winter', currency: 'CNY', period: { start: '2027-01-01', end: '2027-02-28' } };
    const events = eventsFrom(budgetDecider, [
      { type: 'RequestBudget', data: { authorizationId: 'a-1', campaign, buckets: [{ channel: 'tv', month: null, amountFen: 5 }], at: AT, by: am } },
      { type: 'AuthorizeBudget', data: { authorizationId: 'a-1', poReference: 'PO-1', evidence: [pdf], at: AT, by: am } },
    ]);
    await projectionSpec(budgetsProjection)
      .given(...events.map((e) => ({ streamId: 'planning.budget-a-1', recordedAt: AT, ...e })))
      .then({ [BUDGETS]: { 'a-1': { ...fold(budgetDecider, events), revision: 1, updatedAt: AT } } });
  });
});
