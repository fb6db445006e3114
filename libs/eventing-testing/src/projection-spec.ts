import { ProjectionBatch, type Actor, type Projection, type RecordedEvent } from '@ooh/eventing';
import { InMemoryReadModels } from './in-memory-read-models';

/** An event as a projection spec gives it: its stream and its domain event; revision and position follow the order given. */
export interface GivenEvent {
  streamId: string;
  type: string;
  data: unknown;
  recordedAt?: string;
  occurredAt?: string;
  actor?: Actor;
}

const SPEC_ACTOR: Actor = { userId: 'spec', role: 'ops-staff' };

export function recordedEvents(given: GivenEvent[]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return given.map((g, index) => {
    const revision = (revisions.get(g.streamId) ?? -1) + 1;
    revisions.set(g.streamId, revision);
    const recordedAt = g.recordedAt ?? new Date(Date.UTC(2026, 10, 25, 0, index)).toISOString();
    return {
      eventId: `spec-event-${index + 1}`,
      streamId: g.streamId,
      type: g.type,
      data: g.data,
      revision,
      position: index + 1,
      recordedAt,
      metadata: { correlationId: 'spec', causationId: 'spec', actor: g.actor ?? SPEC_ACTOR, occurredAt: g.occurredAt ?? recordedAt, schemaVersion: 1 },
    };
  });
}

/**
 * given events → expect documents, for projections. Every spec also checks that the same events
 * delivered again (after a crash, a rebuild racing a catch-up) change nothing, and that delivering
 * them one at a time gives the same documents as one batch.
 *   await projectionSpec(p).given(...events).then({ collection: { id: doc } })
 */
export function projectionSpec(projection: Projection) {
  return {
    given(...given: GivenEvent[]) {
      const events = recordedEvents(given);
      const project = async (batches: RecordedEvent[][]) => {
        const store = new InMemoryReadModels();
        for (const batch of batches) await new ProjectionBatch(store, projection).apply(batch, batch.at(-1)?.position ?? 0);
        return store;
      };
      const snapshot = (store: InMemoryReadModels) => Object.fromEntries(projection.collections.map((c) => [c, store.collection(c)]));

      return {
        /** The documents of every collection of the projection, after the events. */
        async documents(): Promise<Record<string, Record<string, Record<string, unknown>>>> {
          const once = await project([events]);
          const result = snapshot(once);
          expect(snapshot(await project([events, events]))).toEqual(result);
          expect(snapshot(await project(events.map((e) => [e])))).toEqual(result);
          return result;
        },
        /** Exactly these documents in the collections named (other collections of the projection are not checked). */
        async then(expected: Record<string, Record<string, unknown>>): Promise<void> {
          const documents = await this.documents();
          for (const [collection, docs] of Object.entries(expected)) expect(documents[collection]).toEqual(docs);
        },
      };
    },
  };
}
