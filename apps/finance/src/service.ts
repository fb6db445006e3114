import { FinanceModule } from '@ooh/finance-feature';
import { asyncApiDocument, CONTRACTS } from '@ooh/contracts';
import type { ServiceDefinition } from '@ooh/runtime';

export const financeService: ServiceDefinition = {
  name: 'finance',
  title: 'Finance service',
  description: 'Receivables, payables, expenses, aging and payment gates. Errors are application/problem+json.',
  modules: [FinanceModule],
  asyncApi: ({ namespace }) =>
    asyncApiDocument(CONTRACTS, {
      title: 'OOH finance service: events',
      description: 'What the finance service publishes and consumes',
      service: 'finance',
      namespace,
    }),
};
