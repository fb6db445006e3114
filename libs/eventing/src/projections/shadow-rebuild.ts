import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { AppError } from '../errors';
import type { EventStore } from '../ports/event-store';
import type { ReadModelStore, ShadowReadModels } from '../ports/read-model-store';
import { CommittedDocuments } from './committed-documents';
import { ProjectionBatch, type Projection } from './projection';

export interface RebuildProgress {
  projection: string;
  state: 'queued' | 'rebuilding' | 'promoting' | 'done' | 'failed';
  /** Log position the shadow has reached. */
  position: number;
  /** The log's head when this phase began. */
  head: number;
  events: number;
  startedAt: string;
  finishedAt?: string;
  error?: string;
}

export interface ShadowRebuildDeps {
  store: EventStore;
  readModels: ReadModelStore;
  /**
   * Stops the live projection (its batch in hand finished) for the last catch-up and the swap;
   * resolves with the function that starts it again (from the promoted checkpoint).
   */
  pauseLive(): Promise<() => Promise<void>>;
  batchSize?: number;
  onProgress?(progress: RebuildProgress): void;
  now?: () => Date;
  /** Aborts between batches (shutdown): the shadow is discarded, the live read models untouched. */
  signal?: AbortSignal;
}

/**
 * Rebuilds a projection into a shadow generation beside its live read models while they keep serving:
 * the whole log in large batches (yielding to requests between them), the shadow's indexes built once
 * at the end, then — with the live projection paused — the events appended meanwhile, and the swap
 * (readers and the projection's checkpoint move to the shadow together). Relays, reactors and
 * consumers and their checkpoints are not touched. A failure discards the shadow; the live read
 * models stay as they were.
 */
export async function rebuildInShadow(projection: Projection, deps: ShadowRebuildDeps): Promise<RebuildProgress> {
  if (!deps.readModels.shadow) {
    throw new AppError('rule-violated', 'REBUILD_UNSUPPORTED', 'this read-model store cannot keep a shadow generation beside the live one');
  }
  const now = deps.now ?? (() => new Date());
  const batchSize = deps.batchSize ?? 5000;
  const progress: RebuildProgress = {
    projection: projection.name,
    state: 'rebuilding',
    position: 0,
    head: await deps.store.headPosition(),
    events: 0,
    startedAt: now().toISOString(),
  };
  deps.onProgress?.({ ...progress });
  const shadow: ShadowReadModels = await deps.readModels.shadow(projection.collections);
  const committed = new CommittedDocuments(10_000);
  const catchUp = async (until: number) => {
    while (progress.position < until) {
      if (deps.signal?.aborted) throw new AppError('conflict', 'REBUILD_ABORTED', `the rebuild of ${projection.name} was stopped (shutdown)`);
      const events = await deps.store.readAll({ after: progress.position, maxCount: batchSize, filter: projection.filter, until });
      const reached = events.length < batchSize ? until : events[events.length - 1].position;
      await new ProjectionBatch(shadow.store, projection, committed).apply(events, reached);
      progress.position = reached;
      progress.events += events.length;
      deps.onProgress?.({ ...progress });
      await yieldToRequests();
    }
  };
  try {
    await catchUp(progress.head);
    if (projection.indexes?.length) await shadow.store.ensureIndexes(projection.indexes);
    const resumeLive = await deps.pauseLive();
    try {
      progress.state = 'promoting';
      progress.head = await deps.store.headPosition();
      await catchUp(progress.head);
      await shadow.promote(projection.name);
    } finally {
      await resumeLive();
    }
    progress.state = 'done';
    progress.finishedAt = now().toISOString();
    deps.onProgress?.({ ...progress });
    return progress;
  } catch (error) {
    await shadow.discard().catch(() => undefined);
    progress.state = 'failed';
    progress.error = error instanceof Error ? error.message : String(error);
    progress.finishedAt = now().toISOString();
    deps.onProgress?.({ ...progress });
    throw error;
  }
}
