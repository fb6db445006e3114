import {
  carriedError,
  carryError,
  type CarriedError,
  type PrometheusInstrumentation,
  type SubscriptionsCall,
  type SubscriptionsElsewhere,
  type SubscriptionsHost,
  type SubscriptionsSnapshot,
} from '@ooh/http-kit';
import { getHeapStatistics } from 'node:v8';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { Gauge } from 'prom-client';

/*
 * The request thread serves requests; projections, reactors, relays, consumers and scheduled jobs run
 * in a worker thread of the same process with connections of their own, woken by the event store's
 * commits (see SqliteEventStore's peers). The request thread keeps the latest snapshot of their status
 * (for /health, /api/admin/flow) and asks the worker for the rest (rebuilds, catch-up, metrics).
 */

/** `workerData.role` of the subscriptions thread. */
export const SUBSCRIPTIONS_ROLE = 'subscriptions';

export const isSubscriptionsThread = (): boolean => parentPort !== null && (workerData as { role?: string } | null)?.role === SUBSCRIPTIONS_ROLE;

type ToWorker = { type: 'call'; id: number; method: SubscriptionsCall; args: unknown[] } | { type: 'stop' };
type FromWorker =
  | { type: 'snapshot'; snapshot: SubscriptionsSnapshot }
  | { type: 'ready' }
  | { type: 'reply'; id: number; result: unknown }
  | { type: 'reply'; id: number; error: CarriedError };

/** Until the worker reports, one pseudo-subscription at position 0: nothing is caught up before it is. */
const WORKER = 'subscriptions-worker';
const waiting = (error?: string): SubscriptionsSnapshot => ({
  replica: '',
  heldLeases: [],
  subscriptions: [{ name: WORKER, position: 0, ...(error ? { error } : {}) }],
});

export interface SubscriptionsWorkerOptions {
  /** The service's entry point (it recognises the worker by `workerData.role`). */
  script: string;
  argv: string[];
  execArgv: string[];
  env: NodeJS.ProcessEnv;
  log(level: 'info' | 'warn' | 'error', message: string, extra?: object): void;
  /** Delay before the n-th restart in a row (default 250 ms doubling to 30 s). */
  restartDelayMs?(attempt: number): number;
  /**
   * Called with the dead thread's replica name before it is started again: its leases are released,
   * so the new thread (a new name in the same living process) takes its work at once instead of
   * waiting for them to expire.
   */
  died?(replica: string): Promise<void>;
}

/** The request thread's side: starts the worker, restarts it when it dies, relays calls. */
export class SubscriptionsWorker implements SubscriptionsElsewhere {
  private worker?: Worker;
  private latest = waiting();
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private stopping = false;
  private restarts = 0;
  private startedAt = 0;
  private restartTimer?: NodeJS.Timeout;
  private exited?: Promise<void>;

  constructor(private readonly options: SubscriptionsWorkerOptions) {}

  /** How many times the worker has been started again after dying. */
  get restarted(): number {
    return this.restartCount;
  }
  private restartCount = 0;

