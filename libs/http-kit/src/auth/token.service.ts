import { AppError } from '@ooh/eventing';
import { JwtService } from '@nestjs/jwt';

export const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

export interface TokenClaims {
  sub: string;
  roles: string[];
}

/** HS256 bearer tokens. Only HS256 is accepted, so `alg: none` and algorithm swaps fail. */
export class TokenService {
  private readonly jwt: JwtService;
  constructor(secret: string) {
    this.jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } });
  }

  mint(claims: TokenClaims, expiresInSeconds = 12 * 3600): string {
    return this.jwt.sign({ sub: claims.sub, roles: claims.roles }, { expiresIn: expiresInSeconds });
  }

  verify(token: string): TokenClaims {
    let payload: { sub?: unknown; roles?: unknown };
    try {
      payload = this.jwt.verify(token);
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new AppError('unauthenticated', expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID', expired ? 'The token has expired' : 'The token is not valid');
    }
    if (typeof payload.sub !== 'string' || !payload.sub || !Array.isArray(payload.roles) || !payload.roles.every((r) => typeof r === 'string')) {
      throw new AppError('unauthenticated', 'TOKEN_INVALID', 'The token lacks sub or roles');
    }
    return { sub: payload.sub, roles: payload.roles as string[] };
  }
}
