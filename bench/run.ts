import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { drive, freePort, ServerProcess, type LoadResult } from './load';
import { measureAvailability, type AvailabilityResult } from './availability';
import { fillShadowsAlone, rawScan, rebuild, type ScanResult } from './rebuild';
import { rebuildWhileServing, type ServingDuringRebuild } from './rebuild-serving';
import { infraServers, measureDistributed, type DistributedResult } from './distributed';
import { atLeast, atLeastRatio, atMost, atMostRatio, ratio, table, type Row } from './table';
import { measureHandoffs, sameProcess, type HandoffResult, type HandoffSeries } from './handoffs';
import { DEV_JWT_SECRET } from '@ooh/http-kit';
import { compareEventStoresApart } from './event-store-peer';
import { measureGrowth, settleDisk } from './growth';
import { INSPECTION_PATH, platformProcess, prepareSiteInspection, runScript } from './platform-support';
import { measureSteadyMemoryApart } from './steady-memory';
import { seedLog } from './seed-log';

/*
 * npm run bench [-- --quick] [-- --infra]: every figure of the performance issue, each with the
 * reference it is compared with in the same run. The command path over HTTP (platform vs a bare
 * NestJS reference); availability queries; the event store vs @event-driven-io/emmett-sqlite;
 * growth with the log (1k / 100k / 1M events) and a 10,000-event stream; a projection rebuild vs a
 * raw scan of the same log; memory under a steady load. Prints one table, writes tmp/bench-result.json.
 */

const ROOT = join(__dirname, '../..');
const REFERENCE_MAIN = join(__dirname, 'reference-server.js');
const RESULT_FILE = join(ROOT, 'tmp/bench-result.json');

const MODES = {
  quick: { warmupSeconds: 1, seconds: 5, rebuildTimeoutMs: 120_000, rebuildEvents: 30_000, steadySeconds: 15, steadySeed: 5_000, bookings: 150, handoffs: 10 },
  full: {
    warmupSeconds: 5,
    seconds: 20,
    rebuildTimeoutMs: 600_000,
    rebuildEvents: 100_000,
    steadySeconds: 600,
    steadySeed: 100_000,
    bookings: 600,
    handoffs: 40,
  },
};
/** Inspections a second during the steady-memory run: a steady load, well under the saturation point. */
const STEADY_RATE = 200;
type Mode = (typeof MODES)[keyof typeof MODES];
const CONNECTIONS = 50;
const PATH = INSPECTION_PATH;
const SITE_ID = 'BENCH-LED-01';

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function json(res: Response, what: string): Promise<Record<string, unknown>> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** One request by hand (a clear error if the scenario is wrong), a warm-up, then the measured run. */
async function measure(
  server: ServerProcess,
  request: { headers: Record<string, string>; body: string },
  mode: Mode,
): Promise<{ warmup: LoadResult; run: LoadResult }> {
  await json(await fetch(server.url + PATH, { method: 'POST', ...request }), `${server.name}: first inspection`);
  const options = { url: server.url, method: 'POST' as const, path: PATH, ...request, connections: CONNECTIONS };
  progress(`${server.name}: warm-up ${mode.warmupSeconds} s, then ${mode.seconds} s at ${CONNECTIONS} connections`);
  const warmup = await drive({ ...options, seconds: mode.warmupSeconds });
  const run = await drive({ ...options, seconds: mode.seconds });
  return { warmup, run };
}

function failuresOf(name: string, result: LoadResult): string[] {
  if (result.non2xx + result.errors + result.timeouts === 0) return [];
  return [
    `${name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts; status codes ${JSON.stringify(result.statusCodes)}`,
    ...result.failures.map((f) => `  ${f}`),
  ];
}

function distributedRows(d: DistributedResult, embedded: LoadResult): Row[] {
  return [
    {
      figure: 'command throughput, Kafka + MongoDB-wire (ref: embedded)',
      unit: 'req/s',
      value: d.load.requestsPerSec,
      reference: embedded.requestsPerSec,
      ratio: ratio(d.load.requestsPerSec, embedded.requestsPerSec),
    },
    {
      figure: 'command latency p99, Kafka + MongoDB-wire (ref: embedded)',
      unit: 'ms',
      value: d.load.p99Ms,
      reference: embedded.p99Ms,
      ratio: ratio(d.load.p99Ms, embedded.p99Ms),
    },
    { figure: 'payment hand-off lag p50, finance -> operations read model', unit: 'ms', value: d.lagP50Ms, reference: Number.NaN, ratio: null },
    { figure: 'payment hand-off lag p99, finance -> operations read model', unit: 'ms', value: d.lagP99Ms, reference: Number.NaN, ratio: null },
    ...handoffRows(d.handoffs, 'Kafka + MongoDB-wire', 5),
  ];
}

