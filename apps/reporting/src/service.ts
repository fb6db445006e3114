import { ReportingModule } from '@ooh/reporting-feature';
import { asyncApiDocument, CONTRACTS } from '@ooh/contracts';
import type { ServiceDefinition } from '@ooh/runtime';

export const reportingService: ServiceDefinition = {
  name: 'reporting',
  title: 'OOH reporting service',
  description:
    'Reporting: every service’s public feed recorded per document, and the cross-department reports over it (campaign 360), for any day and as known at any instant. Errors are application/problem+json.',
  modules: [ReportingModule],
  asyncApi: ({ namespace }) =>
    asyncApiDocument(CONTRACTS, {
      title: 'OOH reporting service: events',
      description: 'What the reporting service publishes and consumes',
      service: 'reporting',
      namespace,
    }),
};
