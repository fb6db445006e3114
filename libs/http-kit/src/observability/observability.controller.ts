import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { EventStore, Instrumentation, MessageBus } from '@ooh/eventing';
import type { FastifyReply } from 'fastify';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { Public } from '../auth/auth.decorators';
import { SubscriptionsHost } from '../runtime/subscriptions-host';
import { Readiness } from '../runtime/readiness';
import { EVENT_STORE, INSTRUMENTATION, MESSAGE_BUS } from '../runtime/tokens';
import { PrometheusInstrumentation } from './prometheus-instrumentation';

@ApiExcludeController()
@Controller()
export class ObservabilityController {
  constructor(
    @Inject(INSTRUMENTATION) private readonly instrumentation: Instrumentation,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly subscriptions: SubscriptionsHost,
    private readonly readiness: Readiness,
  ) {}

  /** Liveness: the process answers. Stays 200 while a dependency is down (restarting would not help). */
  @Public()
  @Get('health/live')
  live() {
    return { status: 'alive' };
  }

  /** Readiness: 503 while draining for shutdown or while a dependency is unreachable. */
  @Public()
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.readiness.report();
    void reply.status(report.ready ? 200 : 503);
    return { status: report.ready ? 'ready' : 'not-ready', ...report };
  }

  @Public()
  @Get('health')
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    let eventStore: 'up' | 'down' = 'up';
    let head = 0;
    try {
      head = await this.store.headPosition();
    } catch {
      eventStore = 'down';
    }
    const subscriptions = this.subscriptions.status().map((s) => ({ ...s, lag: Math.max(0, head - s.position) }));
    let consumers: Record<string, number> | 'unknown' = 'unknown';
    try {
      consumers = await this.bus.lag();
    } catch {
      // A bus that cannot say (broker down) leaves caughtUp false; the readiness check reports the broker.
    }
    const failing = subscriptions.filter((s) => s.error);
    const status = eventStore === 'up' && failing.length === 0 ? 'ok' : 'degraded';
    // Everything appended so far is in every read model and every consumer has handled what was published.
    const caughtUp =
      eventStore === 'up' && subscriptions.every((s) => s.lag === 0 && !s.error) && consumers !== 'unknown' && Object.values(consumers).every((n) => n === 0);
    void reply.status(eventStore === 'up' ? 200 : 503);
    return { status, caughtUp, checks: { eventStore, headPosition: head, subscriptions, consumers } };
  }

  @Public()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    if (!(this.instrumentation instanceof PrometheusInstrumentation)) return '';
    const registry = this.instrumentation.registry;
    // Subscriptions run in a thread of their own: their metrics are its registry's, summed with this one's.
    const elsewhere = await this.subscriptions.metricsElsewhere().catch(() => undefined);
    if (!elsewhere) return registry.metrics();
    return AggregatorRegistry.aggregate([await registry.getMetricsAsJSON(), elsewhere as MetricObjectWithValues<MetricValue<string>>[]]).metrics();
  }
}
