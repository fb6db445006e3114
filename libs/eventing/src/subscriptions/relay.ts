import { crashPoint } from '../crash-points';
import { streamEntityId, type RecordedEvent } from '../envelope';
import type { CheckpointStore } from '../ports/checkpoint-store';
import type { EventStore, ScopedFilter } from '../ports/event-store';
import type { Instrumentation } from '../ports/instrumentation';
import type { IntegrationMessage, MessageBus } from '../ports/message-bus';
import { startSubscription, type RunningSubscription, type SubscriptionLogger } from './subscription';

/** The envelope of the integration message published for `event`: same id (consumers dedupe on it), keyed by aggregate. */
export function integrationEnvelope(event: RecordedEvent) {
  return {
    messageId: event.eventId,
    key: streamEntityId(event.streamId),
    correlationId: event.metadata.correlationId,
    // What caused the event (the request, the consumed message or the reacting event), never itself.
    causationId: event.metadata.causationId,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt,
  };
}

/** Maps a domain event to its public integration message, or undefined when it is private (a mapper that reads state may be async). */
export type IntegrationMapper = (event: RecordedEvent) => IntegrationMessage | undefined | Promise<IntegrationMessage | undefined>;

/**
 * Publishes integration messages from the event log itself (no dual write): reads what was appended
 * after its checkpoint, publishes, then moves the checkpoint. A crash in between republishes; the
 * bus and every consumer dedupe by message id.
 */
export function startRelay(deps: {
  name: string;
  store: EventStore;
  bus: MessageBus;
  checkpoints: CheckpointStore;
  filter: ScopedFilter;
  map: IntegrationMapper;
  logger?: SubscriptionLogger;
  instrumentation?: Instrumentation;
}): RunningSubscription {
  const checkpoint = `relay:${deps.name}`;
  return startSubscription({
    name: checkpoint,
    store: deps.store,
    filter: deps.filter,
    batchSize: 500,
    logger: deps.logger,
    instrumentation: deps.instrumentation,
    loadCheckpoint: () => deps.checkpoints.get(checkpoint),
    async handleBatch(events, position) {
      const messages: IntegrationMessage[] = [];
      // In log order: a mapper that folds state sees each stream's events one after the other.
      for (const event of events) {
        const message = await deps.map(event);
        if (message) messages.push(message);
      }
      if (messages.length > 0) {
        await deps.bus.publish(messages);
        crashPoint('after-publish');
      }
      await deps.checkpoints.set(checkpoint, position);
    },
  });
}

/**
 * A reactor follows its own context's log and turns some events into commands (e.g. a problem found
 * in an inspection opens a fault ticket). Effects must be idempotent: use deterministic ids derived
 * from the triggering event.
 */
export function startReactor(deps: {
  name: string;
  store: EventStore;
  checkpoints: CheckpointStore;
  filter: ScopedFilter;
  react(event: RecordedEvent): Promise<void>;
  logger?: SubscriptionLogger;
  instrumentation?: Instrumentation;
}): RunningSubscription {
  const checkpoint = `reactor:${deps.name}`;
  return startSubscription({
    name: checkpoint,
    store: deps.store,
    filter: deps.filter,
    batchSize: 100,
    logger: deps.logger,
    instrumentation: deps.instrumentation,
    loadCheckpoint: () => deps.checkpoints.get(checkpoint),
    // One checkpoint per batch (a write per event was a fifth of a rebuild's time); when a reaction
    // fails, the checkpoint moves to the event before it, so the retry does not react again to the
    // ones already done. A crash mid-batch redoes them: reactions are idempotent (deterministic ids).
    async handleBatch(events, position) {
      for (const [i, event] of events.entries()) {
        try {
          await deps.react(event);
        } catch (error) {
          if (i > 0) await deps.checkpoints.set(checkpoint, events[i - 1].position);
          throw error;
        }
      }
      await deps.checkpoints.set(checkpoint, position);
    },
  });
}
