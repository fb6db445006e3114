import {
  ANY,
  ErrorType,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  isCommandError,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { AppError, streamCategory, type EventMetadata, type ExpectedRevision, type LogFilter, type NewEvent, type RecordedEvent } from '@ooh/eventing';

/*
 * The pure half of the EventStoreDB adapter: positions, filters, envelopes, expected revisions and the
 * connection string. Nothing here talks to a server, so all of it is covered by the unit spec.
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The port's global position is the $all commit position as a number. Every event appended through gRPC
 * is its own committed prepare, so its commit and prepare positions are equal and unique; a byte offset
 * in the transaction log stays below 2^53 (8 PiB), and above that we refuse rather than round.
 */
export function toLogPosition(commit: bigint): number {
  if (commit < 0n) throw new Error(`EventStoreDB returned a negative $all position (${commit})`);
  if (commit > MAX_SAFE) {
    throw new Error(`EventStoreDB $all position ${commit} is above 2^53-1: it cannot be represented as a numeric checkpoint`);
  }
  return Number(commit);
}

/**
 * The ESDB position to read or subscribe from for a numeric position. 0 (and anything below) is the start
 * of the log. A number only names a valid place in the log when it is the position of a record (an event
 * or a checkpoint the server sent); callers that may hold another number resolve it first (see
 * `EventStoreDbEventStore.resolveStart`).
 */
export function toEsdbPosition(position: number): ReadPosition {
  if (!Number.isSafeInteger(position)) throw new AppError('invalid', 'INVALID_POSITION', `not a log position: ${position}`);
  if (position <= 0) return START;
  const p = BigInt(position);
  return { commit: p, prepare: p };
}

export function samePosition(a: Position, b: Position): boolean {
  return a.commit === b.commit && a.prepare === b.prepare;
}

/** `$`-prefixed streams and event types belong to the server (stats, projections, metadata, links). */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

// ---------------------------------------------------------------------------------------------------
// Filters

export interface ServerFilter {
  filterOn: 'streamName' | 'eventType';
  /** A .NET regular expression the server matches against the stream name or the event type. */
  regex: string;
}

export interface CompiledFilter {
  /** Exactly the port's (and the SQLite adapter's) semantics; always false for system events. */
  matches(streamId: string, type: string): boolean;
  /**
   * The one server-side filter a subscription can carry. It selects a superset of `matches` (the
   * client-side test has the last word): the stream filter when there is one, else the type filter,
   * else "no system streams".
   */
  server: ServerFilter;
}

/** Escapes a literal for a regular expression (the same metacharacters in .NET and JavaScript). */
export function escapeRegex(literal: string): string {
  return literal.replace(/[\\^$.|?*+()[\]{}-]/g, '\\$&');
}

export function compileFilter(filter: LogFilter = {}): CompiledFilter {
  const categories = filter.categories?.length ? filter.categories : undefined;
  const prefix = filter.streamPrefix || undefined;
  const types = filter.eventTypes?.length ? filter.eventTypes : undefined;
  const categorySet = categories && new Set(categories);
  const typeSet = types && new Set(types);

  const matches = (streamId: string, type: string): boolean =>
    !isSystemEvent(streamId, type) &&
    (!categorySet || categorySet.has(streamCategory(streamId))) &&
    (!prefix || streamId.startsWith(prefix)) &&
    (!typeSet || typeSet.has(type));

  let server: ServerFilter;
  if (categories) {
    // The category is the part before the first `-`, or the whole name when there is none.
    const lookahead = prefix ? `(?=${escapeRegex(prefix)})` : '';
    server = { filterOn: 'streamName', regex: `^${lookahead}(?:${categories.map(escapeRegex).join('|')})(?:-|$)` };
  } else if (prefix) {
    server = { filterOn: 'streamName', regex: `^${escapeRegex(prefix)}` };
  } else if (types) {
    server = { filterOn: 'eventType', regex: `^(?:${types.map(escapeRegex).join('|')})$` };
  } else {
    server = { filterOn: 'streamName', regex: '^[^$]' };
  }
  return { matches, server };
}

// ---------------------------------------------------------------------------------------------------
// Envelopes

const CORRELATION = '$correlationId';
const CAUSATION = '$causationId';

/** Our metadata, plus the `$correlationId`/`$causationId` keys EventStoreDB's projections understand. */
export function toEsdbMetadata(metadata: EventMetadata): Record<string, unknown> {
  return { ...metadata, [CORRELATION]: metadata.correlationId, [CAUSATION]: metadata.causationId };
}

/** Back to our metadata: the `$` copies are dropped (or used when an event written elsewhere has only those). */
export function fromEsdbMetadata(raw: unknown): EventMetadata {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Uint8Array) return {} as EventMetadata;
  const { [CORRELATION]: correlation, [CAUSATION]: causation, ...rest } = raw as Record<string, unknown>;
  const metadata = rest as EventMetadata;
  if (metadata.correlationId === undefined && typeof correlation === 'string') metadata.correlationId = correlation;
  if (metadata.causationId === undefined && typeof causation === 'string') metadata.causationId = causation;
  return metadata;
}

