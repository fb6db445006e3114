import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the built console is: beside the built services (dist/console), or under the working directory. */
export function consoleDirectory(): string | undefined {
  return [resolve(__dirname, '../../../../console'), resolve(process.cwd(), 'dist/console')].find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * The operations console, served read-only at /console: static files only; every figure it shows comes
 * from the same API, with the token the user signs in with. Its pages may run their own scripts and
 * styles and talk to this host only.
 */
export async function serveConsole(app: NestFastifyApplication, dir = consoleDirectory()): Promise<void> {
  if (!dir) return;
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyStatic as never, {
    root: dir,
    prefix: '/console/',
    decorateReply: false,
    setHeaders: (reply: { header(name: string, value: string): void }) => {
      reply.header('content-security-policy', "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
      reply.header('x-content-type-options', 'nosniff');
    },
  });
  fastify.get('/console', (_request, reply) => reply.redirect('/console/'));
}
