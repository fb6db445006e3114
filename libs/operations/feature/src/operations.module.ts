import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { Projection } from '@ooh/eventing';
import { EvidenceCategories, PLATFORM_CONFIG, SubscriptionsHost, type PlatformConfig, type StateRelayDefinition } from '@ooh/http-kit';
import { AvailabilityController } from './bookings/availability.controller';
import { AvailabilityQueries } from './bookings/availability.queries';
import { BookingAutomation } from './bookings/booking-automation';
import { BookingPaymentsConsumer } from './bookings/booking-payments.consumer';
import { BookingsController } from './bookings/bookings.controller';
import { bookingsProjection } from './bookings/bookings.projection';
import { BookingRequests } from './bookings/booking-requests.process';
import { ProofOfPlayController } from './proof-of-play/proof-of-play.controller';
import { proofOfPlayProjection } from './proof-of-play/proof-of-play.projection';
import { ProofOfPlayService } from './proof-of-play/proof-of-play.service';
import { FaultAutomation } from './faults/fault-automation';
import { FaultsController } from './faults/faults.controller';
import { faultsProjection } from './faults/faults.projection';
import { InstallationsController } from './installations/installations.controller';
import { installationsProjection } from './installations/installations.projection';
import { operationsRelay } from './integration/operations-relay';
import { siteRelay } from './integration/site-relay';
import { InspectionsController } from './inspections/inspections.controller';
import { inspectionsProjection } from './inspections/inspections.projection';
import { MaintenanceController } from './maintenance/maintenance.controller';
import { maintenanceProjection } from './maintenance/maintenance.projection';
import { ComplianceQueries } from './reports/compliance.queries';
import { FaultSlaQueries } from './reports/fault-sla.queries';
import { SiteTimeline } from './sites/site-timeline.queries';
import { ReportsController } from './reports/reports.controller';
import { SitesController } from './sites/sites.controller';
import { SiteSnapshots } from './sites/site-snapshots';
import { AgencyBookingsConsumer } from './bookings/agency-bookings.consumer';
import { OPERATIONS_EVIDENCE } from './operations.evidence';
import { operationsSettings } from './operations.settings';
import { sitesProjection } from './sites/sites.projection';
import { WORK_ITEMS } from './integration/work-items';

/** The read models of operations. */
const PROJECTIONS: Projection[] = [
  sitesProjection,
  inspectionsProjection,
  maintenanceProjection,
  faultsProjection,
  installationsProjection,
  bookingsProjection,
  proofOfPlayProjection,
];

/**
 * Operations (out-of-home media): site care (sites, daily inspections, weekly maintenance, fault
 * tickets), bookings with their reviews, payment gate, posting and removal, the availability calendar,
 * the posting register, installation jobs, and their reports.
 */
@Module({
  controllers: [
    AgencyBookingsConsumer,
    SitesController,
    InspectionsController,
    MaintenanceController,
    FaultsController,
    InstallationsController,
    BookingsController,
    AvailabilityController,
    ProofOfPlayController,
    ReportsController,
    BookingPaymentsConsumer,
  ],
  providers: [
    operationsSettings.provider,
    SiteSnapshots,
    FaultAutomation,
    BookingRequests,
    BookingAutomation,
    AvailabilityQueries,
    ProofOfPlayService,
    ComplianceQueries,
    FaultSlaQueries,
    SiteTimeline,
  ],
})
export class OperationsModule implements OnModuleInit {
  constructor(
    private readonly host: SubscriptionsHost,
    private readonly automation: FaultAutomation,
    private readonly bookingAutomation: BookingAutomation,
    private readonly proofOfPlay: ProofOfPlayService,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly evidence: EvidenceCategories,
  ) {}

  onModuleInit(): void {
    PROJECTIONS.forEach((p) => this.host.registerProjection(p));
    this.evidence.declare(OPERATIONS_EVIDENCE);
    this.host.registerReactor(this.automation.inspectionProblemsOpenFaults);
    this.host.registerReactor(this.bookingAutomation.releaseFaces);
    this.host.registerRelay(operationsRelay);
    this.host.registerStateRelay(siteRelay as StateRelayDefinition<unknown>);
    WORK_ITEMS.forEach((w) => this.host.registerStateRelay(w));
    this.host.registerJob(this.automation.slaBreachJob(this.config.schedulerIntervalMs));
    this.bookingAutomation.jobs(this.config.schedulerIntervalMs).forEach((job) => this.host.registerJob(job));
    this.host.registerJob({ name: 'operations.proof-of-play', everyMs: this.config.schedulerIntervalMs, run: (now) => this.proofOfPlay.generateIfDue(now) });
  }
}
