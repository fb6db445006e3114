import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
  AppError,
  LeaseKeeper,
  type RebuildProgress,
  type ShadowFilled,
  Scheduler,
  startProcessManager,
  startProjection,
  startReactor,
  startRelay,
  type DeliveredMessage,
  type IntegrationMapper,
  type MessageBus,
  type ProcessedMessages,
  type CheckpointStore,
  type Clock,
  type EventStore,
  type Instrumentation,
  type ScopedFilter,
  type Projection,
  type ReadModelStore,
  type RecordedEvent,
  type RunningSubscription,
  type ScheduledJob,
  type LeaseStore,
  type SubscriptionLogger,
} from '@ooh/eventing';
import { ProjectionRebuilds, type ShadowFiller } from './projection-rebuilds';
import { isDeadReplica, newReplicaIdentity } from './replica-identity';
import { stateRelay, type StateRelayDefinition } from './state-relay';
import type { SubscriptionsElsewhere, SubscriptionStatus } from './subscriptions-elsewhere';
import { CHECKPOINTS, CLOCK, EVENT_STORE, INSTRUMENTATION, LEASES, MESSAGE_BUS, PROCESSED_MESSAGES, READ_MODELS } from './tokens';

export type { ShadowFiller } from './projection-rebuilds';

export interface RelayDefinition {
  name: string;
  filter: ScopedFilter;
  map: IntegrationMapper;
}

export interface ConsumerDefinition {
  /** Consumer group and dedupe scope. */
  name: string;
  types: string[];
  handle(message: DeliveredMessage): Promise<void>;
  maxAttempts?: number;
  /** Refusal codes meaning the message came before the state it needs: it waits (see NotYet). */
  waitFor?: string[];
  maxWaitMs?: number;
  /**
   * One replica at a time runs this consumer (under a lease), not one per partition: for a consumer
   * that numbers what it keeps (the event feed's positions) and so must see every message itself.
   */
  exclusive?: boolean;
}

export interface ReactorDefinition {
  name: string;
  filter: ScopedFilter;
  react(event: RecordedEvent): Promise<void>;
}

/**
 * Feature modules register their projections, reactors and scheduled jobs here; this host starts
 * them after the app boots and stops them (finishing the batch in hand) before it shuts down.
 */