function commandRows(platform: LoadResult, reference: LoadResult, availability: AvailabilityResult): Row[] {
  return [
    {
      figure: 'command throughput',
      unit: 'req/s',
      value: platform.requestsPerSec,
      reference: reference.requestsPerSec,
      ratio: ratio(platform.requestsPerSec, reference.requestsPerSec),
      target: atLeastRatio(0.6),
    },
    {
      figure: 'command throughput, absolute',
      unit: 'req/s',
      value: platform.requestsPerSec,
      reference: Number.NaN,
      ratio: null,
      target: atLeast(5000, 'req/s'),
    },
    { figure: 'command latency p50', unit: 'ms', value: platform.p50Ms, reference: reference.p50Ms, ratio: ratio(platform.p50Ms, reference.p50Ms) },
    {
      figure: 'command latency p99',
      unit: 'ms',
      value: platform.p99Ms,
      reference: reference.p99Ms,
      ratio: ratio(platform.p99Ms, reference.p99Ms),
      target: atMost(25, 'ms'),
    },
    { figure: 'command non-2xx', unit: 'responses', value: platform.non2xx, reference: reference.non2xx, ratio: null, target: atMost(0, '') },
    {
      figure: `availability, 1 year x ${availability.faces} faces`,
      unit: 'ms',
      value: availability.queryMs,
      reference: availability.rawReadMs,
      ratio: ratio(availability.queryMs, availability.rawReadMs),
    },
  ];
}

/** A command in one context to the other department's read model: its p99 against the command's own. */
export function handoffRows(result: HandoffResult, where: string, maxRatio: number): Row[] {
  const rows = (name: string, s: HandoffSeries): Row[] => [
    {
      figure: `hand-off ${name}, ${where}, p99 (ref: the command's own p99)`,
      unit: 'ms',
      value: s.lagP99Ms,
      reference: s.commandP99Ms,
      ratio: ratio(s.lagP99Ms, s.commandP99Ms),
      target: atMostRatio(maxRatio),
    },
    { figure: `hand-off ${name}, ${where}, p50`, unit: 'ms', value: s.lagP50Ms, reference: Number.NaN, ratio: null },
  ];
  return [...rows('booking approved -> finance receivable', result.bookingToReceivable), ...rows('plan approved -> buying campaign', result.planToBuying)];
}

function rebuildRows(rebuilt: ScanResult, filledAlone: ScanResult, scan: ScanResult, serving: ServingDuringRebuild): Row[] {
  const at = `${Math.round(rebuilt.events / 1000)}k events, 4 operations projections (ref: raw scan)`;
  const p99 = (what: 'commands' | 'reads', label: string): Row => ({
    figure: `${label} p99 during the rebuild, 25 connections (ref: the same load without it)`,
    unit: 'ms',
    value: serving.during[what].p99Ms,
    reference: serving.baseline[what].p99Ms,
    ratio: ratio(serving.during[what].p99Ms, serving.baseline[what].p99Ms),
  });
  return [
    {
      figure: `projection rebuild in shadows while serving, ${at}`,
      unit: 'events/s',
      value: serving.eventsPerSec,
      reference: scan.eventsPerSec,
      ratio: ratio(serving.eventsPerSec, scan.eventsPerSec),
      target: atLeastRatio(0.6),
    },
    {
      figure: 'the same rebuild (ref: a raw scan in a process of its own under the same load)',
      unit: 'events/s',
      value: serving.eventsPerSec,
      reference: serving.scanDuringLoad.eventsPerSec,
      ratio: ratio(serving.eventsPerSec, serving.scanDuringLoad.eventsPerSec),
    },
    {
      figure: 'projection rebuild in shadows while serving, absolute',
      unit: 'events/s',
      value: serving.eventsPerSec,
      reference: Number.NaN,
      ratio: null,
      target: atLeast(150_000, 'events/s'),
    },
    p99('commands', 'inspection commands'),
    p99('reads', 'site reads'),
    {
      figure: 'throughput of commands + reads during the rebuild (ref: without it)',
      unit: 'req/s',
      value: serving.during.commands.requestsPerSec + serving.during.reads.requestsPerSec,
      reference: serving.baseline.commands.requestsPerSec + serving.baseline.reads.requestsPerSec,
      ratio: ratio(
        serving.during.commands.requestsPerSec + serving.during.reads.requestsPerSec,
        serving.baseline.commands.requestsPerSec + serving.baseline.reads.requestsPerSec,
      ),
    },
    {
      figure: `shadows filled with nothing else running, ${at}`,
      unit: 'events/s',
      value: filledAlone.eventsPerSec,
      reference: scan.eventsPerSec,
      ratio: ratio(filledAlone.eventsPerSec, scan.eventsPerSec),
    },
    {
      figure: `catch-up from empty read models, ${at}`,
      unit: 'events/s',
      value: rebuilt.eventsPerSec,
      reference: scan.eventsPerSec,
      ratio: ratio(rebuilt.eventsPerSec, scan.eventsPerSec),
    },
  ];
}

