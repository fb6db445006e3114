import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { invalid } from '@ooh/eventing';
import type { FastifyRequest } from 'fastify';

/** The stream revision a client pinned with `If-Match: "<revision>"`; undefined when absent or `*`. */
export function ifMatchRevision(raw: string | string[] | undefined): number | undefined {
  if (raw === undefined || raw === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(String(raw).trim());
  if (!match)
    throw invalid('INVALID_IF_MATCH', 'If-Match must be an ETag this API returned, e.g. "3"', [{ field: 'If-Match', message: 'not a revision ETag' }]);
  return Number(match[1]);
}

export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined =>
  ifMatchRevision(ctx.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);
