/** What started a backup. */
export type BackupTrigger = 'schedule' | 'operator' | 'command-line';

/** One backup, complete or still running, as an operator sees it. */
export interface BackupSummary {
  backupId: string;
  status: 'running' | 'complete';
  trigger: BackupTrigger;
  requestedBy?: string;
  startedAt: string;
  completedAt?: string;
  /** Events in the copied log and its head position: what a restore must find again. */
  eventCount?: number;
  headPosition?: number;
  blobCount?: number;
  /** Blobs whose stored bytes no longer matched their sha256 when copied: left out, to be recovered. */
  damagedBlobs?: string[];
  bytes?: number;
}

export interface BackupStatus {
  /** Where complete backups are kept, how many, and how often the scheduler takes one (0: never). */
  dir: string;
  keep: number;
  everyMinutes: number;
  nextDueAt?: string;
  running?: BackupSummary;
  lastCompleted?: BackupSummary;
  lastFailure?: { at: string; backupId: string; message: string };
}

/**
 * Backups of the embedded runtime while it serves (absent in distributed mode, where each engine is
 * backed up with its own tools: deploy/README.md).
 */
export interface BackupOperator {
  /** Starts a backup in the background; refused while one runs. */
  start(trigger: BackupTrigger, requestedBy?: string): BackupSummary;
  list(): Promise<BackupSummary[]>;
  get(backupId: string): Promise<BackupSummary | undefined>;
  status(): Promise<BackupStatus>;
}

export const BACKUPS = Symbol('BackupOperator');
