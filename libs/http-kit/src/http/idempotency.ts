import { RouteConfig } from '@nestjs/platform-fastify';
import { AppError, invalid, type IdempotencyStore } from '@ooh/eventing';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { claimsOf } from '../auth/verified-caller';

const IDEMPOTENT_KEY = 'http:idempotent';

const KEY_FORMAT = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Marks a creating POST: an `Idempotency-Key` retry returns the first response instead of a second
 * resource. Served by Fastify hooks (`registerIdempotency`), not a Nest interceptor: an interceptor
 * on a route costs each of its requests an rxjs pipeline and async-context bindings (the inspection
 * command lost a sixth of its throughput to it).
 */
export const Idempotent = () => RouteConfig({ [IDEMPOTENT_KEY]: true });

interface Claimed {
  key: string;
  requestHash: string;
  stored?: true;
  release(): void;
}

/**
 * Idempotency-Key on `@Idempotent` routes. Before the handler (preHandler): a caller with a valid
 * token and a well-formed key waits for a request with the same key in flight, then gets the stored
 * response (if the body differs: 422 IDEMPOTENCY_KEY_REUSED); otherwise the request goes on, and its
 * 2xx answer is stored before it is sent (preSerialization). Keys are per caller (the token's
 * subject), method and route. A request without a valid token is left to the guard (401), and a
 * stored answer is replayed only to a caller still holding the role it was allowed as.
 */
export function registerIdempotency(fastify: FastifyInstance, store: IdempotencyStore): void {
  const inFlight = new Map<string, Promise<void>>();
  const claimed = new WeakMap<FastifyRequest, Claimed>();

  fastify.addHook('preHandler', async (request, reply) => {
    if (!(request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[IDEMPOTENT_KEY]) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const caller = claimsOf(request);
    if (!caller) return;
    if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
      throw invalid('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 8-128 characters of A-Z a-z 0-9 _ . : -', [
        { field: 'Idempotency-Key', message: 'invalid format' },
      ]);
    }
    const key = `${caller.sub} ${request.method} ${request.routeOptions.url ?? request.url} ${header}`;
    const requestHash = createHash('sha256')
      .update(`${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    // Concurrent retries with the same key wait for the first one instead of racing it.
    while (inFlight.has(key)) await inFlight.get(key);
    const stored = await store.get(key);
    if (stored) {
      if (stored.requestHash !== requestHash) {
        throw new AppError('rule-violated', 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body');
      }
      if (stored.role && !caller.roles.includes(stored.role)) return;
      void reply.status(stored.status).headers({ ...stored.headers, 'idempotent-replayed': 'true' });
      return reply.send(stored.body);
    }
    let done!: () => void;
    inFlight.set(key, new Promise<void>((resolve) => (done = resolve)));
    claimed.set(request, {
      key,
      requestHash,
      release: () => {
        inFlight.delete(key);
        done();
      },
    });
  });

  const keep = async (request: FastifyRequest & AuthenticatedRequest, reply: FastifyReply, body: unknown) => {
    const claim = claimed.get(request);
    if (!claim || claim.stored || reply.statusCode >= 300) return;
    claim.stored = true;
    const headers: Record<string, string> = {};
    for (const name of ['etag', 'location']) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    await store.putIfAbsent(claim.key, { status: reply.statusCode, body, headers, requestHash: claim.requestHash, role: request.actor?.role });
  };
  // A JSON body is kept as the object it was (after the ETag hook); an answer without one, on sending.
  fastify.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    await keep(request, reply, payload);
    return payload;
  });
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (payload === undefined || payload === null || payload === '') await keep(request, reply, undefined);
    return payload;
  });

  const release = async (request: FastifyRequest) => {
    claimed.get(request)?.release();
    claimed.delete(request);
  };
  fastify.addHook('onResponse', release);
  fastify.addHook('onRequestAbort', release);
}
