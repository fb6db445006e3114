import { OperationsModule } from '@ooh/operations-feature';
import type { ServiceDefinition } from '@ooh/runtime';

export const operationsService: ServiceDefinition = {
  name: 'operations',
  title: 'OOH operations service',
  description:
    'Sites, inspections, maintenance, faults, bookings (posting and removal), availability, proof of play, installation jobs. Errors are application/problem+json.',
  modules: [OperationsModule],
};
