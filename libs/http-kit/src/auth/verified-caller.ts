import { AppError } from '@ooh/eventing';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenClaims, TokenService } from './token.service';

/** The request's bearer token as verified once, when the request arrives. */
export type VerifiedCaller = { claims: TokenClaims } | { refused: AppError } | { missing: true };

/** A request the `onRequest` hook has looked at. */
export interface CallerRequest {
  caller?: VerifiedCaller;
}

export function verifyCaller(authorization: string | undefined, tokens: TokenService): VerifiedCaller {
  if (!authorization || !/^Bearer\s+\S+$/i.test(authorization)) return { missing: true };
  try {
    return { claims: tokens.verify(authorization.replace(/^Bearer\s+/i, '')) };
  } catch (error) {
    if (error instanceof AppError) return { refused: error };
    throw error;
  }
}

/** The verified claims of a request, or nothing when it has no valid token. */
export function claimsOf(request: FastifyRequest & CallerRequest): TokenClaims | undefined {
  const caller = request.caller;
  return caller && 'claims' in caller ? caller.claims : undefined;
}

/**
 * Verifies each request's token once, as it arrives (a Fastify hook, before the rate limiter): the
 * limiter's bucket, the Idempotency-Key hooks and the guard all read the same verdict.
 */
export function registerVerifiedCaller(fastify: FastifyInstance, tokens: TokenService): void {
  fastify.addHook('onRequest', (request: FastifyRequest & CallerRequest, _reply, done) => {
    request.caller = verifyCaller(request.headers.authorization, tokens);
    done();
  });
}
