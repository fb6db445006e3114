import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
  AppError,
  fillShadow,
  LeaseKeeper,
  rebuildInShadow,
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
import { isDeadReplica, newReplicaIdentity } from './replica-identity';
import { stateRelay, type StateRelayDefinition } from './state-relay';
import { CHECKPOINTS, CLOCK, EVENT_STORE, INSTRUMENTATION, LEASES, MESSAGE_BUS, PROCESSED_MESSAGES, READ_MODELS } from './tokens';

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
  private readonly rebuilds = new Map<string, RebuildProgress>();
  private rebuildQueue: Promise<void> = Promise.resolve();
  private readonly stopRebuilds = new AbortController();
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
   * Shadows are filled by this function (a process beside the service, off its request thread) instead
   * of in slices on this one; the last catch-up and the swap stay here, with the live projection.
   */
  fillShadowsWith(fill: ShadowFiller): void {
    this.shadowFiller = fill;
  }
  private shadowFiller?: ShadowFiller;

  /**
   * Fills a new shadow of the named projection from the log. Its batches stay short although nothing
   * else shares this process: each is a write transaction on the file the service's own projections
   * write to, and a writer waiting for SQLite's lock waits on its event loop.
   */
  async fillShadowHere(name: string, onProgress: (progress: RebuildProgress) => void): Promise<ShadowFilled> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new AppError('unprocessable', 'PROJECTION_NOT_FOUND', `no projection ${name}`);
    return fillShadow(projection, {
      store: this.store,
      readModels: this.readModels,
      batchSize: 5000,
      sliceMs: 10,
      onProgress,
      signal: this.stopRebuilds.signal,
    });
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
  async projectionsStatus(): Promise<Array<{ name: string; collections: string[]; position: number; held: boolean; rebuild?: RebuildProgress }>> {
    return Promise.all(
      this.projections.map(async (p) => ({
        name: p.name,
        collections: [...p.collections],
        position: await this.readModels.getCheckpoint(p.name),
        held: this.keeper?.isHeld(`projection:${p.name}`) ?? false,
        ...(this.rebuilds.has(p.name) ? { rebuild: this.rebuilds.get(p.name) } : {}),
      })),
    );
  }

  /**
   * Rebuilds projections one after the other into shadow generations while the live ones serve (see
   * `rebuildInShadow`); resolves once they are queued. Only the replica holding a projection's lease
   * rebuilds it. Unknown names, a rebuild already queued and a store without shadows are refused.
   */
  async rebuild(names?: string[]): Promise<string[]> {
    const wanted = names?.length ? names : this.projections.map((p) => p.name);
    const unknown = wanted.filter((n) => !this.projections.some((p) => p.name === n));
    if (unknown.length) {
      throw new AppError(
        'unprocessable',
        'PROJECTION_NOT_FOUND',
        `no projection ${unknown.join(', ')}`,
        unknown.map(() => ({ field: 'projections', message: 'not a projection of this service' })),
      );
    }
    if (!this.readModels.shadow)
      throw new AppError('rule-violated', 'REBUILD_UNSUPPORTED', 'this read-model store cannot keep a shadow generation beside the live one');
    const elsewhere = wanted.filter((n) => !this.keeper?.isHeld(`projection:${n}`));
    if (elsewhere.length) {
      throw new AppError(
        'conflict',
        'NOT_LEASE_HOLDER',
        `another replica runs ${elsewhere.join(', ')}: ask the replica holding their leases (GET /api/admin/flow on each)`,
        [],
        {
          releasedBy: 'admin',
        },
      );
    }
    const busy = wanted.filter((n) => ['rebuilding', 'promoting', 'queued'].includes(this.rebuilds.get(n)?.state ?? ''));
    if (busy.length) throw new AppError('conflict', 'REBUILD_IN_PROGRESS', `already rebuilding ${busy.join(', ')}`);
    for (const name of wanted)
      this.rebuilds.set(name, { projection: name, state: 'queued', position: 0, head: 0, events: 0, startedAt: new Date().toISOString() });
    this.rebuildQueue = this.rebuildQueue.then(async () => {
      // One filler for the whole list runs ahead: while a projection is swapped in here, it fills the next.
      const filled = this.shadowFiller ? this.fillAhead(wanted) : undefined;
      for (const name of wanted)
        await this.rebuildOne(name, filled?.get(name)).catch((error: unknown) => this.logger.error({ err: error, projection: name, msg: 'rebuild failed' }));
    });
    return wanted;
  }

  /** Resolves when every queued rebuild has finished (tests, the operator command). */
  rebuildsSettled(): Promise<void> {
    return this.rebuildQueue;
  }

  /** Starts the filler on `names`; each projection's promise settles when its shadow is filled (or the filler fails). */
  private fillAhead(names: string[]): Map<string, Promise<ShadowFilled>> {
    const waiting = new Map(
      names.map((name) => {
        let settle!: { resolve(f: ShadowFilled): void; reject(e: unknown): void };
        const promise = new Promise<ShadowFilled>((resolve, reject) => (settle = { resolve, reject }));
        promise.catch(() => undefined);
        return [name, { promise, settle }] as const;
      }),
    );
    this.shadowFiller!(names, {
      progress: (progress) => this.rebuilds.set(progress.projection, progress),
      filled: (name, filled) => waiting.get(name)?.settle.resolve(filled),
      signal: this.stopRebuilds.signal,
    }).then(
      () => waiting.forEach((w, name) => w.settle.reject(new Error(`the filler ended without filling ${name}`))),
      (error: unknown) => waiting.forEach((w) => w.settle.reject(error)),
    );
    return new Map([...waiting].map(([name, w]) => [name, w.promise]));
  }

  private async rebuildOne(name: string, filled?: Promise<ShadowFilled>): Promise<void> {
    const projection = this.projections.find((p) => p.name === name)!;
    const lease = `projection:${name}`;
    await rebuildInShadow(projection, {
      store: this.store,
      readModels: this.readModels,
      onProgress: (progress) => this.rebuilds.set(name, progress),
      signal: this.stopRebuilds.signal,
      fill: filled ? () => filled : undefined,
      pauseLive: async () => {
        if (!this.keeper?.isHeld(lease)) throw new AppError('conflict', 'NOT_LEASE_HOLDER', `this replica lost the lease of ${name} during its rebuild`);
        const live = this.running.get(lease);
        this.running.delete(lease);
        await live?.stop();
        return async () => {
          // Started again from the promoted checkpoint, unless the lease passed on meanwhile.
          if (this.keeper?.isHeld(lease) && !this.running.has(lease)) this.running.set(lease, await this.starters.get(lease)!());
        };
      },
    });
  }

  /** The leases this replica holds now (the rest are held by other replicas or free). */
  heldLeases(): string[] {
    return this.keeper?.held() ?? [];
  }

  /** This replica's name in the leases. */
  get replica(): string {
    return this.identity.owner;
  }

  async runJobs(): Promise<void> {
    await this.scheduler?.runAll();
  }

  /** Resolves when every subscription this replica runs has handled everything appended so far, and every consumer group the bus. */
  async catchUp(timeoutMs = 10_000): Promise<void> {
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
  status(): Array<{ name: string; position: number; error?: string }> {
    return [...this.running.values()].map((s) => ({ name: s.name, position: s.position(), ...(s.lastError() ? { error: s.lastError() } : {}) }));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopRebuilds.abort();
    await this.rebuildQueue;
    await this.scheduler?.stop();
    await Promise.all(this.consuming.map((c) => c.stop()));
    // Stops what this replica runs and releases its leases: another replica takes them at once.
    await this.keeper?.stop();
    this.identity.retire();
    this.running.clear();
    this.consuming = [];
  }
}

/** Fills the shadows of `projections` one after the other elsewhere, telling each as it is filled. */
export type ShadowFiller = (
  projections: string[],
  on: { progress(progress: RebuildProgress): void; filled(projection: string, filled: ShadowFilled): void; signal: AbortSignal },
) => Promise<void>;

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
