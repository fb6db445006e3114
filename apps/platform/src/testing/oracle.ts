import { receivableDecider } from '@ooh/finance-domain';
import { bookingDecider } from '@ooh/operations-domain';
import type { Decider, RecordedEvent } from '@ooh/eventing';
import Database from 'better-sqlite3';

/**
 * The oracle fault tests end with: the event log itself (the only source of truth), folded with the
 * domain's own deciders, and a ledger of effects per triggering message or event. Read models and
 * effects observed through the API must agree with it.
 */
export function readLog(eventsDbPath: string): RecordedEvent[] {
  const db = new Database(eventsDbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT position, event_id, stream_id, revision, type, data, metadata, recorded_at FROM events ORDER BY position').all() as Array<{
      position: number;
      event_id: string;
      stream_id: string;
      revision: number;
      type: string;
      data: string;
      metadata: string;
      recorded_at: string;
    }>;
    return rows.map((r) => ({
      position: r.position,
      eventId: r.event_id,
      streamId: r.stream_id,
      revision: r.revision,
      type: r.type,
      data: JSON.parse(r.data),
      metadata: JSON.parse(r.metadata),
      recordedAt: r.recorded_at,
    }));
  } finally {
    db.close();
  }
}

/** Integration messages the embedded bus holds (message id = the source event id). */
export function publishedMessageIds(busDbPath: string): Set<string> {
  const db = new Database(busDbPath, { readonly: true, fileMustExist: true });
  try {
    return new Set((db.prepare('SELECT message_id FROM bus_messages').all() as Array<{ message_id: string }>).map((r) => r.message_id));
  } finally {
    db.close();
  }
}

/** Effects of one type per cause: more than one for a cause is a doubled effect. */
export function effectLedger(events: RecordedEvent[], effectTypes: string[]): { perCause: Map<string, number>; doubled: string[] } {
  const perCause = new Map<string, number>();
  for (const e of events) {
    if (!effectTypes.includes(e.type)) continue;
    const key = `${e.type} caused by ${e.metadata.causationId}`;
    perCause.set(key, (perCause.get(key) ?? 0) + 1);
  }
  return { perCause, doubled: [...perCause].filter(([, n]) => n > 1).map(([k, n]) => `${k}: ${n} times`) };
}

function foldStreams<S>(events: RecordedEvent[], prefix: string, decider: Decider<never, never, S>): Map<string, S> {
  const states = new Map<string, S>();
  for (const e of events) {
    if (!e.streamId.startsWith(prefix)) continue;
    const state = states.get(e.streamId) ?? decider.initialState();
    states.set(e.streamId, decider.evolve(state, { type: e.type, data: e.data } as never));
  }
  return states;
}

/** Each receivable as the log says it is. */
export function receivablesFromLog(events: RecordedEvent[]) {
  return [
    ...foldStreams(
      events,
      'finance.receivable-',
      receivableDecider as unknown as Decider<never, never, ReturnType<typeof receivableDecider.initialState>>,
    ).values(),
  ];
}

/** Each booking as the log says it is. */
export function bookingsFromLog(events: RecordedEvent[]) {
  return [
    ...foldStreams(events, 'operations.booking-', bookingDecider as unknown as Decider<never, never, ReturnType<typeof bookingDecider.initialState>>).values(),
  ];
}