export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    // The client JSON-encodes `data` itself; anything JSON-serialisable round-trips.
    data: (event.data === undefined ? null : event.data) as JSONType,
    metadata: toEsdbMetadata(event.metadata),
  });
}

/**
 * A recorded event as the port sees it. `recordedAt` is the server's `created` stamp (EventStoreDB sets
 * it at commit; the client truncates it to milliseconds). Events need their $all position, which the
 * server includes in stream reads since 22.6.
 */
export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const position = event.position;
  if (!position || position.commit === 0n) {
    throw new Error(`EventStoreDB returned ${event.streamId}@${event.revision} without its $all position: the adapter needs EventStoreDB 22.6 or later`);
  }
  return {
    eventId: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: toLogPosition(position.commit),
    type: event.type,
    data: event.data,
    metadata: fromEsdbMetadata(event.metadata),
    recordedAt: event.created.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------------
// Expected revisions and errors

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

export function isWrongExpectedVersion(e: unknown): e is Error & { actualVersion?: bigint | 'no_stream' } {
  return e instanceof Error && isCommandError(e) && e.type === ErrorType.WRONG_EXPECTED_VERSION;
}

/** The stream's revision reported by a wrong-expected-version error (-1: no stream), if it says. */
export function actualRevisionOf(e: { actualVersion?: bigint | 'no_stream' }): number | undefined {
  if (e.actualVersion === 'no_stream') return -1;
  if (typeof e.actualVersion === 'bigint') return e.actualVersion < 0n ? -1 : Number(e.actualVersion);
  return undefined;
}

export function isStreamNotFound(e: unknown): boolean {
  return e instanceof Error && isCommandError(e) && e.type === ErrorType.STREAM_NOT_FOUND;
}

/** The connection is the problem (server down, leader moved, keep-alive expired): retrying can help. */
const CONNECTION_ERRORS = new Set<string>([ErrorType.UNAVAILABLE, ErrorType.DEADLINE_EXCEEDED, ErrorType.CANCELLED, ErrorType.TIMEOUT, ErrorType.NOT_LEADER]);

export function isConnectionError(e: unknown): boolean {
  return e instanceof Error && isCommandError(e) && CONNECTION_ERRORS.has(e.type);
}

/** A subscription that fails like this is resubscribed; anything else (access denied, a bug) is thrown. */
export function isRetryableSubscriptionError(e: unknown): boolean {
  return e instanceof SubscriptionDropped || isConnectionError(e) || (e instanceof Error && isCommandError(e) && e.type === ErrorType.UNKNOWN);
}

/** The server ended a subscription without an error. */
export class SubscriptionDropped extends Error {
  constructor() {
    super('EventStoreDB ended the $all subscription');
    this.name = 'SubscriptionDropped';
  }
}

// ---------------------------------------------------------------------------------------------------
// Connection string

export const KEEP_ALIVE_INTERVAL_MS = 10_000;
export const KEEP_ALIVE_TIMEOUT_MS = 10_000;

const flatKey = (key: string) => key.trim().toLowerCase().replace(/[_-]/g, '');

/**
 * The connection string with gRPC keep-alive pinned (a ping every 10 s, the connection dropped when one
 * goes unanswered for 10 s) so that a half-open connection fails the subscription, which then
 * resubscribes, instead of waiting forever. Explicit settings in the string win. The adapter relies on
 * appends throwing on a wrong expected revision, so `throwOnAppendFailure=false` is refused.
 */
export function withConnectionDefaults(connectionString: string): string {
  const trimmed = connectionString.trim();
  const q = trimmed.indexOf('?');
  const base = q < 0 ? trimmed : trimmed.slice(0, q);
  const params =
    q < 0
      ? []
      : trimmed
          .slice(q + 1)
          .split('&')
          .filter(Boolean);
  const settings = new Map(params.map((p) => [flatKey(p.split('=')[0]), (p.split('=')[1] ?? '').trim()]));
  if (settings.get('throwonappendfailure') === 'false') {
    throw new Error('EventStoreDB adapter: throwOnAppendFailure=false is not supported (a wrong expected revision must fail the append)');
  }
  if (!settings.has('keepaliveinterval')) params.push(`keepAliveInterval=${KEEP_ALIVE_INTERVAL_MS}`);
  if (!settings.has('keepalivetimeout')) params.push(`keepAliveTimeout=${KEEP_ALIVE_TIMEOUT_MS}`);
  return `${base}?${params.join('&')}`;
}
