import 'reflect-metadata';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { invalid, type Clock, type RebuildProgress, type ShadowFilled } from '@ooh/eventing';
import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import {
  BusTransport,
  createHttpApp,
  HttpKitModule,
  loadPlatformConfig,
  Readiness,
  SubscriptionsHost,
  type ShadowFiller,
  type SubscriptionsElsewhere,
  type PlatformConfig,
  type SettingsSource,
} from '@ooh/http-kit';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { buildInfrastructure, type BuiltInfrastructure } from './build-infrastructure';
import { isDistributed, loadInfrastructureConfig, type InfrastructureConfig } from './infrastructure-config';
import { isSubscriptionsThread, serveSubscriptionsThread, SubscriptionsWorker } from './subscriptions-thread';

/** A service: its name (database, client id), its API title and the feature modules it hosts. */
export interface ServiceDefinition {
  name: string;
  title: string;
  description: string;
  modules: Array<Type<unknown> | DynamicModule>;
  /** The AsyncAPI document of the events it sends and receives, for its topics' prefix; served at /asyncapi.json. */
  asyncApi?: (topics: { namespace: string }) => object;
}

export interface ServiceOptions {
  env?: NodeJS.ProcessEnv;
  /** Loaded settings replaced by these (tests): platform keys and any context's keys. */
  config?: Record<string, unknown>;
  clock?: Clock;
  logger?: pino.Logger;
  /** Tests run scheduled jobs by hand. */
  manualJobs?: boolean;
  /** Nothing log-driven runs (a process that only fills a rebuild's shadow). */
  passive?: boolean;
  /** The log-driven work runs in another thread, asked through this (see SubscriptionsElsewhere). */
  subscriptionsElsewhere?: SubscriptionsElsewhere;
  /** The subscriptions thread: never listens (no API documents or console built); subscriptions woken at once. */
  subscriptionsThread?: boolean;
}

export interface RunningService {
  app: NestFastifyApplication;
  config: PlatformConfig;
  infrastructure: InfrastructureConfig;
  infra: BuiltInfrastructure;
  subscriptions: SubscriptionsHost;
  readiness: Readiness;
  close(): Promise<void>;
}

@Module({})
class ServiceModule {
  static forRoot(config: PlatformConfig, infra: BuiltInfrastructure, settings: SettingsSource, modules: ServiceDefinition['modules']): DynamicModule {
    return { module: ServiceModule, imports: [HttpKitModule.forRoot(config, infra, settings), ...modules] };
  }
}

/** Builds a service on the adapters its environment names (not yet listening). */
export async function createService(definition: ServiceDefinition, options: ServiceOptions = {}): Promise<RunningService> {
  const env = options.env ?? process.env;
  const overrides = options.config ?? {};
  const loaded = loadPlatformConfig(env);
  const config = {
    ...loaded,
    ...Object.fromEntries(
      Object.keys(loaded)
        .filter((k) => k in overrides)
        .map((k) => [k, overrides[k]]),
    ),
  } as PlatformConfig;
  const infrastructure = loadInfrastructureConfig(definition.name, config.dataDir, env);
  if (isDistributed(infrastructure) && config.usingDevSecret) {
    throw invalid(
      'INVALID_CONFIG',
      'JWT_SECRET must be set to a secret of your own when the service runs on shared infrastructure (Kafka, MongoDB, EventStoreDB): the development secret is public',
      [{ field: 'JWT_SECRET', message: 'development secret refused in distributed mode' }],
    );
  }
  if (env.OOH_CRASH_POINT && env.NODE_ENV === 'production') {
    throw invalid('INVALID_CONFIG', 'OOH_CRASH_POINT exists for fault tests only and is refused when NODE_ENV=production', [
      { field: 'OOH_CRASH_POINT', message: 'test-only setting' },
    ]);
  }
  const infra = await buildInfrastructure(infrastructure, {
    clock: options.clock,
    defaultMetrics: !options.logger,
    subscriptionsThread: options.subscriptionsThread,
    log: options.logger ? (level, message, extra) => options.logger![level]({ ...extra }, message) : undefined,
  });
  let app: NestFastifyApplication;
  try {
    app = await createHttpApp(ServiceModule.forRoot(config, infra, { env, overrides }, definition.modules), config, {
      title: definition.title,
      description: definition.description,
      logger: options.logger,
      asyncApi: definition.asyncApi?.({ namespace: infrastructure.bus.kind === 'kafka' ? infrastructure.bus.namespace : 'ooh.' }),
      headless: options.subscriptionsThread || options.passive,
    });
    const subscriptions = app.get(SubscriptionsHost);
    if (options.manualJobs) subscriptions.disableJobTimers();
    if (options.passive) subscriptions.passive();
    if (options.subscriptionsElsewhere) subscriptions.runElsewhere(options.subscriptionsElsewhere);
    // Consumers of integration events are @Consumes (@EventPattern) methods served by our bus.
    app.connectMicroservice({ strategy: new BusTransport(subscriptions) });
    await app.init();
    await app.startAllMicroservices();
  } catch (error) {
    await infra.close();
    throw error;
  }
  let closed = false;
  return {
    app,
    config,
    infrastructure,
    infra,
    subscriptions: app.get(SubscriptionsHost),
    readiness: app.get(Readiness),
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await infra.close();
    },
  };
}

