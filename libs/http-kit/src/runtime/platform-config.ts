import { DEV_JWT_SECRET, type TokenPolicy } from '../auth/token.service';
import { loadSettings, setting, settingRefused } from './settings';

/** The platform's own settings, read and validated once at start; each context declares its own (see contextSettings). */
export interface PlatformConfig {
  port: number;
  host: string;
  dataDir: string;
  jwtSecret: string;
  usingDevSecret: boolean;
  /** Issuer and audience every token must name, and the longest a token may be used. */
  tokens: TokenPolicy;
  /** The operator's time zone: local dates, weeks and months of every context. */
  timeZone: string;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  logLevel: string;
  /** Requests a minute per caller before 429 (0 turns the limiter off). */
  rateLimitPerMinute: number;
  /** A request must arrive whole within this (a body trickled in byte by byte is cut off). */
  requestTimeoutMs: number;
  /** An idle connection is closed after this. */
  connectionTimeoutMs: number;
  /** Connections served at once; more are refused at the socket. */
  maxConnections: number;
  /** How often scheduled jobs (deadlines, periodic checks) run. */
  schedulerIntervalMs: number;
  /**
   * Where projections, reactors, relays, consumers and jobs run: a worker thread of their own (the
   * request thread only serves requests), or the main thread beside the requests.
   */
  subscriptionsIn: 'worker' | 'main';
}

const PLATFORM_SETTINGS = {
  PORT: setting.int(3000, 0, 65535),
  HOST: setting.text('127.0.0.1'),
  DATA_DIR: setting.text('./data'),
  JWT_SECRET: setting.optionalText(),
  JWT_ISSUER: setting.text('ooh-platform'),
  JWT_AUDIENCE: setting.text('ooh-api'),
  JWT_MAX_AGE_SECONDS: setting.int(24 * 3600, 60, 30 * 24 * 3600),
  NODE_ENV: setting.optionalText(),
  TIME_ZONE: setting.timeZone('Asia/Shanghai'),
  BODY_LIMIT_BYTES: setting.int(1024 * 1024, 1024, 64 * 1024 * 1024),
  UPLOAD_LIMIT_BYTES: setting.int(20 * 1024 * 1024, 1024, 512 * 1024 * 1024),
  LOG_LEVEL: setting.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  RATE_LIMIT_PER_MINUTE: setting.int(3000, 0, 10_000_000),
  HTTP_REQUEST_TIMEOUT_MS: setting.int(30_000, 1000, 600_000),
  HTTP_CONNECTION_TIMEOUT_MS: setting.int(60_000, 1000, 3_600_000),
  HTTP_MAX_CONNECTIONS: setting.int(1000, 1, 100_000),
  SCHEDULER_INTERVAL_MS: setting.int(60_000, 100, 24 * 3600 * 1000),
  SUBSCRIPTIONS_IN: setting.oneOf(['worker', 'main'], 'worker'),
};

/** Secrets shipped in this repository's examples: never accepted. */
const EXAMPLE_SECRETS = ['change-me-to-64-random-hex-characters-openssl-rand-hex-32-0000000', 'ci-validation-only'];

const isLoopback = (host: string) => ['127.0.0.1', '::1', 'localhost'].includes(host) || host.startsWith('127.');

/** Shannon entropy of the secret's characters, in bits: 32 × 'a' has none, 64 random hex characters about 250. */
function entropyBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / secret.length) * Math.log2(n / secret.length);
  return perChar * secret.length;
}

/**
 * The JWT secret: at least 32 characters and 128 bits of entropy; never an example value; the public
 * development secret only on loopback and outside production.
 */
function requireUsableSecret(secret: string, host: string, nodeEnv: string | undefined): void {
  if (secret === DEV_JWT_SECRET) {
    if (nodeEnv === 'production' || !isLoopback(host)) {
      throw settingRefused(
        'JWT_SECRET',
        'must be a secret of your own: the public development secret is refused in production and beyond loopback (openssl rand -hex 32)',
      );
    }
    return;
  }
  if (secret.length < 32) throw settingRefused('JWT_SECRET', 'must be at least 32 characters');
  if (EXAMPLE_SECRETS.includes(secret)) throw settingRefused('JWT_SECRET', 'is the example value of this repository: generate one (openssl rand -hex 32)');
  if (entropyBits(secret) < 128) throw settingRefused('JWT_SECRET', 'is too predictable (under 128 bits of entropy): generate one (openssl rand -hex 32)');
}

export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  return loadSettings(PLATFORM_SETTINGS, env, (s) => {
    const jwtSecret = s.JWT_SECRET ?? DEV_JWT_SECRET;
    requireUsableSecret(jwtSecret, s.HOST, s.NODE_ENV);
    return {
      port: s.PORT,
      host: s.HOST,
      dataDir: s.DATA_DIR,
      jwtSecret,
      usingDevSecret: jwtSecret === DEV_JWT_SECRET,
      tokens: { issuer: s.JWT_ISSUER, audience: s.JWT_AUDIENCE, maxAgeSeconds: s.JWT_MAX_AGE_SECONDS },
      timeZone: s.TIME_ZONE,
      bodyLimitBytes: s.BODY_LIMIT_BYTES,
      uploadLimitBytes: s.UPLOAD_LIMIT_BYTES,
      logLevel: s.LOG_LEVEL,
      rateLimitPerMinute: s.RATE_LIMIT_PER_MINUTE,
      requestTimeoutMs: s.HTTP_REQUEST_TIMEOUT_MS,
      connectionTimeoutMs: s.HTTP_CONNECTION_TIMEOUT_MS,
      maxConnections: s.HTTP_MAX_CONNECTIONS,
      schedulerIntervalMs: s.SCHEDULER_INTERVAL_MS,
      subscriptionsIn: s.SUBSCRIPTIONS_IN as PlatformConfig['subscriptionsIn'],
    };
  });
}
