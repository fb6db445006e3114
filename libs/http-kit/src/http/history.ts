import { evidenceIn, type RecordedEvent } from '@ooh/eventing';

/** One line of an entity's history: what happened, who did it in which role, when, with which evidence. */
export function historyEntry(event: RecordedEvent) {
  return {
    revision: event.revision,
    type: event.type,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor,
    correlationId: event.metadata.correlationId,
    data: event.data,
    evidence: evidenceIn(event.data),
  };
}
