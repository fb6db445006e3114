import { createHmac } from 'node:crypto';
import { DEFAULT_TOKEN_POLICY, TokenService } from './token.service';

const SECRET = 'a-secret-of-our-own-5f1c9e7d2b8a4c6e0f3d';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const sign = (payload: object, secret = SECRET) => {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
};
const now = () => Math.floor(Date.now() / 1000);
const good = () => ({ sub: 'mei', roles: ['ops-manager'], iat: now(), exp: now() + 3600, iss: 'ooh-platform', aud: 'ooh-api' });
const code = (token: string, service = new TokenService(SECRET)) => {
  try {
    service.verify(token);
    return 'OK';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('TokenService (11. tokens expire, are not from the future, and name the pinned issuer and audience)', () => {
  it('accepts what it mints, and a well-formed token of the pinned issuer for the pinned audience', () => {
    const tokens = new TokenService(SECRET);
    expect(tokens.verify(tokens.mint({ sub: 'mei', roles: ['ops-manager'] }))).toEqual({ sub: 'mei', roles: ['ops-manager'] });
    expect(code(sign(good()))).toBe('OK');
    expect(code(sign({ ...good(), aud: ['other', 'ooh-api'] }))).toBe('OK');
  });

  it.each([
    ['without exp', { exp: undefined }],
    ['issued in the future', { iat: now() + 3600, exp: now() + 7200 }],
    ['without iat', { iat: undefined }],
    ['older than the policy allows', { iat: now() - 2 * DEFAULT_TOKEN_POLICY.maxAgeSeconds, exp: now() + 60 }],
    ['issued for longer than the policy allows', { exp: now() + 2 * DEFAULT_TOKEN_POLICY.maxAgeSeconds }],
    ['of another issuer', { iss: 'someone-else' }],
    ['without an issuer', { iss: undefined }],
    ['for another audience', { aud: 'other-api' }],
  ])('refuses a token %s', (_name, change) => {
    expect(code(sign({ ...good(), ...change }))).toBe('TOKEN_INVALID');
  });

  it('still says an expired token has expired', () => {
    expect(code(sign({ ...good(), iat: now() - 7200, exp: now() - 3600 }))).toBe('TOKEN_EXPIRED');
  });

  it('follows a configured issuer, audience and age', () => {
    const service = new TokenService(SECRET, { issuer: 'agency-sso', audience: 'ooh-ops', maxAgeSeconds: 600 });
    expect(code(sign({ ...good(), iss: 'agency-sso', aud: 'ooh-ops', exp: now() + 300 }), service)).toBe('OK');
    expect(code(sign(good()), service)).toBe('TOKEN_INVALID');
  });
});
