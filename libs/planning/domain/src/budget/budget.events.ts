import { streamName, type Actor, type DomainEvent } from '@ooh/eventing';

/** One stream per budget: `planning.budget-<id>`. */
export const budgetStream = (budgetId: string): string => streamName('planning', 'budget', budgetId);

export type BudgetOpened = DomainEvent<'BudgetOpened', { budgetId: string; title: string; at: string; by: Actor }>;
export type BudgetClosed = DomainEvent<'BudgetClosed', { budgetId: string; reason: string; at: string; by: Actor }>;

export type BudgetEvent = BudgetOpened | BudgetClosed;

export interface BudgetState {
  status: 'none' | 'open' | 'closed';
  budgetId: string;
  title: string;
  openedAt: string | null;
  openedBy: Actor | null;
  closedAt: string | null;
  closedBy: Actor | null;
  closeReason: string | null;
}

export const initialBudgetState = (): BudgetState => ({
  status: 'none',
  budgetId: '',
  title: '',
  openedAt: null,
  openedBy: null,
  closedAt: null,
  closedBy: null,
  closeReason: null,
});

export function evolveBudget(state: BudgetState, event: BudgetEvent): BudgetState {
  switch (event.type) {
    case 'BudgetOpened': {
      const { budgetId, title, at, by } = event.data;
      return { ...initialBudgetState(), status: 'open', budgetId, title, openedAt: at, openedBy: by };
    }
    case 'BudgetClosed':
      return { ...state, status: 'closed', closedAt: event.data.at, closedBy: event.data.by, closeReason: event.data.reason };
  }
}
