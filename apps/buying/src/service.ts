import { BuyingModule } from '@ooh/buying-feature';
import { asyncApiDocument, CONTRACTS } from '@ooh/contracts';
import type { ServiceDefinition } from '@ooh/runtime';

export const buyingService: ServiceDefinition = {
  name: 'buying',
  title: 'OOH buying service',
  description: 'The buying context. Errors are application/problem+json.',
  modules: [BuyingModule],
  asyncApi: ({ namespace }) =>
    asyncApiDocument(CONTRACTS, {
      title: 'OOH buying service: events',
      description: 'What the buying service publishes and consumes',
      service: 'buying',
      namespace,
    }),
};
