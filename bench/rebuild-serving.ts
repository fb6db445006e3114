import { DEV_JWT_SECRET, TokenService } from '@ooh/http-kit';
import { faultsProjection, inspectionsProjection, maintenanceProjection, sitesProjection } from '@ooh/operations-feature';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { drive, freePort, type LoadResult } from './load';
import { INSPECTION_PATH, platformProcess, prepareSiteInspection, waitUntilCaughtUp } from './platform-support';
import { rawScanApart, type ScanResult } from './rebuild';

const PROJECTIONS = [sitesProjection, inspectionsProjection, maintenanceProjection, faultsProjection].map((p) => p.name);
const SITE = 'BENCH-REBUILD-1';

export interface ServingDuringRebuild {
  /** Events in the log: all four projections rebuilt from it, per second of the whole rebuild, is its speed. */
  logEvents: number;
  rebuildSeconds: number;
  eventsPerSec: number;
  baseline: { commands: LoadResult; reads: LoadResult };
  during: { commands: LoadResult; reads: LoadResult };
  /** A raw scan of the same log in a process of its own under the same load: what the machine leaves for reading the log alone. */
  scanDuringLoad: ScanResult;
}

/**
 * The platform on a seeded log serves commands (inspections) and reads (a site) from 25 connections
 * each, first alone, then while an administrator rebuilds the four operations projections in shadow
 * generations (POST /api/admin/projections/rebuild): the rebuild's speed against the log's size, and
 * both p99s during it against the same load without it.
 */
export async function rebuildWhileServing(options: {
  eventsDb: string;
  workDir: string;
  seconds: number;
  warmupSeconds: number;
  timeoutMs: number;
  progress: (line: string) => void;
  /** Which projections (default the four operations projections of section 3). */
  projections?: string[];
}): Promise<ServingDuringRebuild> {
  const projections = options.projections ?? PROJECTIONS;
  const dataDir = join(options.workDir, 'serving');
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(options.eventsDb, join(dataDir, 'events.db'));
  const platform = platformProcess(dataDir, await freePort());
  await platform.start(120_000);
  try {
    options.progress('rebuild while serving: the platform catches up on the seeded log');
    await waitUntilCaughtUp(platform.url, options.timeoutMs);
    const command = await prepareSiteInspection(platform.url, SITE);
    const tokens = new TokenService(DEV_JWT_SECRET);
    const read = { headers: { authorization: `Bearer ${tokens.mint({ sub: 'bench-reader', roles: ['ops-manager'] })}` } };
    const admin = { authorization: `Bearer ${tokens.mint({ sub: 'bench-admin', roles: ['admin'] })}`, 'content-type': 'application/json' };
    const load = (seconds: number) =>
      Promise.all([
        drive({ url: platform.url, connections: 25, seconds, method: 'POST', path: INSPECTION_PATH, ...command, idempotencyKeys: true }),
        drive({ url: platform.url, connections: 25, seconds, method: 'GET', path: `/api/operations/sites/${SITE}`, ...read }),
      ]).then(([commands, reads]) => ({ commands, reads }));
    await load(options.warmupSeconds);
    const baseline = await load(options.seconds);
    await waitUntilCaughtUp(platform.url, options.timeoutMs);
    const logEvents = ((await (await fetch(`${platform.url}/health`)).json()) as { checks: { headPosition: number } }).checks.headPosition;

    options.progress(`rebuild while serving: ${projections.length} projections rebuilt in shadows under the same load`);
    const started = performance.now();
    const accepted = await fetch(`${platform.url}/api/admin/projections/rebuild`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ projections }),
    });
    if (accepted.status !== 202) throw new Error(`rebuild refused: ${accepted.status} ${await accepted.text()}`);
    const finished = (async () => {
      const states = new Map<string, string>();
      for (;;) {
        const list = (
          (await (await fetch(`${platform.url}/api/admin/projections`, { headers: admin })).json()) as {
            projections: Array<{ name: string; rebuild?: { state: string; error?: string } }>;
          }
        ).projections.filter((p) => projections.includes(p.name));
        for (const p of list) {
          const state = `${p.rebuild?.state}`;
          if (states.get(p.name) !== state) {
            states.set(p.name, state);
            options.progress(`rebuild while serving: ${((performance.now() - started) / 1000).toFixed(2)} s ${p.name} ${state}`);
          }
        }
        const failed = list.find((p) => p.rebuild?.state === 'failed');
        if (failed) throw new Error(`rebuild of ${failed.name} failed: ${failed.rebuild?.error}`);
        if (list.every((p) => p.rebuild?.state === 'done')) return (performance.now() - started) / 1000;
        if (performance.now() - started > options.timeoutMs) throw new Error('the rebuild did not finish in time');
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const [during, rebuildSeconds] = await Promise.all([load(options.seconds), finished]);
    options.progress('rebuild while serving: a raw scan of the log under the same load');
    await waitUntilCaughtUp(platform.url, options.timeoutMs);
    const [, scanDuringLoad] = await Promise.all([load(options.seconds), rawScanApart(join(dataDir, 'events.db'), logEvents)]);
    return { logEvents, rebuildSeconds, eventsPerSec: logEvents / rebuildSeconds, baseline, during, scanDuringLoad };
  } finally {
    await platform.stop();
  }
}
