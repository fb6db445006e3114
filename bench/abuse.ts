import { DEV_JWT_SECRET, TokenService } from '@ooh/http-kit';
import { createSigner } from 'fast-jwt';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ServerProcess } from './load';
import { PLATFORM_MAIN, rssMiB } from './platform-support';

/*
 * npm run bench:abuse: the attacks of the hardening issue (items 1-3, 10, 11) against the built
 * platform, each on a platform of its own. While an attack runs, four other users keep reading a
 * page of sites; their latency and the platform's memory are compared with the same measure taken
 * just before the attack, on the same process. Prints one table, writes tmp/abuse-result.json.
 */

const SECRET = randomBytes(32).toString('hex');
const BASELINE_SECONDS = 5;
const ATTACK_SECONDS = 10;
const progress = (message: string) => process.stderr.write(`[abuse] ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Probe {
  p50: number;
  p99: number;
  max: number;
  requests: number;
  failures: number;
  peakRssMiB: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;

/**
 * Four users reading a page of sites for `seconds`, each waiting `paceMs` between requests (back to
 * back when 0), with the platform's RSS sampled meanwhile.
 */
async function probe(url: string, token: string, pid: number, seconds: number, paceMs: number): Promise<Probe> {
  const until = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  let failures = 0;
  let peakRssMiB = rssMiB(pid);
  const sampler = setInterval(() => (peakRssMiB = Math.max(peakRssMiB, rssMiB(pid))), 100);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (Date.now() < until) {
        const started = performance.now();
        const res = await fetch(`${url}/api/operations/sites?limit=50`, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
        if (res) await res.arrayBuffer();
        latencies.push(performance.now() - started);
        if (res?.status !== 200) failures += 1;
        if (paceMs > 0) await sleep(paceMs);
      }
    }),
  );
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    requests: latencies.length,
    failures,
    peakRssMiB,
  };
}

/** Runs `attack` for ATTACK_SECONDS while the other users are measured; the baseline is taken first on the same process. */
async function underAttack<T>(
  name: string,
  env: Record<string, string>,
  attack: (url: string, until: number) => Promise<T>,
  paceMs = 0,
): Promise<{ name: string; baseline: Probe; during: Probe; outcome: T }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'abuse-'));
  const server = new ServerProcess('platform', PLATFORM_MAIN, await freePort(), {
    DATA_DIR: dataDir,
    BACKUP_DIR: join(dataDir, 'backups'),
    LOG_LEVEL: 'warn',
    JWT_SECRET: SECRET,
    ...env,
  });
  await server.start();
  try {
    const tokens = new TokenService(SECRET);
    const manager = tokens.mint({ sub: 'abuse-manager', roles: ['ops-manager'] });
    for (let i = 0; i < 50; i++) {
      await fetch(`${server.url}/api/operations/sites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          siteId: `ABU-${i}`,
          city: 'Chongqing',
          station: 'North',
          location: 'Hall',
          kind: 'light-box',
          faces: ['A'],
          landlordAuthority: 'CRM',
        }),
      });
    }
    const reader = tokens.mint({ sub: 'abuse-reader', roles: ['ops-staff'] });
    progress(`${name}: baseline`);
    const baseline = await probe(server.url, reader, server.pid!, BASELINE_SECONDS, paceMs);
    progress(`${name}: attack`);
    const until = Date.now() + ATTACK_SECONDS * 1000;
    const [during, outcome] = await Promise.all([probe(server.url, reader, server.pid!, ATTACK_SECONDS, paceMs), attack(server.url, until)]);
    return { name, baseline, during, outcome };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Item 1: three attackers in a loop, each sending a 1 MB body whose array holds 340,000 empty objects. */
