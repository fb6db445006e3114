import { PlanningModule } from '@ooh/planning-feature';
import type { ServiceDefinition } from '@ooh/runtime';

export const planningService: ServiceDefinition = {
  name: 'planning',
  title: 'OOH planning service',
  description: 'The planning context. Errors are application/problem+json.',
  modules: [PlanningModule],
};
