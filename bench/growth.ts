import { execFileSync } from 'node:child_process';
import { SqliteEventStore } from '@ooh/adapter-sqlite';
import { AggregateCache, loadAggregate } from '@ooh/eventing';
import { siteDecider, siteStream } from '@ooh/operations-domain';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { drive, freePort, type LoadResult } from './load';
import {
  heapUsedMiB,
  waitUntilCaughtUp,
  INSPECTION_PATH,
  platformProcess,
  prepareSiteInspection,
  quantile,
  rssMiB,
  type InspectionRequest,
  runScript,
} from './platform-support';
import { seedLog, seedLongStream, seedSiteCount, seedSiteId, type SeedResult } from './seed-log';
import { atLeast, atMost, atMostRatio, ratio, table, type Row } from './table';

/*
 * How the command path, stream loads, projection catch-up and the platform's memory grow with the
 * size of the event log. One log grows from size to size (seedLog); at each size the platform starts
 * on it with fresh read models (catch-up from scratch: time and RSS), is restarted on the caught-up
 * read models and takes the inspection command under load; then site streams are loaded in this
 * process. Last, one site gets 10,000 events of history (seedLongStream). See bench/README.md.
 */

const MODES = {
  quick: { sizes: [1_000, 30_000], warmupSeconds: 2, seconds: 5, streamLoads: 2_000, longLoads: 30, catchUpTimeoutMs: 300_000 },
  full: { sizes: [1_000, 100_000, 1_000_000], warmupSeconds: 3, seconds: 8, streamLoads: 5_000, longLoads: 100, catchUpTimeoutMs: 900_000 },
};
type Mode = (typeof MODES)[keyof typeof MODES];
const CONNECTIONS = 50;
const RESULT_FILE = join(__dirname, '../..', 'tmp/growth-result.json');
const SITE = 'BENCH-LED-01'; // registered over HTTP: one event of history
const LONG_SITE = 'BENCH-LONG-01';
const LONG_HISTORY = 10_000;

export interface GrowthOptions {
  workDir: string;
  quick: boolean;
  progress: (message: string) => void;
  /** Override the mode's log sizes (development runs). */
  sizes?: number[];
}

interface StreamLoadResult {
  loads: number;
  medianUs: number;
  p99Us: number;
}

interface PlatformRun {
  /** Spawn to first GET /health 200. */
  bootSeconds: number;
  /** Spawn until every subscription's lag is 0 and the bus consumers have handled every message. */
  catchUpSeconds: number;
  eventsAtStart: number;
  rssPeakMiB: number;
  rssCaughtUpMiB: number;
  rssAfterLoadMiB: number;
  /** V8 heap in use (GET /metrics) when caught up, and after the load. */
  heapCaughtUpMiB: number;
  heapAfterLoadMiB: number;
  /** Per site: the first request alone, the warm-up, the measured run, and the machine's load average after it. */
  loads: Record<string, { firstMs: number; warmup: LoadResult; run: LoadResult; loadAverage: number[] }>;
}

export interface SizeResult {
  size: number;
  seed: SeedResult;
  /** The platform started on fresh read models: catch-up from scratch, no requests. */
  rebuild: PlatformRun;
  /** Events in the log / seconds from spawn to caught up (boot included). */
  catchUpEventsPerSec: number;
  /** Then restarted on those read models (caught up at once) and loaded with inspections. */
  serve: PlatformRun;
  streamLoad: StreamLoadResult;
  /** The smallest log's stream loads, measured alongside (load for load) with `streamLoad`. */
  streamLoadBaseline: StreamLoadResult;
}

export interface GrowthDetails {
  mode: 'quick' | 'full';
  sizes: SizeResult[];
  long: { seed: SeedResult; run: PlatformRun; shortStream: StreamLoadResult; longStream: StreamLoadResult; longStreamCached: StreamLoadResult };
  failures: string[];
}

const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

/**
 * Starts the platform on `dataDir`, samples its RSS every 250 ms until every subscription has caught
 * up, then loads each of `sites` in turn (one request by hand, warm-up, measured run), then stops it
 * (SIGTERM: read models and checkpoints are kept for the next start).
 */
