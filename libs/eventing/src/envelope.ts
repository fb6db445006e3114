import type { Actor } from './actor';

export interface EventMetadata {
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** When the fact happened in the world (business time). */
  occurredAt: string;
  schemaVersion: number;
  [extra: string]: unknown;
}

/** An event ready to append: the store adds revision, position and recordedAt. */
export interface NewEvent<Data = unknown> {
  eventId: string;
  type: string;
  data: Data;
  metadata: EventMetadata;
  /** `data` and `metadata` as JSON, when the writer already has them (a store may use them instead of serializing again). */
  json?: { data: string; metadata: string };
}

export interface RecordedEvent<Data = unknown> extends NewEvent<Data> {
  streamId: string;
  /** 0-based revision within the stream. */
  revision: number;
  /** 1-based position in the store's global log. */
  position: number;
  /** When the store recorded it (system time). */
  recordedAt: string;
}

/** `<context>.<aggregate>-<id>`; the category is the part before the first `-`. */
export function streamName(context: string, aggregate: string, id: string): string {
  return `${context}.${aggregate}-${id}`;
}

export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

export function streamEntityId(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? '' : streamId.slice(dash + 1);
}
