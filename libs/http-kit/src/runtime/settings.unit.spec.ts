import { contextSettings, loadSettings, setting } from './settings';
import { loadPlatformConfig } from './platform-config';

const SETTINGS = Symbol('test');
const example = contextSettings(SETTINGS, { HOURS: setting.int(8, 1, 48), NAMES: setting.list(), MODE: setting.oneOf(['a', 'b'], 'a') }, (s) => ({
  hours: s.HOURS,
  names: s.NAMES,
  mode: s.MODE,
}));

describe('settings', () => {
  it('applies defaults, parses values, ignores other variables', () => {
    expect(example.load({ env: { UNRELATED: 'x' }, overrides: {} })).toEqual({ hours: 8, names: null, mode: 'a' });
    expect(example.load({ env: { HOURS: '12', NAMES: ' tan, li ,', MODE: 'b' }, overrides: {} })).toEqual({ hours: 12, names: ['tan', 'li'], mode: 'b' });
    expect(example.load({ env: { HOURS: '' }, overrides: {} }).hours).toBe(8);
  });

  it.each([
    [{ HOURS: '0' }, 'HOURS'],
    [{ HOURS: '49' }, 'HOURS'],
    [{ HOURS: '1.5' }, 'HOURS'],
    [{ HOURS: 'soon' }, 'HOURS'],
    [{ MODE: 'c' }, 'MODE'],
  ])('refuses %j as INVALID_CONFIG naming %s', (env, field) => {
    expect(() => example.load({ env, overrides: {} })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', details: [expect.objectContaining({ field })] }),
    );
  });

  it('lets overrides of its own keys replace loaded values, and ignores the others', () => {
    expect(example.load({ env: {}, overrides: { hours: 3, rateLimitPerMinute: 0 } })).toEqual({ hours: 3, names: null, mode: 'a' });
  });

  it('loads the platform settings with the same library, naming the variable it refuses', () => {
    expect(loadPlatformConfig({ PORT: '8080', TIME_ZONE: 'Asia/Chongqing' })).toMatchObject({ port: 8080, timeZone: 'Asia/Chongqing', host: '127.0.0.1' });
    for (const [env, field] of [
      [{ TIME_ZONE: 'Mars/Olympus' }, 'TIME_ZONE'],
      [{ PORT: '70000' }, 'PORT'],
      [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ] as const) {
      expect(() => loadPlatformConfig(env)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', details: [expect.objectContaining({ field })] }));
    }
  });

  it('reports every invalid variable at once', () => {
    expect(() => loadSettings({ A: setting.int(1, 1, 2), B: setting.int(1, 1, 2) }, { A: '9', B: '9' }, (s) => s)).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'A' }), expect.objectContaining({ field: 'B' })] }),
    );
  });

  describe('10. the development secret and weak secrets are refused where they must not be', () => {
    const refused = (env: NodeJS.ProcessEnv) =>
      expect(() => loadPlatformConfig(env)).toThrow(
        expect.objectContaining({ code: 'INVALID_CONFIG', details: [expect.objectContaining({ field: 'JWT_SECRET' })] }),
      );

    it('refuses the public development secret in production or beyond loopback', () => {
      refused({ NODE_ENV: 'production' });
      refused({ HOST: '0.0.0.0' });
      refused({ NODE_ENV: 'production', HOST: '0.0.0.0' });
      expect(loadPlatformConfig({}).usingDevSecret).toBe(true);
      expect(loadPlatformConfig({ HOST: '::1' }).usingDevSecret).toBe(true);
    });

    it('refuses the example value and low-entropy secrets', () => {
      refused({ JWT_SECRET: 'change-me-to-64-random-hex-characters-openssl-rand-hex-32-0000000', HOST: '0.0.0.0' });
      refused({ JWT_SECRET: 'a'.repeat(32) });
      refused({ JWT_SECRET: 'abababababababababababababababab' });
      expect(
        loadPlatformConfig({ JWT_SECRET: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', HOST: '0.0.0.0', NODE_ENV: 'production' })
          .usingDevSecret,
      ).toBe(false);
    });

    it('pins the token issuer and audience, configurable', () => {
      expect(loadPlatformConfig({}).tokens).toEqual({ issuer: 'ooh-platform', audience: 'ooh-api', maxAgeSeconds: 86400 });
      expect(loadPlatformConfig({ JWT_ISSUER: 'sso', JWT_AUDIENCE: 'ooh', JWT_MAX_AGE_SECONDS: '3600' }).tokens).toEqual({
        issuer: 'sso',
        audience: 'ooh',
        maxAgeSeconds: 3600,
      });
    });
  });
});
