import { createPlatform } from './bootstrap';

async function main(): Promise<void> {
  const platform = await createPlatform();
  const log = platform.app.getHttpAdapter().getInstance().log;
  if (platform.config.usingDevSecret) {
    log.warn('JWT_SECRET is not set: using the public development secret. Anyone can mint tokens; never run like this outside development.');
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: draining requests, stopping subscriptions, closing databases');
    const timer = setTimeout(() => process.exit(1), 15_000).unref();
    await platform.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await platform.app.listen({ port: platform.config.port, host: platform.config.host });
  log.info({ port: platform.config.port, dataDir: platform.config.dataDir, timeZone: platform.config.timeZone }, 'platform ready (embedded)');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