async function runPlatform(dataDir: string, sites: string[], mode: Mode, progress: (m: string) => void): Promise<PlatformRun> {
  const server = platformProcess(dataDir, await freePort());
  const spawned = performance.now();
  const starting = server.start(mode.catchUpTimeoutMs);
  let rssPeakMiB = 0;
  const sampler = setInterval(() => {
    if (server.pid !== undefined) rssPeakMiB = Math.max(rssPeakMiB, rssMiB(server.pid) || 0);
  }, 250);
  try {
    await starting;
    const bootSeconds = (performance.now() - spawned) / 1000;
    // Caught up means the bus consumers too: the relays republish the whole log, and a backlog left in
    // the bus would be consumed during the next phase's measurement.
    const health = await waitUntilCaughtUp(server.url, Math.max(1, mode.catchUpTimeoutMs - (performance.now() - spawned)));
    const catchUpSeconds = (performance.now() - spawned) / 1000;
    clearInterval(sampler);
    const rssCaughtUpMiB = rssMiB(server.pid!);
    const heapCaughtUpMiB = await heapUsedMiB(server.url);
    rssPeakMiB = Math.max(rssPeakMiB, rssCaughtUpMiB);
    progress(
      `caught up with ${health.checks.headPosition.toLocaleString('en-US')} events in ${catchUpSeconds.toFixed(1)} s (boot ${bootSeconds.toFixed(1)} s), RSS peak ${rssPeakMiB.toFixed(0)} MiB`,
    );

    const loads: PlatformRun['loads'] = {};
    for (const siteId of sites) {
      const request = await prepareSiteInspection(server.url, siteId, siteId === SITE);
      loads[siteId] = await measureCommand(server.url, request, mode, progress);
    }
    const rssAfterLoadMiB = rssMiB(server.pid!);
    const heapAfterLoadMiB = await heapUsedMiB(server.url);
    return {
      bootSeconds,
      catchUpSeconds,
      eventsAtStart: health.checks.headPosition,
      rssPeakMiB,
      rssCaughtUpMiB,
      rssAfterLoadMiB,
      heapCaughtUpMiB,
      heapAfterLoadMiB,
      loads,
    };
  } catch (error) {
    process.stderr.write(`--- platform log ---\n${server.log()}\n`);
    throw error;
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}

async function measureCommand(url: string, request: InspectionRequest, mode: Mode, progress: (m: string) => void) {
  const started = performance.now();
  const first = await fetch(url + INSPECTION_PATH, { method: 'POST', ...request });
  if (!first.ok) throw new Error(`first inspection: HTTP ${first.status} ${await first.text()}`);
  await first.text();
  // The first command on a site after the start: its stream is loaded in full (nothing cached yet).
  const firstMs = performance.now() - started;
  const options = { url, method: 'POST' as const, path: INSPECTION_PATH, ...request, connections: CONNECTIONS };
  progress(`inspection command on ${JSON.parse(request.body).siteId}: warm-up ${mode.warmupSeconds} s, then ${mode.seconds} s at ${CONNECTIONS} connections`);
  const warmup = await drive({ ...options, seconds: mode.warmupSeconds });
  const run = await drive({ ...options, seconds: mode.seconds });
  return { firstMs, warmup, run, loadAverage: loadavg() };
}

/** `loads` loadAggregate calls (after a tenth as many unmeasured), cycling over the sites' streams, with a store of its own. */
/** Loads through the command handlers' in-memory snapshots (AggregateCache): the first load reads the stream in full, later ones only what is new. */
async function measureCachedLoads(eventsDb: string, siteId: string, loads: number): Promise<StreamLoadResult> {
  const store = new SqliteEventStore({ path: eventsDb });
  try {
    const cache = new AggregateCache(store);
    const streamId = siteStream(siteId);
    const cold = await cache.load(siteDecider, streamId);
    if (cold.state.status === 'unregistered') throw new Error(`${streamId} is empty`);
    const samples = new Float64Array(loads);
    for (let i = 0; i < loads; i++) {
      const started = process.hrtime.bigint();
      const loaded = await cache.load(siteDecider, streamId);
      samples[i] = Number(process.hrtime.bigint() - started) / 1e3;
      if (loaded.revision !== cold.revision) throw new Error(`${streamId} moved while loading`);
    }
    samples.sort();
    return { loads, medianUs: quantile(samples, 0.5), p99Us: quantile(samples, 0.99) };
  } finally {
    await store.close();
  }
}

async function measureStreamLoads(eventsDb: string, siteIds: string[], loads: number): Promise<StreamLoadResult> {
  return (await measureStreamLoadsAlongside([{ eventsDb, siteIds }], loads))[0];
}

/**
 * Loads site streams from each log in turn (one load from each, round after round), so that every log
 * meets the same background load: a microsecond figure measured minutes apart on a shared machine
 * moves more than the log's size moves it.
 */
async function measureStreamLoadsAlongside(logs: Array<{ eventsDb: string; siteIds: string[] }>, loads: number): Promise<StreamLoadResult[]> {
  const stores = logs.map((log) => new SqliteEventStore({ path: log.eventsDb }));
  try {
    const samples = logs.map(() => new Float64Array(loads));
    const warmup = Math.ceil(loads / 10);
    for (let i = 0; i < warmup + loads; i++) {
      for (let l = 0; l < logs.length; l++) {
        const streamId = siteStream(logs[l].siteIds[i % logs[l].siteIds.length]);
        const started = process.hrtime.bigint();
        const loaded = await loadAggregate(stores[l], siteDecider, streamId);
        const us = Number(process.hrtime.bigint() - started) / 1e3;
        if (loaded.state.status === 'unregistered') throw new Error(`${streamId} is empty`);
        if (i >= warmup) samples[l][i - warmup] = us;
      }
    }
    return samples.map((s) => {
      s.sort();
      return { loads, medianUs: quantile(s, 0.5), p99Us: quantile(s, 0.99) };
    });
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
}

function failuresOf(name: string, result: LoadResult): string[] {
  if (result.non2xx + result.errors + result.timeouts === 0) return [];
  return [
    `${name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts; ${JSON.stringify(result.statusCodes)}`,
    ...result.failures.map((f) => `  ${f}`),
  ];
}

/**
 * A rebuild leaves up to a gigabyte of dirty pages that the kernel writes back over the next tens of
 * seconds, slowing every fsync meanwhile: the next phase's figures would measure that writeback (a
 * 1M-event run once showed p99 308 ms against 85 ms a minute later). Flushed before measuring.
 */
export function settleDisk(): void {
  execFileSync('sync');
}

export async function measureGrowth(options: GrowthOptions): Promise<{ rows: Row[]; details: GrowthDetails }> {
  const modeName = options.quick ? 'quick' : 'full';
  const mode = MODES[modeName];
  const sizes = options.sizes ?? mode.sizes;
  const { progress } = options;
  const dataDir = join(options.workDir, 'data');
  const eventsDb = join(dataDir, 'events.db');
  const blobDir = join(dataDir, 'blobs');
  mkdirSync(dataDir, { recursive: true });
  const failures: string[] = [];
  const results: SizeResult[] = [];
  // The smallest log, kept as it was seeded: stream loads at every size are measured alongside it.
  const baseline = { eventsDb: join(options.workDir, 'baseline-events.db'), siteIds: Array.from({ length: seedSiteCount(sizes[0]) }, (_, i) => seedSiteId(i)) };

  for (const size of sizes) {
    progress(`log of ${label(size)}: seeding`);
    const seed = await seedLog(eventsDb, { totalEvents: size, blobDir, progress });
    if (size === sizes[0]) copyFileSync(eventsDb, baseline.eventsDb);
    progress(
      `seeded ${seed.appended.toLocaleString('en-US')} events in ${seed.seconds.toFixed(1)} s (${Math.round(seed.eventsPerSec).toLocaleString('en-US')} events/s), head ${seed.head.toLocaleString('en-US')}`,
    );
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `read-models.db${suffix}`), { force: true });
    progress(`log of ${label(size)}: the platform on fresh read models (rebuild)`);
    const rebuild = await runPlatform(dataDir, [], mode, progress);
    // Measured on a fresh process, so that the rebuild's garbage and dirty pages do not count against the log's size.
    progress(`log of ${label(size)}: the platform restarted, caught up`);
    settleDisk();
    const serve = await runPlatform(dataDir, [SITE], mode, progress);
    for (const [site, load] of Object.entries(serve.loads))
      failures.push(...failuresOf(`${label(size)} warm-up, ${site}`, load.warmup), ...failuresOf(`${label(size)}, ${site}`, load.run));
    const sites = Array.from({ length: seedSiteCount(size) }, (_, i) => seedSiteId(i));
    const [streamLoad, streamLoadBaseline] = await measureStreamLoadsAlongside([{ eventsDb, siteIds: sites }, baseline], mode.streamLoads);
    progress(
      `site stream loads: median ${streamLoad.medianUs.toFixed(0)} µs, p99 ${streamLoad.p99Us.toFixed(0)} µs (the ${label(sizes[0])} log alongside: ${streamLoadBaseline.medianUs.toFixed(0)} µs, ${streamLoadBaseline.p99Us.toFixed(0)} µs)`,
    );
    results.push({ size, seed, rebuild, catchUpEventsPerSec: rebuild.eventsAtStart / rebuild.catchUpSeconds, serve, streamLoad, streamLoadBaseline });
  }

  progress(`long stream: ${LONG_SITE} with ${LONG_HISTORY.toLocaleString('en-US')} events of history`);
  const longSeed = await seedLongStream(eventsDb, LONG_SITE, LONG_HISTORY, { blobDir });
  settleDisk();
  const longRun = await runPlatform(dataDir, [SITE, LONG_SITE], mode, progress);
  for (const [site, load] of Object.entries(longRun.loads))
    failures.push(...failuresOf(`long stream warm-up, ${site}`, load.warmup), ...failuresOf(`long stream, ${site}`, load.run));
  const shortStream = await measureStreamLoads(eventsDb, [SITE], mode.streamLoads);
  const longStream = await measureStreamLoads(eventsDb, [LONG_SITE], mode.longLoads);
  const longStreamCached = await measureCachedLoads(eventsDb, LONG_SITE, mode.streamLoads);
  progress(`stream load: 1 event ${shortStream.medianUs.toFixed(0)} µs, ${LONG_HISTORY} events ${longStream.medianUs.toFixed(0)} µs (medians)`);

  const details: GrowthDetails = {
    mode: modeName,
    sizes: results,
    long: { seed: longSeed, run: longRun, shortStream, longStream, longStreamCached },
    failures,
  };
  return { rows: growthRows(details), details };
}

