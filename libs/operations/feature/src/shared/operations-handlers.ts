import { Inject, Injectable } from '@nestjs/common';
import {
  AggregateCache,
  commandHandler,
  loadAggregate,
  notFound,
  type Clock,
  type Command,
  type CommandContext,
  type Decider,
  type DomainEvent,
  type EventStore,
  type Instrumentation,
} from '@ooh/eventing';
import { CLOCK, EVENT_STORE, INSTRUMENTATION, PLATFORM_CONFIG, type PlatformConfig } from '@ooh/http-kit';
import {
  faultDecider,
  inspectionDecider,
  maintenanceDecider,
  siteDecider,
  siteSnapshot,
  siteStream,
  type SiteSnapshot,
  type SiteState,
} from '@ooh/operations-domain';

/** The operations deciders bound to the event store: one handler per aggregate. */
@Injectable()
export class OperationsHandlers {
  readonly site;
  readonly inspection;
  readonly maintenance;
  readonly fault;
  /** Sites are read by most operations commands (inspections, faults, maintenance): one cache for all. */
  private readonly sites: AggregateCache;

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(CLOCK) readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) readonly config: PlatformConfig,
    @Inject(INSTRUMENTATION) instrumentation: Instrumentation,
  ) {
    const options = { instrumentation };
    this.sites = new AggregateCache(store);
    this.site = commandHandler(store, siteDecider, { ...options, cache: this.sites });
    this.inspection = commandHandler(store, inspectionDecider, options);
    this.maintenance = commandHandler(store, maintenanceDecider, options);
    this.fault = commandHandler(store, faultDecider, options);
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  loadAggregateOf<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string) {
    return loadAggregate(this.store, decider, streamId);
  }

  async loadSite(siteId: string, options: { recordedUntil?: string } = {}): Promise<{ state: SiteState; revision: number }> {
    return this.sites.load(siteDecider, siteStream(siteId), options);
  }

  /** The site as inspection, maintenance and fault commands need it; unknown sites are 404. */
  async siteSnapshot(siteId: string): Promise<SiteSnapshot> {
    const { state } = await this.loadSite(siteId);
    if (state.status === 'unregistered') throw notFound('SITE_NOT_FOUND', `Site ${siteId} is not registered`);
    return siteSnapshot(state);
  }
}

export type { CommandContext };
