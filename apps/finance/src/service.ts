import { FinanceModule } from '@ooh/finance-feature';
import type { ServiceDefinition } from '@ooh/runtime';

export const financeService: ServiceDefinition = {
  name: 'finance',
  title: 'Finance service',
  description: 'Receivables, payables, expenses, aging and payment gates. Errors are application/problem+json.',
  modules: [FinanceModule],
};
