import { AppError, notFound, requireSecondPerson, ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import { evolveBudget, initialBudgetState, type BudgetEvent, type BudgetState } from './budget.events';

export type OpenBudget = Command<'OpenBudget', { budgetId: string; title: string; at: string; by: Actor }>;
export type CloseBudget = Command<'CloseBudget', { budgetId: string; reason: string; at: string; by: Actor }>;

export type BudgetCommand = OpenBudget | CloseBudget;

export function decideBudget(command: BudgetCommand, state: BudgetState): BudgetEvent[] {
  switch (command.type) {
    case 'OpenBudget': {
      const { budgetId, title, at, by } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'BUDGET_ALREADY_EXISTS', `Budget ${budgetId} already exists`);
      if (title.trim() === '') throw ruleViolated('TITLE_REQUIRED', 'A budget needs a title');
      return [{ type: 'BudgetOpened', data: { budgetId, title, at, by } }];
    }
    case 'CloseBudget': {
      const { budgetId, reason, at, by } = command.data;
      if (state.status === 'none') throw notFound('BUDGET_NOT_FOUND', `No budget ${budgetId}`);
      if (state.status === 'closed') throw ruleViolated('BUDGET_CLOSED', `Budget ${budgetId} is already closed`);
      requireSecondPerson(by, state.openedBy?.userId, 'Closing a budget');
      if (reason.trim() === '') throw ruleViolated('REASON_REQUIRED', 'Closing a budget needs a reason');
      return [{ type: 'BudgetClosed', data: { budgetId, reason, at, by } }];
    }
  }
}

export const budgetDecider: Decider<BudgetCommand, BudgetEvent, BudgetState> = {
  decide: decideBudget,
  evolve: evolveBudget,
  initialState: initialBudgetState,
};
