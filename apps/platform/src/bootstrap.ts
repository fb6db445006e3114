import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Clock } from '@ooh/eventing';
import { createHttpApp, loadPlatformConfig, SubscriptionsHost, type PlatformConfig } from '@ooh/http-kit';
import type pino from 'pino';
import { embeddedInfrastructure } from './embedded-infrastructure';
import { PlatformModule } from './platform.module';

export interface PlatformOptions {
  env?: NodeJS.ProcessEnv;
  config?: Partial<PlatformConfig>;
  clock?: Clock;
  logger?: pino.Logger;
  /** Tests run scheduled jobs by hand. */
  manualJobs?: boolean;
}

export interface RunningPlatform {
  app: NestFastifyApplication;
  config: PlatformConfig;
  subscriptions: SubscriptionsHost;
  close(): Promise<void>;
}

/** Builds the embedded platform (not yet listening). Closing drains requests, stops subscriptions, closes the databases. */
export async function createPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const config = { ...loadPlatformConfig(options.env ?? process.env), ...options.config };
  const infra = embeddedInfrastructure(config.dataDir, { clock: options.clock, defaultMetrics: !options.logger });
  const app = await createHttpApp(PlatformModule.forRoot(config, infra), config, {
    title: 'OOH agency platform',
    description: 'Operations, site care: sites, inspections, maintenance, fault tickets. Errors are application/problem+json.',
    logger: options.logger,
  });
  const subscriptions = app.get(SubscriptionsHost);
  if (options.manualJobs) subscriptions.disableJobTimers();
  await app.init();
  let closed = false;
  return {
    app,
    config,
    subscriptions,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await infra.close();
    },
  };
}
