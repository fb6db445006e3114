import { OperationsModule } from '@ooh/operations-feature';
import { asyncApiDocument, CONTRACTS } from '@ooh/contracts';
import type { ServiceDefinition } from '@ooh/runtime';

export const operationsService: ServiceDefinition = {
  name: 'operations',
  title: 'OOH operations service',
  description:
    'Sites, inspections, maintenance, faults, bookings (posting and removal), availability, proof of play, installation jobs. Errors are application/problem+json.',
  modules: [OperationsModule],
  asyncApi: ({ namespace }) =>
    asyncApiDocument(CONTRACTS, {
      title: 'OOH operations service: events',
      description: 'What the operations service publishes and consumes',
      service: 'operations',
      namespace,
    }),
};
