import { invalid } from '@ooh/eventing';
import { DEV_JWT_SECRET } from '../auth/token.service';

/** Configuration read and validated once at start; everything else reads this typed object. */
export interface PlatformConfig {
  port: number;
  host: string;
  dataDir: string;
  jwtSecret: string;
  usingDevSecret: boolean;
  timeZone: string;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  logLevel: string;
  /** Requests a minute per caller before 429 (0 turns the limiter off). */
  rateLimitPerMinute: number;
  sla: { minorHours: number; majorHours: number };
  schedulerIntervalMs: number;
  /** Executives who must each approve a booking's creative (internal review). */
  bookingApprovals: number;
  /** When set, exactly these executives (user ids) must each approve a booking's creative. */
  bookingReviewers: string[] | null;
  finance: {
    /** Days a client has to pay a receivable opened from a payment request. */
    paymentTermsDays: number;
    /** Payables above this also need an executive's approval (fen). */
    payableExecutiveThresholdFen: number;
    /** Expenses above this also need an executive's approval (fen). */
    expenseExecutiveThresholdFen: number;
  };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid('INVALID_CONFIG', `${name} must be an integer between ${min} and ${max}, got "${raw}"`, [{ field: name, message: 'out of range' }]);
  }
  return value;
}

export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const timeZone = env.TIME_ZONE || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw invalid('INVALID_CONFIG', `TIME_ZONE "${timeZone}" is not an IANA time zone`, [{ field: 'TIME_ZONE', message: 'unknown time zone' }]);
  }
  const jwtSecret = env.JWT_SECRET || DEV_JWT_SECRET;
  if (jwtSecret.length < 32) throw invalid('INVALID_CONFIG', 'JWT_SECRET must be at least 32 characters', [{ field: 'JWT_SECRET', message: 'too short' }]);
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: env.DATA_DIR || './data',
    jwtSecret,
    usingDevSecret: jwtSecret === DEV_JWT_SECRET,
    timeZone,
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    uploadLimitBytes: int(env, 'UPLOAD_LIMIT_BYTES', 20 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 3000, 0, 10_000_000),
    sla: { minorHours: int(env, 'SLA_MINOR_HOURS', 8, 1, 24 * 30), majorHours: int(env, 'SLA_MAJOR_HOURS', 48, 1, 24 * 30) },
    schedulerIntervalMs: int(env, 'SCHEDULER_INTERVAL_MS', 60_000, 100, 24 * 3600 * 1000),
    bookingApprovals: int(env, 'BOOKING_INTERNAL_APPROVALS', 2, 1, 10),
    finance: {
      paymentTermsDays: int(env, 'FINANCE_PAYMENT_TERMS_DAYS', 7, 0, 365),
      payableExecutiveThresholdFen: int(env, 'FINANCE_PAYABLE_EXECUTIVE_THRESHOLD_FEN', 5_000_000, 0, Number.MAX_SAFE_INTEGER),
      expenseExecutiveThresholdFen: int(env, 'FINANCE_EXPENSE_EXECUTIVE_THRESHOLD_FEN', 500_000, 0, Number.MAX_SAFE_INTEGER),
    },
    bookingReviewers: env.BOOKING_REVIEWERS ? env.BOOKING_REVIEWERS.split(',').map((u) => u.trim()).filter(Boolean) : null,
  };
}
