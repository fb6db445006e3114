import type { EventStore } from '../ports/event-store';
import type { Instrumentation } from '../ports/instrumentation';
import type { ReadModelStore } from '../ports/read-model-store';
import { startSubscription, type RunningSubscription, type SubscriptionLogger } from '../subscriptions/subscription';
import { ProjectionBatch, type Projection } from './projection';

export async function startProjection(
  projection: Projection,
  deps: { store: EventStore; readModels: ReadModelStore; logger?: SubscriptionLogger; instrumentation?: Instrumentation; batchSize?: number },
): Promise<RunningSubscription> {
  if (projection.indexes?.length) await deps.readModels.ensureIndexes(projection.indexes);
  return startSubscription({
    name: `projection:${projection.name}`,
    store: deps.store,
    filter: projection.filter,
    batchSize: deps.batchSize ?? 1000,
    logger: deps.logger,
    instrumentation: deps.instrumentation,
    loadCheckpoint: () => deps.readModels.getCheckpoint(projection.name),
    handleBatch: (events, position) => new ProjectionBatch(deps.readModels, projection).apply(events, position),
  });
}

/** Drops a projection's documents and checkpoint, so the next start rebuilds it from the log. */
export async function resetProjection(projection: Projection, readModels: ReadModelStore): Promise<void> {
  await readModels.reset(projection.collections, [projection.name]);
}
