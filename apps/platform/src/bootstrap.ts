import { ReportingModule } from '@ooh/reporting-feature';
import { ProductionModule } from '@ooh/production-feature';
import { BuyingModule } from '@ooh/buying-feature';
import { PlanningModule } from '@ooh/planning-feature';
import { FinanceModule } from '@ooh/finance-feature';
import { OperationsModule } from '@ooh/operations-feature';
import { asyncApiDocument, CONTRACTS } from '@ooh/contracts';
import { createService, type RunningService, type ServiceDefinition, type ServiceOptions } from '@ooh/runtime';

/** Every service in one process: the embedded default (`npm start`). */
export const platformService: ServiceDefinition = {
  name: 'platform',
  title: 'OOH agency platform',
  description:
    'Every service in one process: operations (site care, bookings, installation), finance, planning, buying, production and reporting. Errors are application/problem+json.',
  modules: [OperationsModule, FinanceModule, PlanningModule, BuyingModule, ProductionModule, ReportingModule],
  asyncApi: ({ namespace }) =>
    asyncApiDocument(CONTRACTS, {
      title: 'OOH agency platform: the event feed',
      description: 'Every public event the services publish to each other and to integrators',
      service: null,
      namespace,
    }),
};

export type RunningPlatform = RunningService;
export type PlatformOptions = ServiceOptions;

/** Builds the platform (not yet listening). Closing drains requests, stops subscriptions, closes the stores. */
export function createPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  return createService(platformService, options);
}
