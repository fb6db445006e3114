import { DEV_JWT_SECRET, TokenService } from '@ooh/http-kit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, ServerProcess } from './load';
import { BENCH_PHOTO } from './seed-log';

/*
 * What the growth and steady-memory benchmarks share: the built platform as a process, the
 * inspection request for a given site, and the process's resident memory.
 */

/** As in bench/run.ts: the build this file belongs to (dist/ or BUILD_OUT). */
export const PLATFORM_MAIN = join(__dirname, '../..', 'dist/apps/platform/src/main.js');
export const INSPECTION_PATH = '/api/operations/inspections';

export interface InspectionRequest {
  headers: Record<string, string>;
  body: string;
}

/** A platform to compare with another in one sitting: its environment; `MAIN=<built main.js>` runs another build (e.g. the code before a change). */
export interface Variant {
  name: string;
  env: Record<string, string>;
}

/** `NAME:KEY=VALUE,KEY=VALUE` (a `--variant` argument). */
export function parseVariant(text: string): Variant {
  const [name, settings = ''] = text.split(':');
  const env = Object.fromEntries(
    settings
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
  return { name, env };
}

/** The variant's platform (its build and settings) on `dataDir`, not yet started. */
export async function variantProcess(variant: Variant, dataDir: string): Promise<ServerProcess> {
  const { MAIN: main = PLATFORM_MAIN, ...env } = variant.env;
  return new ServerProcess(variant.name, main, await freePort(), {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    JWT_SECRET: DEV_JWT_SECRET,
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
}

export function platformProcess(dataDir: string, port: number): ServerProcess {
  return new ServerProcess('platform', PLATFORM_MAIN, port, { DATA_DIR: dataDir, LOG_LEVEL: 'warn', JWT_SECRET: DEV_JWT_SECRET, RATE_LIMIT_PER_MINUTE: '0' });
}

async function ok(res: Response, what: string, alsoFine: number[] = []): Promise<Record<string, unknown>> {
  const text = await res.text();
  if (!res.ok && !alsoFine.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * As prepareInspection in bench/run.ts, for any site and safe to repeat on the same data: registers
 * the site unless `register` is false (a 409, site already registered, is fine), uploads the bench
 * photo (content-addressed: the same blob every time), returns the inspection request. Skip the
 * registration for a seeded site to keep its stream out of the platform's cache until the first inspection.
 */
export async function prepareSiteInspection(url: string, siteId: string, register = true, secret = DEV_JWT_SECRET): Promise<InspectionRequest> {
  const tokens = new TokenService(secret);
  const manager = `Bearer ${tokens.mint({ sub: 'bench-manager', roles: ['ops-manager'] })}`;
  const staff = `Bearer ${tokens.mint({ sub: 'bench-staff', roles: ['ops-staff'] })}`;
  const site = {
    siteId,
    city: 'Chongqing',
    station: 'Chongqing North',
    location: 'South square, exit 2',
    kind: 'led-screen',
    faces: ['A', 'B'],
    landlordAuthority: 'Chengdu Railway Media, Chongqing branch',
  };
  const headers = { authorization: manager, 'content-type': 'application/json' };
  if (register) await ok(await fetch(`${url}/api/operations/sites`, { method: 'POST', headers, body: JSON.stringify(site) }), `registering ${siteId}`, [409]);
  const form = new FormData();
  form.append('file', new Blob([BENCH_PHOTO], { type: 'image/jpeg' }), 'photo.jpg');
  const photo = await ok(await fetch(`${url}/api/evidence`, { method: 'POST', headers: { authorization: staff }, body: form }), 'uploading the photo');
  const inspection = {
    siteId,
    performedAt: new Date().toISOString(), // after the registration above: no site work predates it
    checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
    photos: [{ blobId: photo.blobId }],
  };
  return { headers: { authorization: staff, 'content-type': 'application/json' }, body: JSON.stringify(inspection) };
}

/** VmRSS of a process in MiB (NaN once it is gone). */
export function rssMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** V8 heap in use, MiB, from the platform's Prometheus default metrics (NaN if not exposed). */
export async function heapUsedMiB(url: string, metric = 'nodejs_heap_size_used_bytes'): Promise<number> {
  try {
    const match = new RegExp(`^${metric}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(await (await fetch(`${url}/metrics`)).text());
    return match ? Number(match[1]) / 1024 / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The p-quantile (0..1) of already sorted values. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : Number.NaN;
}

/** Runs a benchmark's main as a script: its result is the exit code, an error is printed and exits 1. */
export function runScript(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/**
 * Resolves once `GET /health` says caught up (every log subscription at the head, every bus consumer
 * group through what was published); fails at once when a subscription reports an error, or after `timeoutMs`.
 */
export async function waitUntilCaughtUp(url: string, timeoutMs: number): Promise<Health> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as Health;
    const failing = health.checks.subscriptions.find((s) => s.error);
    if (failing) throw new Error(`subscription ${failing.name} failed: ${JSON.stringify(failing.error)}`);
    if (health.caughtUp) return health;
    if (Date.now() > until) throw new Error(`no catch-up within ${timeoutMs} ms: ${JSON.stringify(health)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface Health {
  caughtUp: boolean;
  checks: { headPosition: number; subscriptions: Array<{ name: string; lag: number; error?: unknown }>; consumers: Record<string, number> | 'unknown' };
}
