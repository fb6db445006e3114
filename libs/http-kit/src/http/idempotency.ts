import {
  applyDecorators,
  Inject,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, invalid, type IdempotencyStore } from '@ooh/eventing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { IDEMPOTENCY } from '../runtime/tokens';

const IDEMPOTENT_KEY = 'http:idempotent';

const KEY_FORMAT = /^[A-Za-z0-9_.:-]{8,128}$/;

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(IDEMPOTENCY) private readonly store: IdempotencyStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(IDEMPOTENT_KEY, context.getHandler())) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
      throw invalid('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 8-128 characters of A-Z a-z 0-9 _ . : -', [
        { field: 'Idempotency-Key', message: 'invalid format' },
      ]);
    }
    const key = `${request.user?.sub ?? 'anonymous'} ${request.method} ${request.routeOptions.url ?? request.url} ${header}`;
    const requestHash = createHash('sha256')
      .update(`${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    return from(this.run(key, requestHash, reply, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }

  private async run(key: string, requestHash: string, reply: FastifyReply, execute: () => Promise<unknown>): Promise<unknown> {
    // Concurrent retries with the same key wait for the first one instead of racing it.
    while (this.inFlight.has(key)) await this.inFlight.get(key)!.catch(() => undefined);
    const stored = await this.store.get(key);
    if (stored) return this.replay(stored, requestHash, reply);
    const work = (async () => {
      const body = await execute();
      const headers: Record<string, string> = {};
      for (const name of ['etag', 'location']) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      await this.store.putIfAbsent(key, { status: reply.statusCode, body, headers, requestHash });
      return body;
    })();
    this.inFlight.set(key, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private replay(stored: { status: number; body: unknown; headers: Record<string, string>; requestHash: string }, requestHash: string, reply: FastifyReply) {
    if (stored.requestHash !== requestHash) {
      throw new AppError('rule-violated', 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body');
    }
    void reply.status(stored.status).headers({ ...stored.headers, 'idempotent-replayed': 'true' });
    return stored.body;
  }
}

/**
 * Marks a creating POST: an `Idempotency-Key` retry returns the first response instead of a second
 * resource. The interceptor is bound to these routes only: every global interceptor costs each request
 * of every route an rxjs pipeline and async-context bindings.
 */
export const Idempotent = () => applyDecorators(SetMetadata(IDEMPOTENT_KEY, true), UseInterceptors(IdempotencyInterceptor));
