import { ReportingModule } from '@ooh/reporting-feature';
import type { ServiceDefinition } from '@ooh/runtime';

export const reportingService: ServiceDefinition = {
  name: 'reporting',
  title: 'OOH reporting service',
  description:
    'Reporting: every service’s public feed recorded per document, and the cross-department reports over it (campaign 360), for any day and as known at any instant. Errors are application/problem+json.',
  modules: [ReportingModule],
};
