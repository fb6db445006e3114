import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { commandContext, type CommandContext } from '@ooh/eventing';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { ifMatchRevision } from './if-match';

/** The context of a command from the request: the verified actor, the request id, the If-Match revision. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
  if (!request.actor) throw new Error('Ctx used on a route without @Roles');
  return commandContext.fromRequest(request.actor, String(request.id), ifMatchRevision(request.headers['if-match']));
});
