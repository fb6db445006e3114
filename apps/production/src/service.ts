import { ProductionModule } from '@ooh/production-feature';
import { asyncApiDocument, CONTRACTS } from '@ooh/contracts';
import type { ServiceDefinition } from '@ooh/runtime';

export const productionService: ServiceDefinition = {
  name: 'production',
  title: 'OOH production service',
  description: 'The production context. Errors are application/problem+json.',
  modules: [ProductionModule],
  asyncApi: ({ namespace }) =>
    asyncApiDocument(CONTRACTS, {
      title: 'OOH production service: events',
      description: 'What the production service publishes and consumes',
      service: 'production',
      namespace,
    }),
};