@Injectable()
export class SubscriptionsHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Subscriptions');
  private readonly projections: Projection[] = [];
  private readonly reactors: ReactorDefinition[] = [];
  private readonly jobs: ScheduledJob[] = [];
  private readonly relays: RelayDefinition[] = [];
  private readonly stateRelays: Array<StateRelayDefinition<unknown>> = [];
  private readonly consumers: ConsumerDefinition[] = [];
  private readonly running = new Map<string, RunningSubscription>();
  private readonly starters = new Map<string, () => RunningSubscription | Promise<RunningSubscription>>();
  private readonly rebuilds = new ProjectionRebuilds({
    projections: () => this.projections,
    store: () => this.store,
    readModels: () => this.readModels,
    runs: (name) => this.keeper?.isHeld(`projection:${name}`) ?? false,
    pauseLive: (name) => this.pauseLive(name),
    log: (error, projection) => this.logger.error({ err: error, projection, msg: 'rebuild failed' }),
  });
  private keeper?: LeaseKeeper;
  private readonly identity = newReplicaIdentity();
  private readonly lateProjections: Array<() => Projection | undefined> = [];
  private consuming: Array<{ stop(): Promise<void> }> = [];
  private scheduler?: Scheduler;
  private autoStartJobs = true;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(CHECKPOINTS) private readonly checkpoints: CheckpointStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INSTRUMENTATION) private readonly instrumentation: Instrumentation,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(PROCESSED_MESSAGES) private readonly processed: ProcessedMessages,
    @Inject(LEASES) private readonly leases: { store: LeaseStore; ttlMs: number } | null,
  ) {}

  registerProjection(p: Projection): void {
    this.projections.push(p);
  }
  /** A projection made when subscriptions start, from what every module declared by then (none: not started). */
  registerProjectionAtStart(make: () => Projection | undefined): void {
    this.lateProjections.push(make);
  }
  registerReactor(r: ReactorDefinition): void {
    this.reactors.push(r);
  }
  /** Publishes a context's integration events from its log. */
  registerRelay(r: RelayDefinition): void {
    this.relays.push(r);
  }
  /** Publishes from an aggregate's state before and after each event (see `stateRelay`). */
  registerStateRelay<S>(r: StateRelayDefinition<S>): void {
    this.stateRelays.push(r as StateRelayDefinition<unknown>);
  }
  /** A process manager consuming other contexts' integration events, deduped by message id. */
  registerConsumer(c: ConsumerDefinition): void {
    this.consumers.push(c);
  }
  /** The consumer groups and the message types each reads (what the catalogue's consumers are checked against). */
  consumerGroups(): Array<{ name: string; types: string[] }> {
    return this.consumers.map((c) => ({ name: c.name, types: [...c.types] }));
  }
  registerJob(job: ScheduledJob): void {
    this.jobs.push(job);
  }
  /** Tests drive time themselves with `runJobs`. */
  disableJobTimers(): void {
    this.autoStartJobs = false;
  }

  /** Nothing log-driven starts (a process that only fills a rebuild's shadow): projections are registered, not run. */
  passive(): void {
    this.isPassive = true;
  }
  private isPassive = false;

  /**
   * The log-driven work runs in another thread (see `SubscriptionsElsewhere`): nothing starts here, and
   * status, leases, rebuilds, catch-up and jobs are asked of that thread.
   */
  runElsewhere(elsewhere: SubscriptionsElsewhere): void {
    this.isPassive = true;
    this.elsewhere = elsewhere;
  }
  private elsewhere?: SubscriptionsElsewhere;

  /** The Prometheus metrics (JSON) of the thread running the subscriptions, when that is another one. */
  async metricsElsewhere(): Promise<unknown[] | undefined> {
    return this.elsewhere ? ((await this.elsewhere.call('metrics')) as unknown[]) : undefined;
  }

  /**
   * Shadows are filled by this function (a process beside the service, off its request thread) instead
   * of in slices on this one; the last catch-up and the swap stay here, with the live projection.
   */
  fillShadowsWith(fill: ShadowFiller): void {
    this.rebuilds.fillWith(fill);
  }

  /** Fills a new shadow of the named projection from the log (in the process started to do only that). */
  fillShadowHere(name: string, onProgress: (progress: RebuildProgress) => void): Promise<ShadowFilled> {
    return this.rebuilds.fillHere(name, onProgress);
  }

  /** Starts the consumers registered after the application booted (those the bus transport declares). */
  async startConsumers(): Promise<void> {
    if (this.isPassive) return;
    for (const c of this.consumers.slice(this.consuming.length + this.exclusiveConsumers)) {
      if (!c.exclusive) {
        this.consuming.push(await startProcessManager({ ...c, bus: this.bus, processed: this.processed }));
        continue;
      }
      this.exclusiveConsumers++;
      let consumer: { stop(): Promise<void> } | undefined;
      this.leased({
        lease: `consumer:${c.name}`,
        start: async () => void (consumer = await startProcessManager({ ...c, bus: this.bus, processed: this.processed })),
        stop: async () => {
          await consumer?.stop();
          consumer = undefined;
        },
      });
    }
    await this.keeper?.runRound();
  }
  private exclusiveConsumers = 0;

  private leased(work: { lease: string; start(): Promise<void>; stop(): Promise<void> }): void {
    this.keeper!.add(work);
  }

  /** A subscription (projection, reactor, relay) run by whichever replica holds its lease. */
  private leasedSubscription(lease: string, start: () => RunningSubscription | Promise<RunningSubscription>): void {
    this.starters.set(lease, start);
    this.leased({
      lease,
      start: async () => void this.running.set(lease, await start()),
      stop: async () => {
        const subscription = this.running.get(lease);
        this.running.delete(lease);
        await subscription?.stop();
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.isPassive) {
      for (const make of this.lateProjections.splice(0)) {
        const projection = make();
        if (projection) this.projections.push(projection);
      }
      return;
    }
    const log: SubscriptionLogger = { error: (obj: object, msg: string) => this.logger.error({ ...obj, msg }) };
    this.keeper = new LeaseKeeper({
      // Without a lease store (tests that wire the kit by hand) this process is the only replica.
      store: this.leases?.store ?? soleReplicaLeases(),
      owner: this.identity.owner,
      ttlMs: this.leases?.ttlMs ?? 15_000,
      isDead: isDeadReplica,
      log: (level, message, extra) => this.logger[level === 'warn' ? 'warn' : 'error']({ ...extra, msg: message }),
    });
    for (const make of this.lateProjections.splice(0)) {
      const projection = make();
      if (projection) this.projections.push(projection);
    }
    const deps = { store: this.store, logger: log, instrumentation: this.instrumentation };
    for (const p of this.projections) {
      this.leasedSubscription(`projection:${p.name}`, () => startProjection(p, { ...deps, readModels: this.readModels }));
    }
    for (const r of this.reactors) {
      this.leasedSubscription(`reactor:${r.name}`, () => startReactor({ ...r, ...deps, checkpoints: this.checkpoints }));
    }
    for (const r of [...this.relays, ...this.stateRelays.map((d) => stateRelay(d, this.store))]) {
      this.leasedSubscription(`relay:${r.name}`, () => startRelay({ ...r, ...deps, bus: this.bus, checkpoints: this.checkpoints }));
    }
    for (const job of this.jobs) this.leased({ lease: `job:${job.name}`, start: async () => undefined, stop: async () => undefined });
    await this.keeper.start();
    await this.startConsumers();
    this.scheduler = new Scheduler(this.clock, this.jobs, log, (job) => this.keeper?.isHeld(`job:${job}`) ?? false);
    if (this.autoStartJobs) this.scheduler.start();
  }

  /** The projections, with where each has got and its latest rebuild. */
  projectionsStatus(): ReturnType<ProjectionRebuilds['status']> {
    if (this.elsewhere) return this.elsewhere.call('projectionsStatus') as ReturnType<ProjectionRebuilds['status']>;
    return this.rebuilds.status();
  }

  /** Queues rebuilds of projections beside the live read models (see `ProjectionRebuilds`). */
  rebuild(names?: string[]): Promise<string[]> {
    if (this.elsewhere) return this.elsewhere.call('rebuild', names) as Promise<string[]>;
    return this.rebuilds.queue(names);
  }

  /** Resolves when every queued rebuild has finished (tests, the operator command). */
  async rebuildsSettled(): Promise<void> {
    if (this.elsewhere) await this.elsewhere.call('rebuildsSettled');
    else await this.rebuilds.settled();
  }

  /** Stops the live projection for a rebuild's last catch-up and swap; resolves with what starts it again. */
  private async pauseLive(name: string): Promise<() => Promise<void>> {
    const lease = `projection:${name}`;
    if (!this.keeper?.isHeld(lease)) throw new AppError('conflict', 'NOT_LEASE_HOLDER', `this replica lost the lease of ${name} during its rebuild`);
    const live = this.running.get(lease);
    this.running.delete(lease);
    await live?.stop();
    return async () => {
      // Started again from the promoted checkpoint, unless the lease passed on meanwhile.
      if (this.keeper?.isHeld(lease) && !this.running.has(lease)) this.running.set(lease, await this.starters.get(lease)!());
    };
  }

  /** The leases this replica holds now (the rest are held by other replicas or free). */
  heldLeases(): string[] {
    if (this.elsewhere) return this.elsewhere.snapshot().heldLeases;
    return this.keeper?.held() ?? [];
  }

  /** This replica's name in the leases. */
  get replica(): string {
    if (this.elsewhere) return this.elsewhere.snapshot().replica;
    return this.identity.owner;
  }

  async runJobs(): Promise<void> {
    if (this.elsewhere) await this.elsewhere.call('runJobs');
    else await this.scheduler?.runAll();
  }

  /** Resolves when every subscription this replica runs has handled everything appended so far, and every consumer group the bus. */
  async catchUp(timeoutMs = 10_000): Promise<void> {
    if (this.elsewhere) {
      await this.elsewhere.call('catchUp', timeoutMs);
      return;
    }
    const head = await this.store.headPosition();
    await Promise.all([...this.running.values()].map((s) => s.waitFor(head, timeoutMs)));
    const until = Date.now() + timeoutMs;
    const groups = this.consumers.map((c) => c.name);
    while (groups.length > 0) {
      const lag = await this.bus.lag();
      if (groups.every((g) => (lag[g] ?? Number.POSITIVE_INFINITY) === 0)) break;
      if (Date.now() > until) throw new Error(`consumers still behind: ${JSON.stringify(lag)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** The subscriptions this replica runs (those another replica holds are not listed: see `heldLeases`). */
  status(): SubscriptionStatus[] {
    if (this.elsewhere) return this.elsewhere.snapshot().subscriptions;
    return [...this.running.values()].map((s) => ({ name: s.name, position: s.position(), ...(s.lastError() ? { error: s.lastError() } : {}) }));
  }

  async beforeApplicationShutdown(): Promise<void> {
    // The other thread finishes its batches, stops its consumers and gives its leases up.
    await this.elsewhere?.stop();
    await this.rebuilds.stop();
    await this.scheduler?.stop();
    await Promise.all(this.consuming.map((c) => c.stop()));
    // Stops what this replica runs and releases its leases: another replica takes them at once.
    await this.keeper?.stop();
    this.identity.retire();
    this.running.clear();
    this.consuming = [];
  }
}

/** Leases nobody else competes for: the only replica holds them all. */
function soleReplicaLeases(): LeaseStore {
  const leases = new Map<string, { owner: string; expiresAt: number; term: number }>();
  return {
    async acquire(name, owner, ttlMs, nowMs) {
      const lease = { owner, expiresAt: nowMs + ttlMs, term: leases.get(name)?.term ?? 1 };
      leases.set(name, lease);
      return { held: true, lease: { name, ...lease } };
    },
    takeOver: async () => true,
    release: async (name) => void leases.delete(name),
    list: async () => [...leases].map(([name, l]) => ({ name, ...l })),
  };
}
