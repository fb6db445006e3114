import { BuyingModule } from '@ooh/buying-feature';
import type { ServiceDefinition } from '@ooh/runtime';

export const buyingService: ServiceDefinition = {
  name: 'buying',
  title: 'OOH buying service',
  description: 'The buying context. Errors are application/problem+json.',
  modules: [BuyingModule],
};
