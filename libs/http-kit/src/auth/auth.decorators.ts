import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor } from '@ooh/eventing';
import type { Role } from './roles';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** No token needed (health, metrics, API docs). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-roles', []));

/**
 * Who may call the endpoint. The actor is recorded in the first listed role the user holds.
 * An endpoint without @Roles or @Public is refused to everyone: access is never implicit.
 */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', [...new Set(roles)]));

export interface AuthenticatedRequest {
  actor?: Actor;
  user?: { sub: string; roles: string[] };
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without @Roles');
  return actor;
});

/** Who is calling, with every role their token carries (the actor is the one role the route was allowed by). */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): { userId: string; roles: string[] } => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentCaller used on a route without @Roles');
  return { userId: user.sub, roles: [...user.roles] };
});
