import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from './load';
import { heapUsedMiB, INSPECTION_PATH, platformProcess, prepareSiteInspection, rssMiB, runScript, waitUntilCaughtUp } from './platform-support';
import { seedLog } from './seed-log';
import { atLeastRatio, atMost, atMostRatio, ratio, table, type Row } from './table';

/*
 * Memory under a steady, fixed-rate load: does the platform's RSS settle, or keep growing? RSS is
 * read from /proc/<pid>/status once a second into a preallocated array (this process allocates
 * next to nothing while it runs for minutes); V8 heap in use from GET /metrics at three points.
 */

export interface SteadyMemoryOptions {
  url: string;
  pid: number;
  seconds: number;
  /** Requests per second across all connections (autocannon overallRate). */
  rate: number;
  progress: (message: string) => void;
  request: { method?: 'POST' | 'GET'; path?: string; headers: Record<string, string>; body?: string };
}

export interface SteadyMemoryResult {
  seconds: number;
  rate: number;
  /** The first seconds of load (a tenth of the run, at least 2 s): JIT, heap and caches settle. */
  warmupSeconds: number;
  rssIdleMiB: number;
  rssStartMiB: number;
  rssMiddleMiB: number;
  rssEndMiB: number;
  rssMaxMiB: number;
  heapStartMiB: number;
  heapMiddleMiB: number;
  heapEndMiB: number;
  /** The same, of the subscriptions thread (a V8 isolate of its own). */
  threadHeapStartMiB: number;
  threadHeapEndMiB: number;
  /** RSS once a second from the start of the load, MiB. */
  rssPerSecond: number[];
  completed: number;
  requestsPerSec: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function measureSteadyMemory(options: SteadyMemoryOptions): Promise<{ rows: Row[]; details: SteadyMemoryResult }> {
  const { url, pid, seconds, rate, progress } = options;
  const warmupSeconds = Math.max(2, Math.round(seconds / 10));
  const middle = Math.round(seconds / 2);
  const rss = new Float64Array(seconds + 1).fill(Number.NaN);
  const heap = { start: Number.NaN, middle: Number.NaN, threadStart: Number.NaN };
  const THREAD_HEAP = 'subscriptions_thread_heap_used_bytes';
  const rssIdleMiB = rssMiB(pid);
  let tick = 0;
  const sampler = setInterval(() => {
    tick += 1;
    if (tick <= seconds) rss[tick] = rssMiB(pid);
    if (tick === warmupSeconds) void heapUsedMiB(url).then((v) => (heap.start = v));
    if (tick === warmupSeconds) void heapUsedMiB(url, THREAD_HEAP).then((v) => (heap.threadStart = v));
    if (tick === middle) void heapUsedMiB(url).then((v) => (heap.middle = v));
    if (tick % 60 === 0) progress(`steady load: ${tick} / ${seconds} s, RSS ${rss[Math.min(tick, seconds)].toFixed(0)} MiB`);
  }, 1000);
  rss[0] = rssIdleMiB;
  progress(`steady load: ${rate} req/s for ${seconds} s; RSS idle ${rssIdleMiB.toFixed(0)} MiB`);
  let result: autocannon.Result;
  try {
    result = await autocannon({
      url,
      connections: Math.max(1, Math.min(10, rate)),
      overallRate: rate,
      duration: seconds,
      timeout: 10,
      requests: [
        {
          method: options.request.method ?? 'POST',
          path: options.request.path ?? INSPECTION_PATH,
          headers: options.request.headers,
          body: options.request.body,
        },
      ],
    });
  } finally {
    clearInterval(sampler);
  }
  const heapEndMiB = await heapUsedMiB(url);
  const threadHeapEndMiB = await heapUsedMiB(url, THREAD_HEAP);
  const rssEndMiB = rssMiB(pid);
  const sampled = Array.from(rss.subarray(1)).filter((v) => !Number.isNaN(v));
  // The maximum once warmed up: the first seconds still carry the garbage of a catch-up.
  const steadySamples = sampled.slice(warmupSeconds - 1);
  const details: SteadyMemoryResult = {
    seconds,
    rate,
    warmupSeconds,
    rssIdleMiB,
    rssStartMiB: rss[warmupSeconds],
    rssMiddleMiB: rss[middle],
    rssEndMiB,
    rssMaxMiB: Math.max(rssEndMiB, ...steadySamples),
    heapStartMiB: heap.start,
    heapMiddleMiB: heap.middle,
    heapEndMiB,
    threadHeapStartMiB: heap.threadStart,
    threadHeapEndMiB,
    rssPerSecond: sampled.map((v) => Math.round(v * 10) / 10),
    completed: result.requests.total,
    requestsPerSec: result.requests.total / result.duration,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  return { rows: steadyRows(details), details };
}

export function steadyRows(d: SteadyMemoryResult): Row[] {
  const after = `ref: after ${d.warmupSeconds} s`;
  const row = (figure: string, unit: string, value: number, reference: number, target?: Row['target']): Row => ({
    figure,
    unit,
    value,
    reference,
    ratio: Number.isNaN(reference) ? null : ratio(value, reference),
    target,
  });
  return [
    row(`platform RSS after ${d.seconds} s at ${d.rate} req/s (${after})`, 'MiB', d.rssEndMiB, d.rssStartMiB, atMostRatio(1.2)),
    row(`platform RSS at ${Math.round(d.seconds / 2)} s (${after})`, 'MiB', d.rssMiddleMiB, d.rssStartMiB),
    row(`platform RSS max after the warm-up (${after})`, 'MiB', d.rssMaxMiB, d.rssStartMiB),
    row(`platform heap used at the end, request thread (${after})`, 'MiB', d.heapEndMiB, d.heapStartMiB),
    row(`platform heap used at the end, subscriptions thread (${after})`, 'MiB', d.threadHeapEndMiB, d.threadHeapStartMiB),
    row('steady load achieved (ref: asked)', 'req/s', d.requestsPerSec, d.rate, atLeastRatio(0.95)),
    row('steady load p99', 'ms', d.p99Ms, Number.NaN),
    row('steady load non-2xx, errors and timeouts', 'responses', d.non2xx + d.errors + d.timeouts, Number.NaN, atMost(0, '')),
  ];
}

/** Printed by the process of its own when its platform has caught up and the load begins. */
const READY = 'platform caught up with the seeded log';

/**
 * The same in a process of its own (a fresh platform and its own load generator), so that the ten
 * minutes can run while the benchmark measures other things; resolves when it has finished.
 */
export function measureSteadyMemoryApart(options: { seconds: number; rate: number; seedEvents: number; progress(msg: string): void }): {
  /** Resolves when its platform has caught up with the seeded log: the steady part begins. */
  ready: Promise<void>;
  result: Promise<{ rows: Row[]; details: SteadyMemoryResult }>;
  /** Ends it early (the benchmark failed elsewhere): SIGINT, so that it stops its platform too. */
  abort(): void;
} {
  const args = [__filename, '--json', '--seconds', String(options.seconds), '--rate', String(options.rate), '--seed', String(options.seedEvents)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const result = new Promise<{ rows: Row[]; details: SteadyMemoryResult }>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      chunk
        .toString()
        .split('\n')
        .filter((line) => line.startsWith('[steady'))
        .forEach((line) => options.progress(line));
      if (err.includes(READY)) markReady();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      markReady();
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`the steady-load run exited with ${code}:\n${err.slice(-4000)}`));
      const details = JSON.parse(last) as SteadyMemoryResult;
      resolve({ rows: steadyRows(details), details });
    });
  });
  return { ready, result, abort: () => child.exitCode === null && child.kill('SIGINT') };
}

