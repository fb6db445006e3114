import type { RecordedEvent } from '@ooh/eventing';

/** One line of an entity's history: what happened, who did it in which role, when, with which evidence. */
export function historyEntry(event: RecordedEvent) {
  const data = event.data as Record<string, unknown>;
  const evidence = ['photos', 'documents']
    .flatMap((k) => (Array.isArray(data[k]) ? (data[k] as unknown[]) : []))
    .concat(((data.changes as Record<string, unknown> | undefined)?.photos as unknown[]) ?? []);
  return {
    revision: event.revision,
    type: event.type,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor,
    correlationId: event.metadata.correlationId,
    data: event.data,
    evidence,
  };
}
