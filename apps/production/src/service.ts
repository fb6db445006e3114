import { ProductionModule } from '@ooh/production-feature';
import type { ServiceDefinition } from '@ooh/runtime';

export const productionService: ServiceDefinition = {
  name: 'production',
  title: 'OOH production service',
  description: 'The production context. Errors are application/problem+json.',
  modules: [ProductionModule],
};