/**
 * node dist/bench/steady-memory.js [--quick] [--seconds N] [--rate R] [--seed N] [--json]: a platform
 * on a log seeded with N events (caught up before the load: its page caches full, as in service, so
 * that their filling up is not taken for growth), then the steady load.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      rate: { type: 'string', default: '200' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.seconds ?? (values.quick ? 20 : 600));
  // Exiting (rather than dying of the signal) runs the handler that stops the platform process.
  process.once('SIGINT', () => process.exit(130));
  const progress = (message: string) => process.stderr.write(`[steady ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  const work = mkdtempSync(join(tmpdir(), 'ooh-steady-'));
  const dataDir = join(work, 'data');
  const seedEvents = Number(values.seed ?? (values.quick ? 10_000 : 100_000));
  if (seedEvents > 0) {
    const seeded = await seedLog(join(dataDir, 'events.db'), { totalEvents: seedEvents, blobDir: join(dataDir, 'blobs') });
    progress(`seeded ${seeded.appended.toLocaleString('en-US')} events in ${seeded.seconds.toFixed(1)} s`);
  }
  const server = platformProcess(dataDir, await freePort());
  try {
    await server.start(120_000);
    await waitUntilCaughtUp(server.url, 600_000);
    progress(READY);
    const request = await prepareSiteInspection(server.url, 'BENCH-LED-01');
    const { rows, details } = await measureSteadyMemory({ url: server.url, pid: server.pid!, seconds, rate: Number(values.rate), progress, request });
    if (values.json) {
      process.stdout.write(`\n${JSON.stringify(details)}\n`);
      return 0;
    }
    console.log(table(rows));
    console.log(
      `\nRSS idle ${details.rssIdleMiB.toFixed(0)} MiB; ${details.completed} requests; heap used ${details.heapStartMiB.toFixed(0)} -> ${details.heapMiddleMiB.toFixed(0)} -> ${details.heapEndMiB.toFixed(0)} MiB`,
    );
    return rows.every((r) => !r.target || r.target.pass(r)) ? 0 : 1;
  } catch (error) {
    process.stderr.write(`--- platform log ---\n${server.log()}\n`);
    throw error;
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runScript(main);
}
