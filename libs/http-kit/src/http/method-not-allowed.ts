import { AppError } from '@ooh/eventing';
import type { FastifyInstance } from 'fastify';

/** Static segments outrank parameters, parameters a wildcard: `/reports/generate` is not `/reports/:id`. */
function specificity(url: string): number[] {
  return url.split('/').map((segment) => (segment === '*' ? 0 : segment.startsWith(':') ? 1 : 2));
}

const compare = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) - (b[i] ?? -1);
  return 0;
};

/** Fastify's `/a/:id/*` as a regular expression over request paths. */
function pathPattern(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

/**
 * A method the API does not declare on a path it serves is answered 405 with `Allow` listing the
 * methods it does (RFC 9110), before anything reads the body; a path it does not serve stays 404.
 * Installed before the routes are registered, so that it sees every one.
 */
export function answerUndeclaredMethods(fastify: FastifyInstance): void {
  const routes = new Map<string, { pattern: RegExp; rank: number[]; methods: Set<string> }>();
  fastify.addHook('onRoute', (route) => {
    const entry = routes.get(route.url) ?? { pattern: pathPattern(route.url), rank: specificity(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) entry.methods.add(method.toUpperCase());
    routes.set(route.url, entry);
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const path = request.url.split('?')[0];
    // The path's own route: the most specific of those that match it.
    const matching = [...routes.values()].filter((r) => r.pattern.test(path)).sort((a, b) => compare(b.rank, a.rank));
    if (matching.length === 0) return;
    const allowed = new Set<string>();
    for (const r of matching) if (compare(r.rank, matching[0].rank) === 0) r.methods.forEach((m) => allowed.add(m));
    void reply.header('allow', [...allowed].sort().join(', '));
    throw new AppError('method-not-allowed', 'METHOD_NOT_ALLOWED', `${request.method} is not served here; use ${[...allowed].sort().join(', ')}`);
  });
}