  start(): void {
    const { script, argv, execArgv, env } = this.options;
    this.startedAt = Date.now();
    const worker = new Worker(script, {
      argv,
      execArgv,
      // A fault test's crash point fires once: a restarted worker runs without it.
      env: this.restartCount > 0 ? { ...env, OOH_CRASH_POINT: '' } : { ...env },
      workerData: { role: SUBSCRIPTIONS_ROLE },
    });
    this.worker = worker;
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (message: FromWorker) => this.received(message));
    worker.on('error', (error) => this.options.log('error', 'the subscriptions thread failed', { err: error }));
    worker.on('exit', (code) => this.ended(worker, code));
  }

  private received(message: FromWorker): void {
    if (message.type === 'snapshot') this.latest = message.snapshot;
    else if (message.type === 'ready') {
      this.everReady = true;
      this.options.log('info', 'subscriptions thread ready', { restarts: this.restartCount });
    } else {
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      if ('error' in message) call?.reject(carriedError(message.error));
      else call?.resolve(message.result);
    }
  }

  private ended(worker: Worker, code: number): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const error = new Error(`the subscriptions thread exited with code ${code}`);
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
    if (this.stopping) return;
    const replica = this.latest.replica;
    // Restarted from its checkpoints; quickly at first, more slowly when it keeps dying.
    if (Date.now() - this.startedAt > 60_000) this.restarts = 0;
    const delay = this.options.restartDelayMs?.(this.restarts) ?? Math.min(30_000, 250 * 2 ** this.restarts);
    this.restarts += 1;
    this.latest = waiting(`the subscriptions thread exited with code ${code}; restarting in ${delay} ms`);
    this.options.log('error', 'the subscriptions thread exited; restarting it from its checkpoints', { code, delayMs: delay });
    const released = replica && this.options.died ? this.options.died(replica) : Promise.resolve();
    released
      .catch((err: unknown) => this.options.log('warn', 'the dead subscriptions thread kept its leases; they pass on when they expire', { err }))
      .finally(() => {
        if (this.stopping) return;
        this.restartTimer = setTimeout(() => {
          this.restartCount += 1;
          this.start();
        }, delay);
      });
  }

  /**
   * For readiness: the service is ready once its subscriptions thread has started (its subscriptions
   * under way from their checkpoints). A later restart does not make it unready: commands are still served.
   */
  async assertStarted(): Promise<void> {
    if (!this.everReady) throw new Error('the subscriptions thread is starting');
  }
  private everReady = false;

  snapshot(): SubscriptionsSnapshot {
    return this.latest;
  }

  call(method: SubscriptionsCall, ...args: unknown[]): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('the subscriptions thread is not running (restarting)'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'call', id, method, args } satisfies ToWorker);
    });
  }

  /** Asks the worker to finish its batches, stop its consumers and release its leases; ends it after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    worker.postMessage({ type: 'stop' } satisfies ToWorker);
    const timer = setTimeout(() => void worker.terminate(), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** What the worker thread runs: the service without HTTP, its subscriptions host answering the request thread. */
export async function serveSubscriptionsThread(start: () => Promise<{ subscriptions: SubscriptionsHost; instrumentation: unknown; close(): Promise<void> }>) {
  const port = parentPort!;
  const early: ToWorker[] = [];
  let handle: (message: ToWorker) => void = (message) => early.push(message);
  port.on('message', (message: ToWorker) => handle(message));
  const service = await start();
  const host = service.subscriptions;
  // Its own heap (an isolate of its own), beside the process's metrics the request thread reports.
  new Gauge({
    name: 'subscriptions_thread_heap_used_bytes',
    help: 'V8 heap in use by the thread running the subscriptions',
    registers: [(service.instrumentation as PrometheusInstrumentation).registry],
    collect() {
      this.set(getHeapStatistics().used_heap_size);
    },
  });
  let last = '';
  const push = () => {
    const snapshot: SubscriptionsSnapshot = { replica: host.replica, heldLeases: host.heldLeases(), subscriptions: host.status() };
    const text = JSON.stringify(snapshot);
    if (text === last) return;
    last = text;
    port.postMessage({ type: 'snapshot', snapshot } satisfies FromWorker);
  };
  push();
  port.postMessage({ type: 'ready' } satisfies FromWorker);
  // Often enough that a caller waiting for `caughtUp` is not kept waiting; a snapshot only when it changed.
  const pushing = setInterval(push, 25);
  let stopping = false;
  handle = (message) => {
    if (message.type === 'stop') {
      if (stopping) return;
      stopping = true;
      clearInterval(pushing);
      void service.close().finally(() => process.exit(0));
      return;
    }
    invoke(host, service.instrumentation, message.method, message.args).then(
      (result) => port.postMessage({ type: 'reply', id: message.id, result } satisfies FromWorker),
      (error: unknown) => port.postMessage({ type: 'reply', id: message.id, error: carryError(error) } satisfies FromWorker),
    );
  };
  early.splice(0).forEach(handle);
}

async function invoke(host: SubscriptionsHost, instrumentation: unknown, method: SubscriptionsCall, args: unknown[]): Promise<unknown> {
  switch (method) {
    case 'projectionsStatus':
      return host.projectionsStatus();
    case 'rebuild':
      return host.rebuild(args[0] as string[] | undefined);
    case 'rebuildsSettled':
      return host.rebuildsSettled();
    case 'catchUp':
      return host.catchUp(args[0] as number | undefined);
    case 'runJobs':
      return host.runJobs();
    case 'metrics': {
      // The bus's gauges read the bus itself, and the request thread reads them too: summed, they would double.
      const metrics = await (instrumentation as PrometheusInstrumentation).registry.getMetricsAsJSON();
      return metrics.filter((m) => !m.name.startsWith('bus_'));
    }
  }
}
