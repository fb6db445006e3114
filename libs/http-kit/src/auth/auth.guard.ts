import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, forbidden } from '@ooh/eventing';
import type { FastifyRequest } from 'fastify';
import { TOKEN_SERVICE } from '../runtime/tokens';
import { PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from './auth.decorators';
import type { TokenService } from './token.service';
import { verifyCaller, type CallerRequest } from './verified-caller';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_SERVICE) private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    // Integration messages reach consumers through the bus, not HTTP: they carry no token.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest & CallerRequest>();
    // Verified once as the request arrived (registerVerifiedCaller); verified here when no hook ran.
    const caller = request.caller ?? verifyCaller(request.headers.authorization, this.tokens);
    if ('missing' in caller) throw new AppError('unauthenticated', 'TOKEN_MISSING', 'A bearer token is required');
    if ('refused' in caller) throw caller.refused;
    const claims = caller.claims;
    request.user = claims;
    const allowed = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets);
    const role = allowed?.find((r) => claims.roles.includes(r));
    if (!role) {
      throw forbidden('ROLE_NOT_ALLOWED', `This action needs one of the roles: ${(allowed ?? []).join(', ') || '(none configured)'}`);
    }
    request.actor = { userId: claims.sub, role };
    return true;
  }
}
