import type { EventStore } from '../ports/event-store';
import type { Instrumentation } from '../ports/instrumentation';
import type { ReadModelStore } from '../ports/read-model-store';
import { startSubscription, type RunningSubscription, type SubscriptionLogger } from '../subscriptions/subscription';
import { CommittedDocuments } from './committed-documents';
import { ProjectionBatch, type Projection } from './projection';

/** Documents each running projection keeps parsed between batches (those it reads, e.g. a day's count). */
const COMMITTED_DOCUMENTS = 1000;

export async function startProjection(
  projection: Projection,
  deps: {
    store: EventStore;
    readModels: ReadModelStore;
    logger?: SubscriptionLogger;
    instrumentation?: Instrumentation;
    batchSize?: number;
    /** Documents kept between batches; 0 reads every batch's documents from the store. */
    committedDocuments?: number;
  },
): Promise<RunningSubscription> {
  // No checkpoint under this name: whatever its collections hold was written by an earlier version
  // (a projection changes its name when its documents change shape), so it starts from empty ones.
  if ((await deps.readModels.getCheckpoint(projection.name)) === 0) await deps.readModels.reset(projection.collections, [projection.name]);
  if (projection.indexes?.length) await deps.readModels.ensureIndexes(projection.indexes);
  const committed = new CommittedDocuments(deps.committedDocuments ?? COMMITTED_DOCUMENTS);
  return startSubscription({
    name: `projection:${projection.name}`,
    store: deps.store,
    filter: projection.filter,
    batchSize: deps.batchSize ?? 1000,
    logger: deps.logger,
    instrumentation: deps.instrumentation,
    loadCheckpoint: () => deps.readModels.getCheckpoint(projection.name),
    handleBatch: (events, position) => new ProjectionBatch(deps.readModels, projection, committed).apply(events, position),
  });
}

/** Drops a projection's documents and checkpoint, so the next start rebuilds it from the log. */
export async function resetProjection(projection: Projection, readModels: ReadModelStore): Promise<void> {
  await readModels.reset(projection.collections, [projection.name]);
}
