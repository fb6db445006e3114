import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
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
} from '@ooh/eventing';
import { stateRelay, type StateRelayDefinition } from './state-relay';
import { CHECKPOINTS, CLOCK, EVENT_STORE, INSTRUMENTATION, MESSAGE_BUS, PROCESSED_MESSAGES, READ_MODELS } from './tokens';

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
  private running: RunningSubscription[] = [];
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
  registerJob(job: ScheduledJob): void {
    this.jobs.push(job);
  }
  /** Tests drive time themselves with `runJobs`. */
  disableJobTimers(): void {
    this.autoStartJobs = false;
  }

  /** Starts the consumers registered after the application booted (those the bus transport declares). */
  async startConsumers(): Promise<void> {
    for (const c of this.consumers.slice(this.consuming.length)) {
      this.consuming.push(await startProcessManager({ ...c, bus: this.bus, processed: this.processed }));
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const log = { error: (obj: object, msg: string) => this.logger.error({ ...obj, msg }) };
    for (const make of this.lateProjections.splice(0)) {
      const projection = make();
      if (projection) this.projections.push(projection);
    }
    for (const p of this.projections) {
      this.running.push(await startProjection(p, { store: this.store, readModels: this.readModels, logger: log, instrumentation: this.instrumentation }));
    }
    for (const r of this.reactors) {
      this.running.push(startReactor({ ...r, store: this.store, checkpoints: this.checkpoints, logger: log, instrumentation: this.instrumentation }));
    }
    for (const r of [...this.relays, ...this.stateRelays.map((d) => stateRelay(d, this.store))]) {
      this.running.push(
        startRelay({ ...r, store: this.store, bus: this.bus, checkpoints: this.checkpoints, logger: log, instrumentation: this.instrumentation }),
      );
    }
    await this.startConsumers();
    this.scheduler = new Scheduler(this.clock, this.jobs, log);
    if (this.autoStartJobs) this.scheduler.start();
  }

  async runJobs(): Promise<void> {
    await this.scheduler?.runAll();
  }

  /** Resolves when every subscription has handled everything appended so far, and every consumer group the bus. */
  async catchUp(timeoutMs = 10_000): Promise<void> {
    const head = await this.store.headPosition();
    await Promise.all(this.running.map((s) => s.waitFor(head, timeoutMs)));
    const until = Date.now() + timeoutMs;
    const groups = this.consumers.map((c) => c.name);
    while (groups.length > 0) {
      const lag = await this.bus.lag();
      if (groups.every((g) => (lag[g] ?? Number.POSITIVE_INFINITY) === 0)) break;
      if (Date.now() > until) throw new Error(`consumers still behind: ${JSON.stringify(lag)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  status(): Array<{ name: string; position: number; error?: string }> {
    return this.running.map((s) => ({ name: s.name, position: s.position(), ...(s.lastError() ? { error: s.lastError() } : {}) }));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduler?.stop();
    await Promise.all(this.consuming.map((c) => c.stop()));
    await Promise.all(this.running.map((s) => s.stop()));
    this.running = [];
    this.consuming = [];
  }
}
