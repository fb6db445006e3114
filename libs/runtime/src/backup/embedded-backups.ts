import { FsBlobStore } from '@ooh/adapter-fs-blob';
import { eventLogSummary, type OnlineBackupOptions } from '@ooh/adapter-sqlite';
import { AppError, crashPoint, systemClock, type Clock } from '@ooh/eventing';
import type { BackupOperator, BackupStatus, BackupSummary, BackupTrigger } from '@ooh/http-kit';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BACKUP_FORMAT,
  DATABASES,
  fileSha256,
  fileSize,
  INCOMPLETE_PREFIX,
  MANIFEST_FILE,
  readManifest,
  summarize,
  type BackupManifest,
  type DatabaseCopy,
  type DatabaseName,
} from './backup-manifest';

export interface OnlineCopy {
  backupTo(path: string, options?: OnlineBackupOptions): Promise<void>;
}

/** The embedded runtime's stores, each copied through the connection that writes it. */
export interface BackupSources {
  databases: Record<DatabaseName, OnlineCopy>;
  blobs: FsBlobStore;
}

export interface BackupSettings {
  /** Where complete backups are kept (each in its own directory, named by its id). */
  dir: string;
  /** Complete backups kept; older ones are removed after each new one. */
  keep: number;
  /** The scheduler takes one this often (0: only when asked). */
  everyMinutes: number;
  /** SQLite pages copied per step of the online backup (the event loop runs between steps). */
  pagesPerStep?: number;
  /** How often the schedule looks whether a backup is due (default: a minute). */
  checkEveryMs?: number;
}

type Log = (level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>) => void;

/** The first scheduled backup of a runtime that never had one comes after at most this long. */
const FIRST_BACKUP_WITHIN_MINUTES = 10;

/**
 * Online backups of the embedded runtime: read models, bus and event log copied with SQLite's
 * backup API while the platform serves (derived data first, the log last), then every evidence
 * blob, hard-linked from the previous backup when it holds the same hash and verified against its
 * hash when copied. A backup is written under a temporary name and renamed once its manifest is on
 * disk, so a process killed mid-backup leaves only an incomplete directory, removed by the next run.
 */
export class EmbeddedBackups implements BackupOperator {
  private running?: { summary: BackupSummary; done: Promise<BackupManifest>; abort: AbortController };
  private lastFailure?: BackupStatus['lastFailure'];
  private timer?: NodeJS.Timeout;
  private scheduleStartedAt?: Date;
  private readonly manifests = new Map<string, BackupManifest>();

  constructor(
    private readonly sources: BackupSources,
    private readonly settings: BackupSettings,
    private readonly clock: Clock = systemClock,
    private log: Log = () => undefined,
  ) {}

