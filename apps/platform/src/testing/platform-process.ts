import { createServer } from 'node:net';
import { SERVICE_MAINS, ServiceProcess } from './service-process';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The built embedded platform as a real OS process on loopback, for restart and crash tests. */
export class PlatformProcess extends ServiceProcess {
  constructor(
    port: number,
    readonly dataDir: string,
  ) {
    super('platform', SERVICE_MAINS.platform, port, { DATA_DIR: dataDir });
  }

  override start(): Promise<void> {
    return super.start('/health', 20_000);
  }
}
