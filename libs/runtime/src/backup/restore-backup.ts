import { FsBlobStore } from '@ooh/adapter-fs-blob';
import { eventLogSummary, integrityCheck } from '@ooh/adapter-sqlite';
import { copyFile, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileSha256, readManifest, type BackupManifest } from './backup-manifest';

export interface RestoreOptions {
  /** A complete backup's directory. */
  from: string;
  /** A data directory that does not exist yet, or is empty. */
  to: string;
  /** Leave the read models out: the platform rebuilds them (and their checkpoints) from the log on start. */
  rebuildReadModels?: boolean;
}

export interface RestoreReport {
  backupId: string;
  dataDir: string;
  eventCount: number;
  headPosition: number;
  blobsVerified: number;
  /** Blobs already damaged when the backup was taken (not in it): recover them from their source. */
  damagedBeforeBackup: string[];
  readModels: 'restored' | 'rebuilt from the log on start';
  checks: string[];
}

/** A restore that found the backup unusable: nothing was written to the data directory. */
export class RestoreRefused extends Error {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 20).join('; ');
    super(`restore refused: ${shown}${problems.length > 20 ? `; and ${problems.length - 20} more` : ''}`);
    this.name = 'RestoreRefused';
  }
}

/**
 * Restores a backup into a fresh data directory and verifies it before anything may start on it:
 * each database file's sha256 against the manifest and SQLite's integrity check, the log's event
 * count and head position, every blob's sha256. The copy is assembled beside the target and only
 * renamed into place once every check passed.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const from = resolve(options.from);
  const to = resolve(options.to);
  const manifest = await readManifest(from).catch((error: unknown) => {
    throw new RestoreRefused([`${from} holds no complete backup (${error instanceof Error ? error.message : String(error)})`]);
  });
  const existing = await readdir(to).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
  if (existing && existing.length > 0) throw new RestoreRefused([`${to} is not empty: restore into a fresh data directory`]);

  const staging = `${to}.restoring-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const problems: string[] = [];
    const checks: string[] = [];
    await restoreDatabases(manifest, from, staging, options.rebuildReadModels ?? false, problems, checks);
    const blobsVerified = await restoreBlobs(manifest, from, staging, problems);
    checks.push(`${blobsVerified} of ${manifest.blobs.ids.length} blobs match their sha256`);
    if (problems.length > 0) throw new RestoreRefused(problems);
    await writeFile(
      join(staging, 'restored-from.json'),
      JSON.stringify({ backupId: manifest.backupId, backupStartedAt: manifest.startedAt, from, checks }, null, 2),
    );
    if (existing) await rmdir(to);
    await rename(staging, to);
    return {
      backupId: manifest.backupId,
      dataDir: to,
      eventCount: manifest.events.eventCount,
      headPosition: manifest.events.headPosition,
      blobsVerified,
      damagedBeforeBackup: manifest.blobs.damaged,
      readModels: options.rebuildReadModels ? 'rebuilt from the log on start' : 'restored',
      checks,
    };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function restoreDatabases(manifest: BackupManifest, from: string, staging: string, rebuild: boolean, problems: string[], checks: string[]) {
  for (const db of manifest.databases) {
    if (rebuild && db.name === 'read-models') continue;
    const copy = join(staging, db.file);
    try {
      await copyFile(join(from, db.file), copy);
    } catch {
      problems.push(`${db.file} is missing from the backup`);
      continue;
    }
    if ((await fileSha256(copy)) !== db.sha256) {
      problems.push(`${db.file} differs from the one the backup recorded (sha256)`);
      continue;
    }
    const integrity = safely(() => integrityCheck(copy));
    if (integrity !== 'ok') {
      problems.push(`${db.file} fails SQLite's integrity check: ${integrity}`);
      continue;
    }
    checks.push(`${db.file}: sha256 and integrity check ok`);
    if (db.name === 'events') {
      const found = eventLogSummary(copy);
      const expected = manifest.events;
      if (found.eventCount !== expected.eventCount || found.headPosition !== expected.headPosition) {
        problems.push(
          `events.db holds ${found.eventCount} events up to position ${found.headPosition}; the backup recorded ${expected.eventCount} up to ${expected.headPosition}`,
        );
      } else checks.push(`event log: ${found.eventCount} events, head position ${found.headPosition}`);
    }
  }
}

async function restoreBlobs(manifest: BackupManifest, from: string, staging: string, problems: string[]): Promise<number> {
  const source = new FsBlobStore(join(from, 'blobs'));
  const target = new FsBlobStore(join(staging, 'blobs'));
  await mkdir(join(staging, 'blobs'));
  let verified = 0;
  for (const id of manifest.blobs.ids) {
    const copied = await source.copyTo(id, target).then(
      () => true,
      () => false,
    );
    if (!copied) problems.push(`blob ${id} is missing from the backup`);
    else if (!(await target.verify(id))) problems.push(`blob ${id} does not match its sha256`);
    else verified += 1;
  }
  return verified;
}

function safely(check: () => string): string {
  try {
    return check();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
