import type { BackupSummary, BackupTrigger } from '@ooh/http-kit';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export const BACKUP_FORMAT = 'ooh-embedded-backup/1';
export const MANIFEST_FILE = 'manifest.json';
/** A backup being written lives under this prefix; only a complete one gets its final name. */
export const INCOMPLETE_PREFIX = '.incomplete-';

/**
 * The embedded runtime's databases, in the order they are copied: what is derived from the log or
 * answers for it before the log itself, so a restored copy never holds an effect (or a stored
 * response) whose cause is missing. Read models and bus offsets older than the log only mean work
 * that is done again (idempotently). A backup from before `idempotency.db` has no such entry: the
 * responses were inside read-models.db, and move over when the restored platform starts.
 */
export const DATABASES = [
  { name: 'read-models', file: 'read-models.db' },
  { name: 'bus', file: 'bus.db' },
  { name: 'idempotency', file: 'idempotency.db' },
  { name: 'events', file: 'events.db' },
] as const;
export type DatabaseName = (typeof DATABASES)[number]['name'];

export interface DatabaseCopy {
  name: DatabaseName;
  file: string;
  bytes: number;
  sha256: string;
}

/** Written last, into the backup's directory: its presence is what makes a backup complete. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  backupId: string;
  trigger: BackupTrigger;
  requestedBy?: string;
  startedAt: string;
  completedAt: string;
  databases: DatabaseCopy[];
  events: { eventCount: number; headPosition: number };
  blobs: { count: number; bytes: number; copied: number; linked: number; ids: string[]; damaged: string[] };
}

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`${dir} is not a backup of this platform (format ${String(manifest.format)})`);
  return manifest;
}

export function summarize(manifest: BackupManifest): BackupSummary {
  return {
    backupId: manifest.backupId,
    status: 'complete',
    trigger: manifest.trigger,
    ...(manifest.requestedBy ? { requestedBy: manifest.requestedBy } : {}),
    startedAt: manifest.startedAt,
    completedAt: manifest.completedAt,
    eventCount: manifest.events.eventCount,
    headPosition: manifest.events.headPosition,
    blobCount: manifest.blobs.count,
    damagedBlobs: manifest.blobs.damaged,
    bytes: manifest.databases.reduce((sum, d) => sum + d.bytes, 0) + manifest.blobs.bytes,
  };
}