function growthRows(d: GrowthDetails): Row[] {
  const base = d.sizes[0];
  const last = d.sizes[d.sizes.length - 1];
  const p99 = (r: PlatformRun, site = SITE) => r.loads[site].run.p99Ms;
  const rps = (r: PlatformRun, site = SITE) => r.loads[site].run.requestsPerSec;
  const row = (figure: string, unit: string, value: number, reference: number, target?: Row['target']): Row => ({
    figure,
    unit,
    value,
    reference,
    ratio: Number.isNaN(reference) ? null : ratio(value, reference),
    target,
  });
  const at = (r: SizeResult) => `log ${label(r.size)} (ref: ${label(base.size)})`;
  const rows: Row[] = [];
  for (const r of d.sizes.slice(1)) {
    rows.push(row(`inspection p99, ${at(r)}`, 'ms', p99(r.serve), p99(base.serve), atMostRatio(1.5)));
    rows.push(row(`inspection throughput, ${at(r)}`, 'req/s', rps(r.serve), rps(base.serve)));
    const alongside = `log ${label(r.size)} (ref: ${label(base.size)} log, loaded alongside)`;
    rows.push(row(`site stream load median, ${alongside}`, 'µs', r.streamLoad.medianUs, r.streamLoadBaseline.medianUs, atMostRatio(1.5)));
    rows.push(row(`site stream load p99, ${alongside}`, 'µs', r.streamLoad.p99Us, r.streamLoadBaseline.p99Us));
  }
  const long = d.long;
  rows.push(
    row(`inspection p99, log ${label(last.size)}, absolute`, 'ms', p99(last.serve), Number.NaN, atMost(25, 'ms')),
    row(
      `site stream load median, ${LONG_HISTORY.toLocaleString('en-US')}-event history (ref: 1 event)`,
      'µs',
      long.longStream.medianUs,
      long.shortStream.medianUs,
    ),
    row(
      `the same stream through the aggregate cache, warm (ref: 1 event, uncached)`,
      'µs',
      long.longStreamCached.medianUs,
      long.shortStream.medianUs,
      atMostRatio(1.5),
    ),
    row(
      `inspection p99 on a ${LONG_HISTORY.toLocaleString('en-US')}-event site (ref: 1-event site)`,
      'ms',
      p99(long.run, LONG_SITE),
      p99(long.run),
      atMostRatio(1.5),
    ),
    row(`inspection throughput on a ${LONG_HISTORY.toLocaleString('en-US')}-event site (ref: 1-event site)`, 'req/s', rps(long.run, LONG_SITE), rps(long.run)),
    row(`platform RSS after the load, ${at(last)}`, 'MiB', last.serve.rssAfterLoadMiB, base.serve.rssAfterLoadMiB),
    row(`platform RSS when the rebuild has caught up, ${at(last)}`, 'MiB', last.rebuild.rssCaughtUpMiB, base.rebuild.rssCaughtUpMiB),
    row(`platform peak RSS during the rebuild, ${at(last)}`, 'MiB', last.rebuild.rssPeakMiB, base.rebuild.rssPeakMiB),
    row(`projection catch-up (all subscriptions), log ${label(last.size)}`, 'events/s', last.catchUpEventsPerSec, Number.NaN, atLeast(150_000, 'events/s')),
  );
  return rows;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, sizes: { type: 'string' }, keep: { type: 'boolean', default: false } },
  });
  const progress = (message: string) => process.stderr.write(`[growth ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  const workDir = mkdtempSync(join(tmpdir(), 'ooh-growth-'));
  const started = performance.now();
  try {
    const sizes = values.sizes?.split(',').map((s) => Number(s.trim()));
    const { rows, details } = await measureGrowth({ workDir, quick: values.quick, progress, sizes });
    console.log(table(rows));
    console.log('');
    for (const s of details.sizes) {
      const load = s.serve.loads[SITE];
      console.log(
        `log ${label(s.size)}: seeded ${s.seed.appended.toLocaleString('en-US')} events in ${s.seed.seconds.toFixed(1)} s (${Math.round(s.seed.eventsPerSec).toLocaleString('en-US')}/s); ` +
          `rebuild: first answer after ${s.rebuild.bootSeconds.toFixed(1)} s, caught up with ${s.rebuild.eventsAtStart.toLocaleString('en-US')} events after ${s.rebuild.catchUpSeconds.toFixed(1)} s, ` +
          `RSS peak ${s.rebuild.rssPeakMiB.toFixed(0)} / caught up ${s.rebuild.rssCaughtUpMiB.toFixed(0)} MiB (heap ${s.rebuild.heapCaughtUpMiB.toFixed(0)}); ` +
          `restarted in ${s.serve.catchUpSeconds.toFixed(1)} s, ${load.run.completed} requests, p50 ${load.run.p50Ms} ms, RSS after ${s.serve.rssAfterLoadMiB.toFixed(0)} MiB (heap ${s.serve.heapAfterLoadMiB.toFixed(0)}); ` +
          `load average ${load.loadAverage.map((l) => l.toFixed(1)).join(' ')}`,
      );
    }
    const long = details.long;
    console.log(
      `long stream: ${long.seed.appended.toLocaleString('en-US')} events seeded in ${long.seed.seconds.toFixed(1)} s; platform up and caught up after ${long.run.catchUpSeconds.toFixed(1)} s; ` +
        `first inspection on ${LONG_SITE} ${long.run.loads[LONG_SITE].firstMs.toFixed(0)} ms, on ${SITE} ${long.run.loads[SITE].firstMs.toFixed(0)} ms`,
    );
    console.log(`${details.mode} mode, ${CONNECTIONS} connections, total ${((performance.now() - started) / 1000).toFixed(0)} s, node ${process.version}`);
    if (details.failures.length) console.log(`\nFAILED: not every request succeeded\n${details.failures.join('\n')}`);
    mkdirSync(dirname(RESULT_FILE), { recursive: true });
    writeFileSync(RESULT_FILE, JSON.stringify({ date: new Date().toISOString(), node: process.version, rows, details }, null, 2) + '\n');
    progress(`written to ${relative(process.cwd(), RESULT_FILE)}`);
    if (values.keep) progress(`kept ${workDir}`);
    return details.failures.length ? 1 : 0;
  } finally {
    if (!values.keep) rmSync(workDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runScript(main);
}
