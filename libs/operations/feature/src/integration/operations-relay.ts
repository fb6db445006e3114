import { faultSlaBreachedV1 } from '@ooh/contracts';
import { streamEntityId, type IntegrationMessage, type RecordedEvent } from '@ooh/eventing';
import type { FaultSlaBreached } from '@ooh/operations-domain';
import type { RelayDefinition } from '@ooh/http-kit';

function envelope(event: RecordedEvent) {
  return {
    messageId: event.eventId,
    key: streamEntityId(event.streamId),
    correlationId: event.metadata.correlationId,
    causationId: event.eventId,
    occurredAt: event.metadata.occurredAt,
  };
}

/** Which operations facts are public, and in which contract version. Everything else stays private. */
export function toIntegrationMessage(event: RecordedEvent): IntegrationMessage | undefined {
  switch (event.type) {
    case 'FaultSlaBreached': {
      const d = event.data as FaultSlaBreached['data'];
      return faultSlaBreachedV1.message(
        { faultId: d.faultId, siteId: d.siteId, severity: d.severity, slaDeadline: d.slaDeadline, detectedAt: d.detectedAt },
        envelope(event),
      );
    }
    default:
      return undefined;
  }
}

export const operationsRelay: RelayDefinition = {
  name: 'operations',
  filter: { streamPrefix: 'operations.' },
  map: toIntegrationMessage,
};
