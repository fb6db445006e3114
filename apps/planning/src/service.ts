import { PlanningModule } from '@ooh/planning-feature';
import { asyncApiDocument, CONTRACTS } from '@ooh/contracts';
import type { ServiceDefinition } from '@ooh/runtime';

export const planningService: ServiceDefinition = {
  name: 'planning',
  title: 'OOH planning service',
  description: 'The planning context. Errors are application/problem+json.',
  modules: [PlanningModule],
  asyncApi: ({ namespace }) =>
    asyncApiDocument(CONTRACTS, {
      title: 'OOH planning service: events',
      description: 'What the planning service publishes and consumes',
      service: 'planning',
      namespace,
    }),
};
