import type { Instrumentation } from '@ooh/eventing';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
