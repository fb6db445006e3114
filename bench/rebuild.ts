import { SqliteEventStore, SqliteReadModelStore } from '@ooh/adapter-sqlite';
import { fillShadow, startProjection } from '@ooh/eventing';
import { faultsProjection, inspectionsProjection, maintenanceProjection, sitesProjection } from '@ooh/operations-feature';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

export interface ScanResult {
  events: number;
  seconds: number;
  eventsPerSec: number;
}

const PROJECTIONS = [sitesProjection, inspectionsProjection, maintenanceProjection, faultsProjection];

/** The reference: reads the log (up to `until`) in batches of 1000, rows parsed into events, nothing else. */
export async function rawScan(eventsDb: string, until = Number.POSITIVE_INFINITY): Promise<ScanResult> {
  const store = new SqliteEventStore({ path: eventsDb });
  try {
    const head = Math.min(until, await store.headPosition());
    const started = performance.now();
    let after = 0;
    let events = 0;
    while (after < head) {
      const batch = await store.readAll({ after, maxCount: 1000, until: head });
      if (batch.length === 0) break;
      events += batch.length;
      after = batch[batch.length - 1].position;
    }
    const seconds = (performance.now() - started) / 1000;
    return { events, seconds, eventsPerSec: events / seconds };
  } finally {
    await store.close();
  }
}

/**
 * Catch-up from scratch: every operations projection started together on an empty read-model
 * database, timed until all of them have handled the log up to its head (or `until`).
 */
export async function rebuild(eventsDb: string, readModelsDb: string, timeoutMs: number, until = Number.POSITIVE_INFINITY): Promise<ScanResult> {
  const store = new SqliteEventStore({ path: eventsDb });
  const readModels = new SqliteReadModelStore({ path: readModelsDb });
  try {
    const head = Math.min(until, await store.headPosition());
    const started = performance.now();
    const subscriptions = await Promise.all(PROJECTIONS.map((p) => startProjection(p, { store, readModels })));
    try {
      await Promise.all(subscriptions.map((s) => s.waitFor(head, timeoutMs)));
    } finally {
      await Promise.all(subscriptions.map((s) => s.stop()));
    }
    const seconds = (performance.now() - started) / 1000;
    return { events: head, seconds, eventsPerSec: head / seconds };
  } finally {
    await store.close();
    await readModels.close();
  }
}

/** The raw scan in a process of its own (`bench/raw-scan.ts`): beside a loaded platform, what reading the log alone gets of the machine. */
export async function rawScanApart(eventsDb: string, until: number): Promise<ScanResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'raw-scan.js'), eventsDb, String(until)]);
  return JSON.parse(stdout) as ScanResult;
}

/**
 * The rebuild's own work with nothing else running: each operations projection's shadow filled from
 * the log, one after the other, in this process, on a fresh read-model database (as a rebuild fills
 * them, before the swap). Events per second of the whole log.
 */
export async function fillShadowsAlone(eventsDb: string, readModelsDb: string): Promise<ScanResult> {
  const store = new SqliteEventStore({ path: eventsDb });
  const readModels = new SqliteReadModelStore({ path: readModelsDb });
  try {
    const head = await store.headPosition();
    const started = performance.now();
    for (const projection of PROJECTIONS) await fillShadow(projection, { store, readModels, batchSize: 5000, sliceMs: 10 });
    const seconds = (performance.now() - started) / 1000;
    return { events: head, seconds, eventsPerSec: head / seconds };
  } finally {
    await store.close();
    await readModels.close();
  }
}
