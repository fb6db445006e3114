import { defineAggregate } from '@ooh/eventing';
import { budgetDecider } from './budget.decider';
import { budgetStream } from './budget.events';

export const budgetAggregate = defineAggregate({
  name: 'budget',
  decider: budgetDecider,
  stream: budgetStream,
  idField: 'authorizationId',
  notFoundCode: 'BUDGET_NOT_FOUND',
});