  start(trigger: BackupTrigger, requestedBy?: string): BackupSummary {
    if (this.running) {
      throw new AppError('conflict', 'BACKUP_RUNNING', `backup ${this.running.summary.backupId} is still running: wait for it to complete`, [], {
        runningBackupId: this.running.summary.backupId,
      });
    }
    const startedAt = this.clock.now();
    const summary: BackupSummary = {
      backupId: `${startedAt.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`,
      status: 'running',
      trigger,
      ...(requestedBy ? { requestedBy } : {}),
      startedAt: startedAt.toISOString(),
    };
    const abort = new AbortController();
    const done = this.write(summary, abort.signal);
    this.running = { summary, done, abort };
    done.then(
      (manifest) => this.log('info', 'backup complete', { ...summarize(manifest), damagedBlobs: manifest.blobs.damaged.length }),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.lastFailure = { at: this.clock.now().toISOString(), backupId: summary.backupId, message };
        this.log('error', 'backup failed', { backupId: summary.backupId, error: message });
      },
    );
    void done.finally(() => (this.running = undefined)).catch(() => undefined);
    return summary;
  }

  /** Takes a backup and waits for it (the command line, tests). */
  async take(trigger: BackupTrigger, requestedBy?: string): Promise<BackupManifest> {
    this.start(trigger, requestedBy);
    return this.running!.done;
  }

  async list(): Promise<BackupSummary[]> {
    const complete = (await this.complete()).map(summarize);
    return this.running ? [this.running.summary, ...complete] : complete;
  }

  async get(backupId: string): Promise<BackupSummary | undefined> {
    return (await this.list()).find((b) => b.backupId === backupId);
  }

  async status(): Promise<BackupStatus> {
    const [latest] = await this.complete();
    const nextDueAt = this.nextDueAt(latest);
    return {
      dir: this.settings.dir,
      keep: this.settings.keep,
      everyMinutes: this.settings.everyMinutes,
      ...(nextDueAt ? { nextDueAt: nextDueAt.toISOString() } : {}),
      ...(this.running ? { running: this.running.summary } : {}),
      ...(latest ? { lastCompleted: summarize(latest) } : {}),
      ...(this.lastFailure ? { lastFailure: this.lastFailure } : {}),
    };
  }

  /** Takes a backup whenever one is due (`everyMinutes` after the latest began), until closed. */
  startSchedule(log?: Log): void {
    if (log) this.log = log;
    if (this.settings.everyMinutes === 0 || this.timer) return;
    this.scheduleStartedAt = this.clock.now();
    const tick = async () => {
      if (this.running) return;
      const [latest] = await this.complete();
      const due = this.nextDueAt(latest);
      if (due && this.clock.now() >= due) this.start('schedule');
    };
    this.timer = setInterval(() => void tick().catch(() => undefined), this.settings.checkEveryMs ?? 60_000);
    this.timer.unref();
  }

  /** Stops the schedule; a backup still running is abandoned (its directory removed). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.running) return;
    this.running.abort.abort();
    await this.running.done.catch(() => undefined);
  }

  private nextDueAt(latest: BackupManifest | undefined): Date | undefined {
    const every = this.settings.everyMinutes;
    if (every === 0 || !this.scheduleStartedAt) return undefined;
    if (latest) return new Date(Date.parse(latest.startedAt) + every * 60_000);
    return new Date(this.scheduleStartedAt.getTime() + Math.min(every, FIRST_BACKUP_WITHIN_MINUTES) * 60_000);
  }

  /** Complete backups, newest first. A manifest never changes once written: each is parsed once. */
  private async complete(): Promise<BackupManifest[]> {
    const names = new Set((await readdir(this.settings.dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.')));
    for (const name of this.manifests.keys()) if (!names.has(name)) this.manifests.delete(name);
    for (const name of names) {
      if (this.manifests.has(name)) continue;
      const manifest = await readManifest(join(this.settings.dir, name)).catch(() => undefined);
      if (manifest) this.manifests.set(name, manifest);
    }
    return [...this.manifests.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([, manifest]) => manifest);
  }

  private async write(summary: BackupSummary, signal: AbortSignal): Promise<BackupManifest> {
    const { dir } = this.settings;
    await mkdir(dir, { recursive: true });
    await this.removeAbandoned();
    const [previous] = await this.complete();
    const work = join(dir, `${INCOMPLETE_PREFIX}${summary.backupId}-${process.pid}`);
    await mkdir(work);
    try {
      const databases: DatabaseCopy[] = [];
      for (const { name, file } of DATABASES) {
        const path = join(work, file);
        await this.sources.databases[name].backupTo(path, { signal, pagesPerStep: this.settings.pagesPerStep });
        databases.push({ name, file, bytes: await fileSize(path), sha256: await fileSha256(path) });
      }
      const events = eventLogSummary(join(work, 'events.db'));
      const blobs = await this.copyBlobs(work, previous && join(dir, previous.backupId, 'blobs'), signal);
      crashPoint('during-backup');
      const manifest: BackupManifest = {
        format: BACKUP_FORMAT,
        backupId: summary.backupId,
        trigger: summary.trigger,
        ...(summary.requestedBy ? { requestedBy: summary.requestedBy } : {}),
        startedAt: summary.startedAt,
        completedAt: this.clock.now().toISOString(),
        databases,
        events,
        blobs,
      };
      await writeFile(join(work, MANIFEST_FILE), JSON.stringify(manifest, null, 2), { flag: 'wx' });
      await rename(work, join(dir, summary.backupId));
      await this.prune();
      return manifest;
    } catch (error) {
      await rm(work, { recursive: true, force: true });
      throw error;
    }
  }

  private async copyBlobs(work: string, previousBlobs: string | undefined, signal: AbortSignal): Promise<BackupManifest['blobs']> {
    const target = new FsBlobStore(join(work, 'blobs'));
    const previous = previousBlobs ? new FsBlobStore(previousBlobs) : undefined;
    const result: BackupManifest['blobs'] = { count: 0, bytes: 0, copied: 0, linked: 0, ids: [], damaged: [] };
    await mkdir(join(work, 'blobs'));
    for await (const id of this.sources.blobs.ids()) {
      if (signal.aborted) throw new Error('backup aborted');
      const { linked } = await this.sources.blobs.copyTo(id, target, previous);
      // A fresh copy is checked against its hash; a linked one was checked when it was first copied.
      if (!linked && !(await target.verify(id))) {
        await target.remove(id);
        result.damaged.push(id);
        continue;
      }
      result.ids.push(id);
      result.count += 1;
      result.bytes += (await target.head(id))?.size ?? 0;
      if (linked) result.linked += 1;
      else result.copied += 1;
    }
    if (result.damaged.length > 0) this.log('error', 'evidence blobs no longer match their sha256: left out of the backup', { damaged: result.damaged });
    return result;
  }

  /** Directories of backups whose process died before they completed. */
  private async removeAbandoned(): Promise<void> {
    const names = await readdir(this.settings.dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith(INCOMPLETE_PREFIX))) {
      const pid = Number(name.slice(name.lastIndexOf('-') + 1));
      if (pid !== process.pid && processAlive(pid)) continue;
      await rm(join(this.settings.dir, name), { recursive: true, force: true });
    }
  }

  private async prune(): Promise<void> {
    for (const old of (await this.complete()).slice(this.settings.keep)) {
      await rm(join(this.settings.dir, old.backupId), { recursive: true, force: true });
    }
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