async function hugeArrays(url: string, until: number) {
  const tokens = new TokenService(SECRET);
  const requester = `Bearer ${tokens.mint({ sub: 'attacker', roles: ['media-manager'] })}`;
  const headers = { authorization: requester, 'content-type': 'application/json' };
  const expense = await (
    await fetch(`${url}/api/finance/expenses`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ department: 'media', category: 'office', amountFen: 100, currency: 'CNY', purpose: 'Paper' }),
    })
  ).json();
  const body = JSON.stringify({ amountFen: 100, currency: 'CNY', incurredOn: '2026-11-25', receipt: Array.from({ length: 340_000 }, () => ({})) });
  const statuses: Record<string, number> = {};
  const times: number[] = [];
  let largestAnswer = 0;
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      while (Date.now() < until) {
        const started = performance.now();
        const res = await fetch(`${url}/api/finance/expenses/${(expense as { id: string }).id}/incurred`, { method: 'POST', headers, body });
        const answer = await res.text();
        times.push(performance.now() - started);
        largestAnswer = Math.max(largestAnswer, answer.length);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { bodyBytes: body.length, statuses, attackP50Ms: percentile(times, 50), largestAnswerBytes: largestAnswer };
}

/** Item 2: 100 connections that declare a 100,000-byte body and send one byte a second. */
async function slowBodies(url: string, until: number) {
  const { hostname, port } = new URL(url);
  const openFor: number[] = [];
  await Promise.all(
    Array.from({ length: 100 }, () => {
      return new Promise<void>((resolve) => {
        const started = Date.now();
        const socket = connect(Number(port), hostname, () => {
          socket.write(`POST /api/operations/sites HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`);
        });
        const drip = setInterval(() => {
          if (Date.now() >= until) socket.destroy();
          else socket.write(' ');
        }, 1000);
        socket.on('data', () => undefined);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(drip);
          openFor.push(Date.now() - started);
          resolve();
        });
      });
    }),
  );
  openFor.sort((a, b) => a - b);
  const cutBeforeEnd = openFor.filter((ms) => ms < ATTACK_SECONDS * 1000 - 500).length;
  return { connections: openFor.length, closedByServer: cutBeforeEnd, longestOpenMs: Math.round(openFor.at(-1) ?? 0) };
}

/** Item 3: one address sending forged bearer tokens in every spelling, as fast as 20 connections go. */
async function rateLimitBypass(url: string, until: number) {
  const statuses: Record<string, number> = {};
  const spellings = (hex: string) => [`Bearer ${hex}`, `bearer ${hex}`, `BEARER  ${hex}`, `Bearer\t${hex}`];
  let health = 0;
  let healthOk = 0;
  await Promise.all([
    ...Array.from({ length: 20 }, async (_, i) => {
      for (let n = 0; Date.now() < until; n++) {
        const res = await fetch(`${url}/api/operations/sites`, { headers: { authorization: spellings(randomBytes(16).toString('hex'))[(i + n) % 4] } });
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
    (async () => {
      while (Date.now() < until) {
        health += 1;
        if ((await fetch(`${url}/health/ready`)).ok) healthOk += 1;
        await sleep(50);
      }
    })(),
  ]);
  return { statuses, healthProbes: health, healthOk };
}

/** Item 11: tokens without exp, issued in the future, for another audience or issuer, or expired, signed with the real secret. */
async function badTokens(url: string, until: number) {
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>) => createSigner({ key: SECRET, algorithm: 'HS256', noTimestamp: true })(claims);
  const base = { sub: 'mallory', roles: ['admin'], iss: 'ooh-platform', aud: 'ooh-api' };
  const forged = {
    'no exp': sign({ ...base, iat: now }),
    'iat in the future': sign({ ...base, iat: now + 3600, exp: now + 7200 }),
    'other audience': sign({ ...base, aud: 'elsewhere', iat: now, exp: now + 600 }),
    'other issuer': sign({ ...base, iss: 'someone', iat: now, exp: now + 600 }),
    expired: sign({ ...base, iat: now - 7200, exp: now - 3600 }),
    'issued for a year': sign({ ...base, iat: now, exp: now + 365 * 86400 }),
    // Item 10: an admin token signed with the public development secret, against a platform with its own.
    'signed with the development secret': new TokenService(DEV_JWT_SECRET).mint({ sub: 'mallory', roles: ['admin'] }),
  };
  const outcomes: Record<string, Record<string, number>> = {};
  const kinds = Object.entries(forged);
  await Promise.all(
    Array.from({ length: 12 }, async (_, i) => {
      for (let n = 0; Date.now() < until; n++) {
        const [kind, token] = kinds[(i + n) % kinds.length];
        const res = await fetch(`${url}/api/admin/flow`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        outcomes[kind] = outcomes[kind] ?? {};
        outcomes[kind][res.status] = (outcomes[kind][res.status] ?? 0) + 1;
      }
    }),
  );
  return outcomes;
}

/** Item 10: how the platform answers being started with a secret anyone knows (it must refuse to start). */
async function startsWith(env: Record<string, string>): Promise<{ started: boolean; exitCode: number | null; message: string }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'abuse-secret-'));
  const child = spawn(process.execPath, [PLATFORM_MAIN], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: 'pipe',
  });
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  child.stdout.on('data', (d) => (output += d));
  const exited = await Promise.race([new Promise<number | null>((r) => child.once('exit', (code) => r(code))), sleep(8000).then(() => 'running' as const)]);
  if (exited === 'running') child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  return {
    started: exited === 'running',
    exitCode: exited === 'running' ? null : exited,
    message: output.split('\n').find((l) => l.includes('cannot start')) ?? output.slice(0, 200),
  };
}

