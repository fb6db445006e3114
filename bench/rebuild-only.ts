import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runScript } from './platform-support';
import { fillShadowsAlone, rawScan } from './rebuild';
import { rebuildWhileServing } from './rebuild-serving';
import { seedLog } from './seed-log';

/**
 * Section 3 alone, to compare ways of rebuilding in one sitting:
 * `npm run -s bench:rebuild -- [--events 30000] [--seconds 5] [--projections a,b]`.
 */
runScript(async () => {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '30000' }, seconds: { type: 'string', default: '5' }, projections: { type: 'string' } },
  });
  const work = mkdtempSync(join(tmpdir(), 'bench-rebuild-'));
  try {
    const log = join(work, 'events.db');
    await seedLog(log, { totalEvents: Number(values.events) });
    const scan = await rawScan(log);
    const alone = await fillShadowsAlone(log, join(work, 'alone.db'));
    const result = await rebuildWhileServing({
      eventsDb: log,
      workDir: work,
      seconds: Number(values.seconds),
      warmupSeconds: 1,
      timeoutMs: 600_000,
      projections: values.projections?.split(','),
      progress: (line) => process.stderr.write(`[bench] ${line}\n`),
    });
    const load = (x: { requestsPerSec: number; p99Ms: number; non2xx: number }) =>
      `${x.requestsPerSec.toFixed(0)} req/s, p99 ${x.p99Ms} ms, ${x.non2xx} non-2xx`;
    const rate = (r: { commands: { requestsPerSec: number }; reads: { requestsPerSec: number } }) => r.commands.requestsPerSec + r.reads.requestsPerSec;
    console.log(`log ${result.logEvents} events; raw scan ${scan.eventsPerSec.toFixed(0)} events/s`);
    console.log(
      `rebuild in shadows while serving: ${result.eventsPerSec.toFixed(0)} events/s (${(result.eventsPerSec / scan.eventsPerSec).toFixed(3)}x the scan), ${result.rebuildSeconds.toFixed(2)} s`,
    );
    console.log(
      `shadows filled with nothing else running: ${alone.eventsPerSec.toFixed(0)} events/s (${(alone.eventsPerSec / scan.eventsPerSec).toFixed(3)}x the scan)`,
    );
    console.log(
      `raw scan under the same load, in a process of its own: ${result.scanDuringLoad.eventsPerSec.toFixed(0)} events/s; the rebuild ${(result.eventsPerSec / result.scanDuringLoad.eventsPerSec).toFixed(3)}x that`,
    );
    console.log(`without the rebuild: commands ${load(result.baseline.commands)}; reads ${load(result.baseline.reads)}`);
    console.log(`during the rebuild:  commands ${load(result.during.commands)}; reads ${load(result.during.reads)}`);
    console.log(`requests/s during / without: ${(rate(result.during) / rate(result.baseline)).toFixed(2)}x`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
