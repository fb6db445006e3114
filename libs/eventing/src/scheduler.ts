import type { Clock } from './ports/clock';

/** A time-driven job: reads `now` from the injected clock and issues idempotent commands. */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  run(now: Date): Promise<void>;
}

export interface SchedulerLogger {
  error(obj: object, msg: string): void;
}

/** Runs jobs on timers; a run never overlaps itself. Tests call `runAll` with a fake clock instead. */
export class Scheduler {
  private timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly clock: Clock,
    private readonly jobs: ScheduledJob[],
    private readonly logger?: SchedulerLogger,
    /** Whether this replica runs the job now (it holds the job's lease); timers skip it otherwise. */
    private readonly mayRun: (job: string) => boolean = () => true,
  ) {}

  start(): void {
    for (const job of this.jobs) {
      const timer = setInterval(() => {
        if (this.mayRun(job.name)) void this.runJob(job);
      }, job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  async runAll(): Promise<void> {
    for (const job of this.jobs) await this.runJob(job);
  }

  private runJob(job: ScheduledJob): Promise<void> {
    const inFlight = this.running.get(job.name);
    if (inFlight) return inFlight;
    let started: Promise<void>;
    try {
      started = job.run(this.clock.now());
    } catch (err) {
      // A job that throws before returning its promise fails like one that rejects: logged, not thrown.
      started = Promise.reject(err);
    }
    const run = started.catch((err) => this.logger?.error({ err, job: job.name }, 'scheduled job failed')).finally(() => this.running.delete(job.name));
    this.running.set(job.name, run);
    return run;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.all(this.running.values());
  }
}
