import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A successful response body with a numeric `revision` (a command result or one aggregate's view) gets
 * `ETag: "<revision>"`. A Fastify preSerialization hook: it sees the body object before it is
 * serialized, at no cost to routes that return none.
 */
export function etagHook(_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void): void {
  const revision = (payload as { revision?: unknown } | null)?.revision;
  if (reply.statusCode < 300 && typeof revision === 'number' && revision >= 0 && !reply.hasHeader('etag')) void reply.header('ETag', `"${revision}"`);
  done(null, payload);
}