/**
 * The process entry point: listen, and on SIGTERM/SIGINT report not-ready first, then finish
 * in-flight requests and batches, stop consumers (offsets committed), close stores, exit.
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  const shadowOf = process.env[SHADOW_FILL];
  if (shadowOf) return fillShadowsAndExit(definition, shadowOf.split(','));
  if (isSubscriptionsThread()) return runSubscriptionsThread(definition);
  let service: RunningService | undefined;
  let serviceLog: FastifyBaseLogger | undefined;
  const worker = new SubscriptionsWorker({
    script: process.argv[1],
    argv: process.argv.slice(2),
    execArgv: process.execArgv,
    env: process.env,
    log: (level, message, extra) => serviceLog?.[level](extra ?? {}, message),
    died: async (replica) => {
      const leases = service?.infra.leases?.store;
      if (!leases) return;
      for (const lease of await leases.list()) if (lease.owner === replica) await leases.release(lease.name, replica);
    },
  });
  try {
    const inWorker = loadPlatformConfig(process.env).subscriptionsIn === 'worker';
    service = await createService(definition, inWorker ? { subscriptionsElsewhere: worker } : {});
    if (inWorker) {
      service.readiness.add({ name: 'subscriptions', check: () => worker.assertStarted() });
      worker.start();
    }
  } catch (error) {
    console.error(error instanceof Error ? `${definition.name} cannot start: ${error.message}` : error);
    process.exit(1);
  }
  const log = (serviceLog = service.app.getHttpAdapter().getInstance().log);
  if (service.config.usingDevSecret) {
    log.warn('JWT_SECRET is not set: using the public development secret. Anyone can mint tokens; never run like this outside development.');
  }
  const drainDelayMs = Number(process.env.SHUTDOWN_DRAIN_DELAY_MS ?? 0);
  const graceMs = Number(process.env.SHUTDOWN_GRACE_MS ?? 15_000);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.readiness.markDraining();
    log.info({ signal }, 'shutting down: not ready, draining requests, stopping subscriptions and consumers, closing stores');
    const timer = setTimeout(() => {
      log.error({ graceMs }, 'shutdown exceeded its grace period');
      process.exit(1);
    }, graceMs).unref();
    if (drainDelayMs > 0) await new Promise((r) => setTimeout(r, drainDelayMs));
    await service.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  if (service.config.subscriptionsIn === 'main') service.subscriptions.fillShadowsWith(fillInChildProcess);
  await service.app.listen({ port: service.config.port, host: service.config.host });
  service.infra.backups?.startSchedule((level, message, extra) => log[level](extra ?? {}, message));
  log.info(
    {
      service: definition.name,
      port: service.config.port,
      ...service.infra.summary,
      timeZone: service.config.timeZone,
      subscriptionsIn: service.config.subscriptionsIn,
    },
    `${definition.name} ready`,
  );
}

/** The worker thread's entry: the service without HTTP, running every subscription (see subscriptions-thread). */
async function runSubscriptionsThread(definition: ServiceDefinition): Promise<void> {
  try {
    await serveSubscriptionsThread(async () => {
      const config = loadPlatformConfig(process.env);
      const logger = pino({ level: config.logLevel, base: { service: definition.title, thread: 'subscriptions' } });
      const service = await createService(definition, { subscriptionsThread: true, logger });
      return { subscriptions: service.subscriptions, instrumentation: service.infra.instrumentation, close: () => service.close() };
    });
  } catch (error) {
    console.error(error instanceof Error ? `${definition.name}: the subscriptions thread cannot start: ${error.stack ?? error.message}` : error);
    process.exit(1);
  }
}

/** Set in a child process started to fill projections' shadows (their names, comma-separated). */
const SHADOW_FILL = 'OOH_SHADOW_FILL';

type FillMessage =
  { type: 'progress'; progress: RebuildProgress } | { type: 'filled'; projection: string; filled: ShadowFilled } | { type: 'failed'; error: string };

/**
 * Fills rebuilds' shadows in a process of its own (the same service, started passive: no HTTP, no
 * subscriptions), when the subscriptions run on the main thread (`SUBSCRIPTIONS_IN=main`): the request
 * thread only serves requests. With a subscriptions thread, that thread fills them between the live
 * batches: no second boot of the service, no second process on the files.
 */
const fillInChildProcess: ShadowFiller = (projections, on) =>
  new Promise((resolve, reject) => {
    const child = fork(process.argv[1], process.argv.slice(2), {
      env: { ...process.env, [SHADOW_FILL]: projections.join(','), OOH_CRASH_POINT: '' },
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // Beneath the service in the scheduler's eyes: requests come first when the cores are busy.
    if (child.pid) setPriority(child.pid, 10);
    let failure: Error | undefined;
    child.on('message', (message: FillMessage) => {
      if (message.type === 'progress') on.progress(message.progress);
      else if (message.type === 'filled') on.filled(message.projection, message.filled);
      else failure = new Error(message.error);
    });
    // The service stopping takes its rebuild with it (the child discards its shadow on SIGTERM).
    const stop = () => child.kill('SIGTERM');
    on.signal.addEventListener('abort', stop, { once: true });
    child.on('exit', (code, signal) => {
      on.signal.removeEventListener('abort', stop);
      if (code === 0) resolve();
      else reject(failure ?? new Error(`the process filling the shadows exited with ${code ?? signal}`));
    });
  });

async function fillShadowsAndExit(definition: ServiceDefinition, projections: string[]): Promise<void> {
  const send = (message: FillMessage) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
  let service: RunningService | undefined;
  // SIGTERM (the service stopping): stop between batches, discard the shadow, exit.
  process.once('SIGTERM', () => void service?.close());
  try {
    service = await createService(definition, { passive: true });
    for (const projection of projections) {
      let last = 0;
      const filled = await service.subscriptions.fillShadowHere(projection, (progress) => {
        if (Date.now() - last < 200) return;
        last = Date.now();
        void send({ type: 'progress', progress });
      });
      await send({ type: 'filled', projection, filled });
    }
    await service.close();
    process.exit(0);
  } catch (error) {
    await send({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
    await service?.close().catch(() => undefined);
    process.exit(1);
  }
}