const section = (title: string): Row => ({ figure: `-- ${title}`, unit: '', value: Number.NaN, reference: Number.NaN, ratio: null });

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, infra: { type: 'boolean', default: false } } });
  const withInfra = values.infra || !!(process.env.KAFKA_BROKERS && process.env.MONGO_URL);
  const modeName = values.quick ? 'quick' : 'full';
  const mode = MODES[modeName];
  const command = ['node', relative(process.cwd(), process.argv[1]) || process.argv[1], ...process.argv.slice(2)].join(' ');
  const work = mkdtempSync(join(tmpdir(), 'ooh-bench-'));
  const dataDir = join(work, 'data');
  const platform = platformProcess(dataDir, await freePort());
  const reference = new ServerProcess('reference', REFERENCE_MAIN, await freePort());
  let soak: ReturnType<typeof measureSteadyMemoryApart> | undefined;
  try {
    progress(`${modeName} mode; platform data in ${dataDir}`);
    await platform.start();
    const request = await prepareSiteInspection(platform.url, SITE_ID);
    const onPlatform = await measure(platform, request, mode);
    progress(`availability: seeding 500 faces and ${mode.bookings} booking requests, then querying a year`);
    const availability = await measureAvailability(platform.url, join(dataDir, 'read-models.db'), mode.bookings);
    progress(`cross-service hand-offs: ${mode.handoffs} bookings -> finance, ${mode.handoffs} plans -> buying`);
    const handoffs = await measureHandoffs(sameProcess(platform.url), DEV_JWT_SECRET, mode.handoffs);
    const platformExit = await platform.stop();
    if (platformExit !== 0) progress(`warning: the platform exited with ${platformExit} instead of 0 on SIGTERM:\n${platform.log()}`);

    await reference.start();
    const onReference = await measure(reference, request, mode);
    await reference.stop();

    progress('event store against @event-driven-io/emmett-sqlite');
    const stores = await compareEventStoresApart({ quick: values.quick!, progress });

    const rebuildLog = join(work, 'rebuild', 'events.db');
    progress(
      `projection rebuild: seeding ${mode.rebuildEvents.toLocaleString('en-US')} events, a raw scan of them, then the operations projections from scratch`,
    );
    await seedLog(rebuildLog, { totalEvents: mode.rebuildEvents });
    settleDisk();
    const scan = await rawScan(rebuildLog);
    const rebuilt = await rebuild(rebuildLog, join(work, 'rebuild', 'read-models.db'), mode.rebuildTimeoutMs);
    const filledAlone = await fillShadowsAlone(rebuildLog, join(work, 'rebuild', 'shadows-alone.db'));
    const serving = await rebuildWhileServing({
      eventsDb: rebuildLog,
      workDir: join(work, 'rebuild'),
      seconds: mode.seconds,
      warmupSeconds: mode.warmupSeconds,
      timeoutMs: mode.rebuildTimeoutMs,
      progress,
    });

    // Ten minutes of steady load cannot fit a 15-minute run after everything else: it runs in its own
    // process (its own platform on a seeded log, its own load generator) alongside section 4, whose
    // figures are all compared with references measured under the same background load. Sections 1-3
    // above ran alone.
    progress(`memory: ${mode.steadySeconds} s of steady load at ${STEADY_RATE} inspections/s, in its own process, alongside the growth section`);
    soak = measureSteadyMemoryApart({ seconds: mode.steadySeconds, rate: STEADY_RATE, seedEvents: mode.steadySeed, progress });
    // Handled at once: a failure elsewhere first must not leave it an unhandled rejection.
    soak.result.catch(() => undefined);
    // Its seeding and catch-up are not steady: what follows starts once its load does.
    await soak.ready;

    progress('growth with the log');
    const growth = await measureGrowth({ workDir: join(work, 'growth'), quick: values.quick!, progress });

    progress('waiting for the steady load to end');
    const steady = await soak.result;

    let distributed: DistributedResult | undefined;
    if (withInfra) {
      const servers = infraServers();
      try {
        distributed = await measureDistributed(
          (url, secret) => prepareSiteInspection(url, SITE_ID, true, secret),
          { ...mode, connections: CONNECTIONS, path: PATH },
          servers,
        );
      } finally {
        servers.stop();
      }
    } else {
      progress('distributed figures skipped: pass --infra (starts Kafka and FerretDB) or set KAFKA_BROKERS and MONGO_URL');
    }

    const data = [
      section('command path (issue #7, 1)'),
      ...commandRows(onPlatform.run, onReference.run, availability),
      ...handoffRows(handoffs, 'embedded', 2),
      section('event store against its peer (2)'),
      ...stores.rows,
      section('projection rebuild (3)'),
      ...rebuildRows(rebuilt, filledAlone, scan, serving),
      section('growth with the log and a long stream (4), memory (5)'),
      ...growth.rows,
      section(`memory under a steady load (5): its own platform on a ${mode.steadySeed / 1000}k-event log, alongside section 4`),
      ...steady.rows,
      ...(distributed ? [section('distributed: Kafka + MongoDB wire (FerretDB)'), ...distributedRows(distributed, onPlatform.run)] : []),
    ];
    const environment = {
      date: new Date().toISOString(),
      command,
      npmScript: process.env.npm_lifecycle_event ?? null,
      node: process.version,
      cores: cpus().length,
      mode: modeName,
      connections: CONNECTIONS,
      seconds: mode.seconds,
      eventsInLog: rebuilt.events,
    };
    const failures = [
      ...failuresOf('platform warm-up', onPlatform.warmup),
      ...failuresOf('platform', onPlatform.run),
      ...failuresOf('reference warm-up', onReference.warmup),
      ...failuresOf('reference', onReference.run),
      ...(scan.events === rebuilt.events ? [] : [`raw scan read ${scan.events} events, the rebuild ${rebuilt.events}`]),
      ...failuresOf('commands during the rebuild', serving.during.commands),
      ...failuresOf('reads during the rebuild', serving.during.reads),
      ...failuresOf('commands before the rebuild', serving.baseline.commands),
      ...failuresOf('reads before the rebuild', serving.baseline.reads),
      ...growth.details.failures,
      ...(distributed ? failuresOf('distributed', distributed.load) : []),
    ];

    console.log(table(data));
    console.log('');
    console.log(`command: ${command}${environment.npmScript ? ` (npm run ${environment.npmScript})` : ''}`);
    console.log(`node ${environment.node}, ${environment.cores} cores, ${environment.date}`);
    console.log(
      `${modeName} mode: ${CONNECTIONS} connections for ${mode.seconds} s after a ${mode.warmupSeconds} s warm-up; ` +
        `${onPlatform.run.completed} platform and ${onReference.run.completed} reference requests; ${rebuilt.events} events ` +
        `rebuilt in ${rebuilt.seconds.toFixed(2)} s, scanned in ${scan.seconds.toFixed(2)} s; load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    if (failures.length) console.log(`\nFAILED: not every request succeeded\n${failures.join('\n')}`);

    mkdirSync(dirname(RESULT_FILE), { recursive: true });
    const details = {
      platform: onPlatform.run,
      reference: onReference.run,
      rebuild: rebuilt,
      shadowsFilledAlone: filledAlone,
      rebuildWhileServing: serving,
      rawScan: scan,
      availability,
      stores: stores.details,
      growth: growth.details,
      steady: steady.details,
      distributed,
    };
    writeFileSync(RESULT_FILE, JSON.stringify({ ...environment, rows: data, failures, details }, null, 2) + '\n');
    progress(`written to ${relative(process.cwd(), RESULT_FILE)}`);
    return failures.length ? 1 : 0;
  } catch (error) {
    for (const server of [platform, reference]) if (server.log()) process.stderr.write(`--- ${server.name} log ---\n${server.log()}\n`);
    throw error;
  } finally {
    soak?.abort();
    await platform.stop();
    await reference.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

runScript(main);
