import { DEV_JWT_SECRET } from '../auth/token.service';
import { loadSettings, setting, settingRefused } from './settings';

/** The platform's own settings, read and validated once at start; each context declares its own (see contextSettings). */
export interface PlatformConfig {
  port: number;
  host: string;
  dataDir: string;
  jwtSecret: string;
  usingDevSecret: boolean;
  /** The operator's time zone: local dates, weeks and months of every context. */
  timeZone: string;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  logLevel: string;
  /** Requests a minute per caller before 429 (0 turns the limiter off). */
  rateLimitPerMinute: number;
  /** How often scheduled jobs (deadlines, periodic checks) run. */
  schedulerIntervalMs: number;
}

const PLATFORM_SETTINGS = {
  PORT: setting.int(3000, 0, 65535),
  HOST: setting.text('127.0.0.1'),
  DATA_DIR: setting.text('./data'),
  JWT_SECRET: setting.optionalText(),
  TIME_ZONE: setting.timeZone('Asia/Shanghai'),
  BODY_LIMIT_BYTES: setting.int(1024 * 1024, 1024, 64 * 1024 * 1024),
  UPLOAD_LIMIT_BYTES: setting.int(20 * 1024 * 1024, 1024, 512 * 1024 * 1024),
  LOG_LEVEL: setting.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  RATE_LIMIT_PER_MINUTE: setting.int(3000, 0, 10_000_000),
  SCHEDULER_INTERVAL_MS: setting.int(60_000, 100, 24 * 3600 * 1000),
};

export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  return loadSettings(PLATFORM_SETTINGS, env, (s) => {
    const jwtSecret = s.JWT_SECRET ?? DEV_JWT_SECRET;
    if (jwtSecret.length < 32) throw settingRefused('JWT_SECRET', 'must be at least 32 characters');
    return {
      port: s.PORT,
      host: s.HOST,
      dataDir: s.DATA_DIR,
      jwtSecret,
      usingDevSecret: jwtSecret === DEV_JWT_SECRET,
      timeZone: s.TIME_ZONE,
      bodyLimitBytes: s.BODY_LIMIT_BYTES,
      uploadLimitBytes: s.UPLOAD_LIMIT_BYTES,
      logLevel: s.LOG_LEVEL,
      rateLimitPerMinute: s.RATE_LIMIT_PER_MINUTE,
      schedulerIntervalMs: s.SCHEDULER_INTERVAL_MS,
    };
  });
}
