import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { RecordedEvent } from '../envelope';
import { crashPoint } from '../crash-points';
import { AppError } from '../errors';
import type { EventStore } from '../ports/event-store';
import type { ReadModelStore, ShadowReadModels } from '../ports/read-model-store';
import { CommittedDocuments } from './committed-documents';
import { ProjectionBatch, type Projection } from './projection';
import { ShadowFillWriter } from './shadow-fill-writer';

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

export interface ShadowFillDeps {
  store: EventStore;
  readModels: ReadModelStore;
  /** The largest batch; batches are sized to take about `sliceMs` each (of the event loop they share). */
  batchSize?: number;
  sliceMs?: number;
  onProgress?(progress: RebuildProgress): void;
  now?: () => Date;
  /** Aborts between batches (shutdown): the shadow is discarded, the live read models untouched. */
  signal?: AbortSignal;
}

export interface ShadowRebuildDeps extends ShadowFillDeps {
  /**
   * Stops the live projection (its batch in hand finished) for the last catch-up and the swap;
   * resolves with the function that starts it again (from the promoted checkpoint).
   */
  pauseLive(): Promise<() => Promise<void>>;
  /**
   * Fills the shadow elsewhere (a process beside the service, off its request thread) and says which
   * generation and how far; without it the shadow is filled here, in slices between requests.
   */
  fill?(): Promise<ShadowFilled>;
}

/** Where a fill left its shadow: the generation to attach to and the log position it reached. */
export interface ShadowFilled {
  generation: number;
  position: number;
  events: number;
}

type Progressing = RebuildProgress & { state: 'rebuilding' | 'promoting' };

/** Writes a batch of events (and the position the log was read up to) to the shadow. */
type ShadowWrite = (events: RecordedEvent[], reached: number) => Promise<void>;

/** Applies the log from the progress's position up to `until` with `write`, in batches sized to `sliceMs`. */
function replayer(projection: Projection, write: ShadowWrite, deps: ShadowFillDeps, progress: Progressing) {
  const batchSize = deps.batchSize ?? 5000;
  const sliceMs = deps.sliceMs ?? 15;
  let size = Math.min(batchSize, 500);
  return async (until: number) => {
    while (progress.position < until) {
      if (deps.signal?.aborted) throw new AppError('conflict', 'REBUILD_ABORTED', `the rebuild of ${projection.name} was stopped (shutdown)`);
      const began = performance.now();
      const events = await deps.store.readAll({ after: progress.position, maxCount: size, filter: projection.filter, until });
      const reached = events.length < size ? until : events[events.length - 1].position;
      await write(events, reached);
      const took = performance.now() - began;
      size = Math.min(batchSize, Math.max(50, Math.round(size * (sliceMs / Math.max(took, 1)))));
      progress.position = reached;
      progress.events += events.length;
      deps.onProgress?.({ ...progress });
      // Whoever shares this event loop (requests) gets a turn between batches.
      await yieldToRequests();
    }
  };
}

/** The shadow filled from empty up to `until` (see `ShadowFillWriter`), its checkpoint at the position reached. */
async function fillFromEmpty(projection: Projection, shadow: ShadowReadModels, deps: ShadowFillDeps, progress: Progressing, until: number) {
  const writer = new ShadowFillWriter(shadow.store, projection);
  await replayer(projection, (events) => writer.apply(events), deps, progress)(until);
  await writer.finish(progress.position);
  if (projection.indexes?.length) await shadow.store.ensureIndexes(projection.indexes);
  if (progress.events) crashPoint('after-shadow-fill');
}

/** The events appended since the fill, applied as a live projection applies them (redelivery-safe batches). */
function catchUp(projection: Projection, shadow: ShadowReadModels, deps: ShadowFillDeps, progress: Progressing) {
  const committed = new CommittedDocuments(10_000);
  return replayer(projection, (events, reached) => new ProjectionBatch(shadow.store, projection, committed).apply(events, reached), deps, progress);
}

function started(projection: Projection, head: number, now: () => Date): Progressing {
  return { projection: projection.name, state: 'rebuilding', position: 0, head, events: 0, startedAt: now().toISOString() };
}

function shadowOf(readModels: ReadModelStore): NonNullable<ReadModelStore['shadow']> {
  if (!readModels.shadow) {
    throw new AppError('rule-violated', 'REBUILD_UNSUPPORTED', 'this read-model store cannot keep a shadow generation beside the live one');
  }
  return readModels.shadow.bind(readModels);
}

/**
 * Phase one of a rebuild: a new shadow generation filled from the log up to its head, its indexes
 * built once at the end. The shadow stays for `rebuildInShadow` to attach to, catch up and promote
 * (it is discarded if this fails).
 */
export async function fillShadow(projection: Projection, deps: ShadowFillDeps): Promise<ShadowFilled> {
  const now = deps.now ?? (() => new Date());
  const progress = started(projection, await deps.store.headPosition(), now);
  const shadow = await shadowOf(deps.readModels)(projection.collections);
  try {
    await fillFromEmpty(projection, shadow, deps, progress, progress.head);
    return { generation: shadow.generation, position: progress.position, events: progress.events };
  } catch (error) {
    await shadow.discard().catch(() => undefined);
    throw error;
  }
}

/**
 * Rebuilds a projection into a shadow generation beside its live read models while they keep serving:
 * the whole log (here, in slices between requests, or by `fill` elsewhere), the shadow's indexes built
 * once at the end, then — with the live projection paused — the events appended meanwhile, and the swap
 * (readers and the projection's checkpoint move to the shadow together). Relays, reactors and
 * consumers and their checkpoints are not touched. A failure discards the shadow; the live read
 * models stay as they were.
 */
export async function rebuildInShadow(projection: Projection, deps: ShadowRebuildDeps): Promise<RebuildProgress> {
  const shadowing = shadowOf(deps.readModels);
  const now = deps.now ?? (() => new Date());
  const progress = started(projection, await deps.store.headPosition(), now);
  deps.onProgress?.({ ...progress });
  let shadow: ShadowReadModels | undefined;
  try {
    if (deps.fill) {
      const filled = await deps.fill();
      shadow = await shadowing(projection.collections, { generation: filled.generation });
      Object.assign(progress, { position: filled.position, events: filled.events });
      deps.onProgress?.({ ...progress });
    } else {
      shadow = await shadowing(projection.collections);
      await fillFromEmpty(projection, shadow, deps, progress, progress.head);
    }
    const resumeLive = await deps.pauseLive();
    try {
      progress.state = 'promoting';
      progress.head = await deps.store.headPosition();
      await catchUp(projection, shadow, deps, progress)(progress.head);
      await shadow.promote(projection.name);
    } finally {
      await resumeLive();
    }
    const done: RebuildProgress = { ...progress, state: 'done', finishedAt: now().toISOString() };
    deps.onProgress?.(done);
    return done;
  } catch (error) {
    await shadow?.discard().catch(() => undefined);
    const failed: RebuildProgress = {
      ...progress,
      state: 'failed',
      error: error instanceof Error ? error.message : String(error),
      finishedAt: now().toISOString(),
    };
    deps.onProgress?.(failed);
    throw error;
  }
}
