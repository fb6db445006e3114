import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
  Scheduler,
  startProjection,
  startReactor,
  type CheckpointStore,
  type Clock,
  type EventStore,
  type Instrumentation,
  type LogFilter,
  type Projection,
  type ReadModelStore,
  type RecordedEvent,
  type RunningSubscription,
  type ScheduledJob,
} from '@ooh/eventing';
import { CHECKPOINTS, CLOCK, EVENT_STORE, INSTRUMENTATION, READ_MODELS } from './tokens';

export interface ReactorDefinition {
  name: string;
  filter: LogFilter;
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
  private running: RunningSubscription[] = [];
  private scheduler?: Scheduler;
  private autoStartJobs = true;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(CHECKPOINTS) private readonly checkpoints: CheckpointStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INSTRUMENTATION) private readonly instrumentation: Instrumentation,
  ) {}

  registerProjection(p: Projection): void {
    this.projections.push(p);
  }
  registerReactor(r: ReactorDefinition): void {
    this.reactors.push(r);
  }
  registerJob(job: ScheduledJob): void {
    this.jobs.push(job);
  }
  /** Tests drive time themselves with `runJobs`. */
  disableJobTimers(): void {
    this.autoStartJobs = false;
  }

  async onApplicationBootstrap(): Promise<void> {
    const log = { error: (obj: object, msg: string) => this.logger.error({ ...obj, msg }) };
    for (const p of this.projections) {
      this.running.push(await startProjection(p, { store: this.store, readModels: this.readModels, logger: log, instrumentation: this.instrumentation }));
    }
    for (const r of this.reactors) {
      this.running.push(startReactor({ ...r, store: this.store, checkpoints: this.checkpoints, logger: log, instrumentation: this.instrumentation }));
    }
    this.scheduler = new Scheduler(this.clock, this.jobs, log);
    if (this.autoStartJobs) this.scheduler.start();
  }

  async runJobs(): Promise<void> {
    await this.scheduler?.runAll();
  }

  /** Resolves when every subscription has handled everything appended so far. */
  async catchUp(timeoutMs = 10_000): Promise<void> {
    const head = await this.store.headPosition();
    await Promise.all(this.running.map((s) => s.waitFor(head, timeoutMs)));
  }

  status(): Array<{ name: string; position: number; error?: string }> {
    return this.running.map((s) => ({ name: s.name, position: s.position(), ...(s.lastError() ? { error: s.lastError() } : {}) }));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduler?.stop();
    await Promise.all(this.running.map((s) => s.stop()));
    this.running = [];
  }
}
