import { AppError } from '@ooh/eventing';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';

export const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

export interface TokenClaims {
  sub: string;
  roles: string[];
}

/**
 * HS256 bearer tokens. Only HS256 is accepted, so `alg: none` and algorithm swaps fail. Verified
 * tokens are cached (bounded, until they expire): verifying is on every request's path.
 */
export class TokenService {
  private readonly verifier: (token: string) => Record<string, unknown>;
  private readonly secret: string;

  constructor(secret: string) {
    this.secret = secret;
    this.verifier = createVerifier({ key: secret, algorithms: ['HS256'], cache: 10_000, cacheTTL: 600_000, clockTolerance: 5_000 });
  }

  mint(claims: TokenClaims, expiresInSeconds = 12 * 3600): string {
    return createSigner({ key: this.secret, algorithm: 'HS256', expiresIn: expiresInSeconds * 1000 })({ sub: claims.sub, roles: claims.roles });
  }

  verify(token: string): TokenClaims {
    let payload: { sub?: unknown; roles?: unknown };
    try {
      payload = this.verifier(token);
    } catch (e) {
      const expired = e instanceof TokenError && e.code === TokenError.codes.expired;
      throw new AppError('unauthenticated', expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID', expired ? 'The token has expired' : 'The token is not valid');
    }
    if (typeof payload.sub !== 'string' || !payload.sub || !Array.isArray(payload.roles) || !payload.roles.every((r) => typeof r === 'string')) {
      throw new AppError('unauthenticated', 'TOKEN_INVALID', 'The token lacks sub or roles');
    }
    return { sub: payload.sub, roles: payload.roles as string[] };
  }
}
