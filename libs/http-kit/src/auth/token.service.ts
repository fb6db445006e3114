import { AppError } from '@ooh/eventing';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';

export const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

export interface TokenClaims {
  sub: string;
  roles: string[];
}

/** Who issues tokens for whom, and for how long a token may be used at the most. */
export interface TokenPolicy {
  issuer: string;
  audience: string;
  /** A token older than this (from its `iat`), or issued for longer, is refused. */
  maxAgeSeconds: number;
}

export const DEFAULT_TOKEN_POLICY: TokenPolicy = { issuer: 'ooh-platform', audience: 'ooh-api', maxAgeSeconds: 24 * 3600 };

const SKEW_SECONDS = 5;
const invalidToken = (message: string) => new AppError('unauthenticated', 'TOKEN_INVALID', message);

/**
 * HS256 bearer tokens. Only HS256 is accepted, so `alg: none` and algorithm swaps fail. A token must
 * expire, carry its issue time (not in the future, not older than the policy allows) and name the
 * pinned issuer and audience. Verified signatures are cached (bounded): verifying is on every request's path.
 */
export class TokenService {
  private readonly verifier: (token: string) => Record<string, unknown>;
  private readonly secret: string;

  constructor(
    secret: string,
    private readonly policy: TokenPolicy = DEFAULT_TOKEN_POLICY,
  ) {
    this.secret = secret;
    this.verifier = createVerifier({ key: secret, algorithms: ['HS256'], cache: 10_000, cacheTTL: 600_000, clockTolerance: SKEW_SECONDS * 1000 });
  }

  mint(claims: TokenClaims, expiresInSeconds = 12 * 3600): string {
    const sign = createSigner({ key: this.secret, algorithm: 'HS256', expiresIn: expiresInSeconds * 1000, iss: this.policy.issuer, aud: this.policy.audience });
    return sign({ sub: claims.sub, roles: claims.roles });
  }

  verify(token: string): TokenClaims {
    let payload: { sub?: unknown; roles?: unknown; exp?: unknown; iat?: unknown; iss?: unknown; aud?: unknown };
    try {
      payload = this.verifier(token);
    } catch (e) {
      const expired = e instanceof TokenError && e.code === TokenError.codes.expired;
      throw new AppError('unauthenticated', expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID', expired ? 'The token has expired' : 'The token is not valid');
    }
    if (typeof payload.sub !== 'string' || !payload.sub || !Array.isArray(payload.roles) || !payload.roles.every((r) => typeof r === 'string')) {
      throw invalidToken('The token lacks sub or roles');
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number') throw invalidToken('The token has no expiry (exp)');
    if (typeof payload.iat !== 'number' || payload.iat > now + SKEW_SECONDS) throw invalidToken('The token has no issue time (iat), or one in the future');
    if (now - payload.iat > this.policy.maxAgeSeconds || payload.exp - payload.iat > this.policy.maxAgeSeconds) {
      throw invalidToken(`The token is older, or was issued for longer, than ${this.policy.maxAgeSeconds} s`);
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (payload.iss !== this.policy.issuer || !audiences.includes(this.policy.audience)) {
      throw invalidToken(`The token is not issued by ${this.policy.issuer} for ${this.policy.audience}`);
    }
    return { sub: payload.sub, roles: payload.roles as string[] };
  }
}
