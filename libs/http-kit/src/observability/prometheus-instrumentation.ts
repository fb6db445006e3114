import type { Instrumentation, MessageBus } from '@ooh/eventing';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BackupOperator } from '../runtime/backups';

/** The kernel's instrumentation hooks recorded as Prometheus metrics in a registry of our own. */
export class PrometheusInstrumentation implements Instrumentation {
  readonly registry = new Registry();
  private readonly commandSeconds = new Histogram({
    name: 'command_duration_seconds',
    help: 'Time to handle a command (load, decide, durable append)',
    labelNames: ['command', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly appended = new Counter({ name: 'events_appended_total', help: 'Events appended to the event store', registers: [this.registry] });
  private readonly lag = new Gauge({
    name: 'subscription_lag_events',
    help: 'Events in the log not yet handled by a projection, reactor or relay',
    labelNames: ['subscription'],
    registers: [this.registry],
  });
  private readonly position = new Gauge({
    name: 'subscription_position',
    help: 'Last global log position handled by a subscription',
    labelNames: ['subscription'],
    registers: [this.registry],
  });
  readonly httpSeconds = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** Dead letters and consumer lag per group, read from the bus when metrics are scraped. */
  observeBus(bus: Pick<MessageBus, 'deadLetters' | 'lag'>): void {
    new Gauge({
      name: 'bus_dead_letters',
      help: 'Messages dead-lettered per consumer group (waiting for a fix and a replay)',
      labelNames: ['group'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const counts = new Map<string, number>();
        for (const letter of await bus.deadLetters()) counts.set(letter.group, (counts.get(letter.group) ?? 0) + 1);
        for (const [group, n] of counts) this.labels(group).set(n);
      },
    });
    new Gauge({
      name: 'bus_consumer_lag_messages',
      help: 'Messages published but not yet handled, per consumer group',
      labelNames: ['group'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [group, n] of Object.entries(await bus.lag())) this.labels(group).set(n);
      },
    });
  }

  /** When the last backup completed and when one last failed (alert when either is too old or too new). */
  observeBackups(backups: Pick<BackupOperator, 'status'>): void {
    new Gauge({
      name: 'backup_last_completed_timestamp_seconds',
      help: 'When the latest complete backup of the embedded runtime finished (0: none yet)',
      registers: [this.registry],
      async collect() {
        const completedAt = (await backups.status()).lastCompleted?.completedAt;
        this.set(completedAt ? Date.parse(completedAt) / 1000 : 0);
      },
    });
    new Gauge({
      name: 'backup_last_failure_timestamp_seconds',
      help: 'When a backup of the embedded runtime last failed in this process (0: never)',
      registers: [this.registry],
      async collect() {
        const failedAt = (await backups.status()).lastFailure?.at;
        this.set(failedAt ? Date.parse(failedAt) / 1000 : 0);
      },
    });
  }

  /** A gauge a feature reads when metrics are scraped, one value per label (e.g. work waiting per role). */
  observeCounts(name: string, help: string, label: string, read: () => Promise<Record<string, number>>): void {
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [value, n] of Object.entries(await read())) this.labels(value).set(n);
      },
    });
  }

  commandHandled(commandType: string, seconds: number, outcome: 'ok' | 'rejected' | 'conflict' | 'error'): void {
    this.commandSeconds.labels(commandType, outcome).observe(seconds);
  }
  eventsAppended(count: number): void {
    this.appended.inc(count);
  }
  subscriptionProgress(name: string, position: number, head: number): void {
    this.position.labels(name).set(position);
    this.lag.labels(name).set(Math.max(0, head - position));
  }
}
