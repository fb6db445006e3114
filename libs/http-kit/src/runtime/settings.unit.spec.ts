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
});
