import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@ooh/eventing';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import type { FastifyRequest } from 'fastify';

/** Who, which correlation id and which pinned revision: everything a command needs from the request. */
export interface RequestContext {
  actor: Actor;
  correlationId: string;
  expectedRevision?: number;
}

export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): Omit<RequestContext, 'expectedRevision'> => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
  if (!request.actor) throw new Error('Ctx used on a route without @Roles');
  return { actor: request.actor, correlationId: String(request.id) };
});

/** The caller, as controllers receive it; the pinned revision is added per action. */
export type CallerContext = Omit<RequestContext, 'expectedRevision'>;