async function secrets() {
  return {
    'production, no JWT_SECRET': await startsWith({ NODE_ENV: 'production', HOST: '127.0.0.1' }),
    'HOST=0.0.0.0, no JWT_SECRET': await startsWith({ HOST: '0.0.0.0' }),
    'JWT_SECRET of deploy/*.env.example': await startsWith({ JWT_SECRET: 'change-me-to-64-random-hex-characters-openssl-rand-hex-32-0000000' }),
    'JWT_SECRET of 32 × a': await startsWith({ JWT_SECRET: 'a'.repeat(32) }),
  };
}

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');

async function main(): Promise<void> {
  const results = {
    // No rate limit where the attack is not about it: the attacker gets every request through.
    item1: await underAttack('1. 1 MB arrays of 340,000 items, 3 attackers', { RATE_LIMIT_PER_MINUTE: '0' }, hugeArrays),
    item2: await underAttack('2. 100 slow bodies (a byte a second)', { HTTP_REQUEST_TIMEOUT_MS: '3000', RATE_LIMIT_PER_MINUTE: '0' }, slowBodies),
    // The readers stay under their own limit (4 × 2 a second = 480 a minute): the attacker's address is what is limited.
    item3: await underAttack('3. forged bearer tokens, every spelling, 20 connections', { RATE_LIMIT_PER_MINUTE: '600' }, rateLimitBypass, 500),
    item11: await underAttack(
      '10, 11. tokens: without exp, from the future, for others, expired, dev-secret-signed admin',
      { RATE_LIMIT_PER_MINUTE: '0' },
      badTokens,
    ),
    item10: await secrets(),
  };
  writeFileSync(join(__dirname, '../../tmp/abuse-result.json'), JSON.stringify(results, null, 2));
  const lines = [
    '| attack | other users p50 / p99 / max (ms), before → during | p99 ratio | peak RSS (MiB), before → during | outcome |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of [results.item1, results.item2, results.item3, results.item11]) {
    const b = r.baseline;
    const d = r.during;
    lines.push(
      `| ${r.name} | ${b.p50.toFixed(1)} / ${b.p99.toFixed(1)} / ${b.max.toFixed(0)} → ${d.p50.toFixed(1)} / ${d.p99.toFixed(1)} / ${d.max.toFixed(0)} (${d.failures} failed of ${d.requests}) | ${ratio(d.p99, b.p99)} | ${b.peakRssMiB.toFixed(0)} → ${d.peakRssMiB.toFixed(0)} | ${JSON.stringify(r.outcome)} |`,
    );
  }
  for (const [how, outcome] of Object.entries(results.item10))
    lines.push(`| 10. start with ${how} | - | - | - | ${outcome.started ? 'STARTED' : `refused, exit ${outcome.exitCode}`} |`);
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
