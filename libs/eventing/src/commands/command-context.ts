import type { Actor } from '../actor';
import type { RecordedEvent } from '../envelope';
import { deterministicId } from '../ids';
import type { IntegrationMessage } from '../ports/message-bus';

/**
 * Everything about a command that is not its data: who issues it, when, why (correlation and
 * causation) and, for commands derived from an event, a message or a schedule, the deterministic ids
 * of the events it may produce (so a replay or a second run appends nothing new).
 */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId?: string;
  /**
   * A person's command on an existing document continues the business flow that created it: its
   * events carry the stream's first correlation id (the request stays their causation), so a flow
   * keeps one correlation id from the first request to the last settlement, across services.
   */
  continuesFlow?: boolean;
  /** When the command is decided; the binder's clock when absent. Becomes the command's `at`. */
  at?: string;
  /** When the fact happened in the world, when that is not `at` (e.g. an inspection's performedAt). */
  occurredAt?: string;
  /** A revision the caller pinned (HTTP If-Match). Stale → 412, never retried. */
  expectedRevision?: number;
  /** Deterministic event ids for commands derived from other events or schedules. */
  eventIds?: (index: number) => string;
}

const idsFrom =
  (...key: string[]) =>
  (index: number) =>
    deterministicId(...key, String(index));

/** The one set of constructors for a command's context. */
export const commandContext = {
  /** A person's request: the verified actor, the request id as correlation, If-Match when pinned. */
  fromRequest(actor: Actor, requestId: string, expectedRevision?: number): CommandContext {
    return {
      actor,
      correlationId: requestId,
      causationId: requestId,
      continuesFlow: true,
      ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    };
  },

  /** A reactor's command: caused by `event`, same correlation; ids derived from the event and `key`. */
  fromEvent(event: RecordedEvent, options: { actor?: Actor; key?: string[] } = {}): CommandContext {
    return {
      actor: options.actor ?? event.metadata.actor,
      correlationId: event.metadata.correlationId,
      causationId: event.eventId,
      eventIds: idsFrom(event.eventId, ...(options.key ?? [])),
    };
  },

  /** A consumer's command: caused by another context's integration message, ids derived from it. */
  fromMessage(message: IntegrationMessage, actor: Actor, key: string[] = []): CommandContext {
    return { actor, correlationId: message.correlationId, causationId: message.messageId, eventIds: idsFrom(message.messageId, ...key) };
  },

  /** A scheduled job's command: the same `key` (what it is about and for which deadline) always gives the same ids. */
  fromSchedule(actor: Actor, now: Date, ...key: string[]): CommandContext {
    return { actor, at: now.toISOString(), correlationId: deterministicId(...key), eventIds: idsFrom(...key) };
  },

  /** A command a handler issues on another stream as part of the same work (e.g. holding a face for a booking). */
  derived(parent: CommandContext, ...key: string[]): CommandContext {
    return { actor: parent.actor, at: parent.at, correlationId: parent.correlationId, causationId: parent.causationId, eventIds: idsFrom(...key) };
  },
};
