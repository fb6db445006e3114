import type { RecordedEvent } from '../envelope';
import { requireScoped, type EventStore, type ScopedFilter } from '../ports/event-store';
import { noInstrumentation, type Instrumentation } from '../ports/instrumentation';

const IDLE_CHECKPOINT_EVERY = 1000;

export interface SubscriptionLogger {
  error(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
}

export interface SubscriptionOptions {
  name: string;
  store: EventStore;
  filter: ScopedFilter;
  batchSize?: number;
  /** Where to resume: the position of the last event fully handled. */
  loadCheckpoint(): Promise<number>;
  /** Handles a batch and durably records its last position (atomically with the effect where it can). */
  handleBatch(events: RecordedEvent[], position: number): Promise<void>;
  logger?: SubscriptionLogger;
  instrumentation?: Instrumentation;
  /** Backoff after a failed batch, doubled up to 30 s. */
  retryDelayMs?: number;
}

export interface RunningSubscription {
  readonly name: string;
  /** Position of the last event handled. */
  position(): number;
  lastError(): string | undefined;
  /** Resolves when everything up to `position` has been handled. */
  waitFor(position: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A catch-up subscription on the global log with a durable checkpoint. A failed batch is retried
 * from the checkpoint with backoff, so a restart or an error never skips or doubles work.
 */
export function startSubscription(options: SubscriptionOptions): RunningSubscription {
  requireScoped(options.filter, options.name);
  const controller = new AbortController();
  const instrumentation = options.instrumentation ?? noInstrumentation;
  let position = 0;
  let error: string | undefined;
  const waiters = new Set<{ target: number; resolve: () => void }>();
  const notify = () => {
    for (const w of waiters) {
      if (position >= w.target) {
        waiters.delete(w);
        w.resolve();
      }
    }
  };

  const loop = (async () => {
    let delay = options.retryDelayMs ?? 100;
    while (!controller.signal.aborted) {
      try {
        position = await options.loadCheckpoint();
        let durable = position;
        notify();
        for await (const batch of options.store.subscribe({
          after: position,
          filter: options.filter,
          batchSize: options.batchSize,
          signal: controller.signal,
          onScanned: (scanned) => {
            if (scanned <= position) return;
            position = scanned;
            instrumentation.subscriptionProgress(options.name, position, scanned);
            notify();
          },
        })) {
          // A batch with nothing for this subscription only moves the checkpoint now and then: every
          // subscription writing after every append would cost a write each; a restart merely
          // re-scans at most that many positions (finding nothing again).
          if (batch.events.length > 0 || batch.position - durable >= IDLE_CHECKPOINT_EVERY) {
            await options.handleBatch(batch.events, batch.position);
            durable = batch.position;
          }
          position = batch.position;
          error = undefined;
          delay = options.retryDelayMs ?? 100;
          const head = batch.head ?? (await options.store.headPosition());
          instrumentation.subscriptionProgress(options.name, position, head);
          notify();
        }
        // The log only ends a subscription when the signal aborts; ending otherwise (e.g. the store was
        // closed) must back off like a failure, not restart at once in a loop that starves the event loop.
        if (!controller.signal.aborted) throw new Error(`${options.name}: the event log subscription ended`);
      } catch (e) {
        if (controller.signal.aborted) break;
        error = e instanceof Error ? e.message : String(e);
        options.logger?.error({ err: e, subscription: options.name, position }, 'subscription batch failed; retrying');
        await sleep(delay, controller.signal);
        delay = Math.min(delay * 2, 30_000);
      }
    }
  })();

  return {
    name: options.name,
    position: () => position,
    lastError: () => error,
    waitFor(target, timeoutMs = 10_000) {
      if (position >= target) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const waiter = { target, resolve: () => (clearTimeout(timer), resolve()) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`${options.name} did not reach position ${target} in ${timeoutMs} ms (at ${position}${error ? `, error: ${error}` : ''})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async stop() {
      controller.abort();
      await loop;
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref();
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
