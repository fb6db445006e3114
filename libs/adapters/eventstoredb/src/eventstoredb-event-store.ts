import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  eventTypeFilter,
  streamNameFilter,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import {
  AppError,
  WrongExpectedRevision,
  type AppendResult,
  type Clock,
  type EventStore,
  type ExpectedRevision,
  type LogBatch,
  type LogFilter,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from '@ooh/eventing';
import {
  SubscriptionDropped,
  actualRevisionOf,
  compileFilter,
  isConnectionError,
  isRetryableSubscriptionError,
  isStreamNotFound,
  isWrongExpectedVersion,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toEventData,
  toLogPosition,
  toRecordedEvent,
  withConnectionDefaults,
  type CompiledFilter,
} from './esdb-mapping';

/** The part of the gRPC client the adapter uses (a test can hand in a fake). */
export type EsdbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface EventStoreDbLogger {
  warn(obj: object, msg: string): void;
}

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://127.0.0.1:2113?tls=false`; keep-alive settings are added when absent. */
  connectionString: string;
  /**
   * Accepted for parity with SqliteEventStore and unused: EventStoreDB stamps `created` on every event
   * itself when it commits it, and that stamp is `recordedAt`.
   */
  clock?: Clock;
  /** How many of a stream's latest events are searched for event ids already stored (idempotency). Default 100. */
  idempotencyWindow?: number;
  /**
   * A subscription that hears nothing for this long reads the log after its position itself, so that its
   * position passes events its filter skips even when the server sends no checkpoint. Default 1000 ms; 0 turns it off.
   */
  idleProbeMs?: number;
  /** While catching up, a batch is held at most this long waiting to reach the head. Default 2000 ms. */
  maxBatchDelayMs?: number;
  /** Backoff between resubscriptions after the connection drops: doubles from `initialDelayMs` up to `maxDelayMs`. */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  logger?: EventStoreDbLogger;
  /** Use this client instead of one built from `connectionString` (tests). */
  client?: EsdbClient;
}

const CHECKPOINT = Symbol('checkpoint');
interface CheckpointMarker {
  [CHECKPOINT]: true;
  position: Position;
}
type SubscriptionItem = AllStreamResolvedEvent | CheckpointMarker;

/** A numeric position together with the exact ESDB position it came from (to resume from). */
interface Scanned {
  position: number;
  exact: ReadPosition;
}

/**
 * The EventStore port over EventStoreDB (KurrentDB) through its gRPC client. Semantics follow
 * SqliteEventStore; the notes on each method say where EventStoreDB makes it differ.
 *
 * Positions are $all commit positions (byte offsets, increasing but not consecutive). A number that is not
 * the position of a record (say `position - 1`) is accepted everywhere: it is resolved to the nearest
 * record at or before it, because the server refuses to read from the middle of a record.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EsdbClient;
  private readonly idempotencyWindow: number;
  private readonly idleProbeMs: number;
  private readonly maxBatchDelayMs: number;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly logger?: EventStoreDbLogger;
  private readonly closing = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = options.client ?? EventStoreDBClient.connectionString(withConnectionDefaults(options.connectionString));
    this.idempotencyWindow = Math.max(1, options.idempotencyWindow ?? 100);
    this.idleProbeMs = options.idleProbeMs ?? 1000;
    this.maxBatchDelayMs = options.maxBatchDelayMs ?? 2000;
    this.initialDelayMs = options.reconnect?.initialDelayMs ?? 100;
    this.maxDelayMs = options.reconnect?.maxDelayMs ?? 10_000;
    this.logger = options.logger;
  }

  // -------------------------------------------------------------------------------------------------
  // Appends

  appendToStream(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    const append = this.append(streamId, events, expected);
    this.inFlight.add(append);
    const forget = () => this.inFlight.delete(append);
    append.then(forget, forget);
    return append;
  }

  private async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new AppError('invalid', 'NO_EVENTS', 'nothing to append');
    checkEventIds(events);
    // Ids already in the stream: a retry (answer with what was stored) or a misuse (refuse). A new stream
    // has none, and if it turns out to exist the server says so and we look then.
    if (expected !== 'no_stream') {
      const replay = await this.storedAlready(streamId, events);
      if (replay) return replay;
    }
    if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
      throw new WrongExpectedRevision(streamId, expected, await this.currentRevision(streamId));
    }
    let next: bigint;
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), { expectedRevision: toEsdbExpectedRevision(expected) });
      if (!result.success) throw new Error(`EventStoreDB refused the append to ${streamId} without an error (is throwOnAppendFailure off?)`);
      next = result.nextExpectedRevision;
    } catch (e) {
      if (!isWrongExpectedVersion(e)) throw e;
      // Also the path of a retry at an older expected revision: EventStoreDB only deduplicates a
      // re-append at the revision it was first made at, the port at any.
      const replay = await this.storedAlready(streamId, events);
      if (replay) return replay;
      throw new WrongExpectedRevision(streamId, expected, actualRevisionOf(e) ?? (await this.currentRevision(streamId)));
    }
    // The server answers with the revision only; positions and `created` stamps come from reading back.
    const last = Number(next);
    const stored = await this.readRevisions(streamId, last - events.length + 1, events.length);
    if (sameIds(stored, events)) return appendResult(stored);
    // A deduplicated retry the server answered with another revision: find the events where they are.
    const replay = await this.storedAlready(streamId, events);
    if (replay) return replay;
    throw new Error(`EventStoreDB acknowledged the append to ${streamId} at revision ${last} but its events are not there`);
  }

  /**
   * The first result when every event id is already among the stream's latest `idempotencyWindow` events;
   * EVENT_ID_REUSED when only some are (as SqliteEventStore). Ids are unique per stream only here: the
   * server has no index by event id, so an id reused in another stream is not noticed.
   */
  private async storedAlready(streamId: string, events: NewEvent[]): Promise<AppendResult | undefined> {
    const wanted = new Set(events.map((e) => e.eventId.toLowerCase()));
    const found = new Map<string, RecordedEvent>();
    const read = this.client.readStream(streamId, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: Math.max(this.idempotencyWindow, events.length),
      resolveLinkTos: false,
      requiresLeader: true,
    });
    try {
      for await (const resolved of read) {
        const id = resolved.event?.id.toLowerCase();
        if (id !== undefined && wanted.has(id)) found.set(id, toRecordedEvent(resolved.event!));
      }
    } catch (e) {
      if (isStreamNotFound(e)) return undefined;
      throw e;
    }
    if (found.size === 0) return undefined;
    if (found.size < wanted.size) {
      throw new AppError('conflict', 'EVENT_ID_REUSED', `some event ids of this append are already stored (${streamId})`);
    }
    return appendResult(events.map((e) => found.get(e.eventId.toLowerCase())!));
  }

  /** The stream's last revision, -1 when it does not exist. */
  private async currentRevision(streamId: string): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader: true })) {
        if (resolved.event) return Number(resolved.event.revision);
      }
    } catch (e) {
      if (!isStreamNotFound(e)) throw e;
    }
    return -1;
  }

  private async readRevisions(streamId: string, from: number, count: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    const read = this.client.readStream(streamId, { fromRevision: BigInt(Math.max(0, from)), maxCount: count, resolveLinkTos: false, requiresLeader: true });
    for await (const resolved of read) if (resolved.event) out.push(toRecordedEvent(resolved.event));
    return out;
  }

  // -------------------------------------------------------------------------------------------------
  // Reads

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const out: RecordedEvent[] = [];
    const read = this.client.readStream(streamId, { fromRevision: BigInt(Math.max(0, options.fromRevision ?? 0)), direction: FORWARDS, resolveLinkTos: false });
    let cut = false;
    try {
      for await (const resolved of read) {
        if (!resolved.event) continue;
        const event = toRecordedEvent(resolved.event);
        // Revision order is commit order: the first event recorded after the instant ends what was known then.
        if (options.recordedUntil !== undefined && event.recordedAt > options.recordedUntil) {
          cut = true;
          break;
        }
        out.push(event);
      }
    } catch (e) {
      if (isStreamNotFound(e)) return [];
      throw e;
    }
    if (cut) void read.cancel().catch(() => undefined);
    return out;
  }

  /**
   * The 6.x client reads $all without a server-side filter, so a filtered read pages through the log and
   * filters here; subscriptions, the hot path, filter on the server.
   */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { after, maxCount, until } = options;
    if (maxCount <= 0 || (until !== undefined && until <= after)) return [];
    const filter = compileFilter(options.filter);
    const out: RecordedEvent[] = [];
    const pageSize = Math.min(Math.max((options.filter ? 8 : 1) * maxCount + 1, 64), 1000);
    await this.scanForward(after, pageSize, (event, position) => {
      if (until !== undefined && position > until) return false;
      if (filter.matches(event.streamId, event.type)) out.push(toRecordedEvent(event));
      return out.length < maxCount;
    });
    return out;
  }

  /** Position of the last event matching the filter (system events never do), 0 when there is none. */
  async headPosition(filter?: LogFilter): Promise<number> {
    this.assertOpen();
    const compiled = compileFilter(filter);
    let head = 0;
    await this.scanBackward(16, (event, position) => {
      if (!compiled.matches(event.streamId, event.type)) return true;
      head = position;
      return false;
    });
    return head;
  }

  /**
   * Visits the records of $all with a position greater than `after`, in order, until `visit` returns false
   * or the log ends. Forward reads include the record they start at, hence the `<= seen` skip; when
   * `after` is not a record's position the server refuses the read and we start from the nearest
   * record before it instead.
   */
  private async scanForward(after: number, pageSize: number, visit: (event: AllStreamRecordedEvent, position: number) => boolean): Promise<void> {
    let from: ReadPosition = toEsdbPosition(after);
    let seen = after;
    let firstPage = true;
    for (;;) {
      let page: AllStreamResolvedEvent[];
      try {
        page = await collect(this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: pageSize, resolveLinkTos: false }));
      } catch (e) {
        if (!firstPage || from === START || isConnectionError(e)) throw e;
        from = await this.recordAtOrBefore(after);
        firstPage = false;
        continue;
      }
      firstPage = false;
      let last: Position | undefined;
      for (const resolved of page) {
        const event = resolved.event;
        if (!event) continue;
        last = event.position;
        const position = toLogPosition(event.position.commit);
        if (position <= seen) continue;
        seen = position;
        if (!visit(event, position)) return;
      }
      if (page.length < pageSize || !last) return;
      from = last;
    }
  }

  /** Visits $all newest first until `visit` returns false or the log's start. */
  private async scanBackward(firstPageSize: number, visit: (event: AllStreamRecordedEvent, position: number) => boolean): Promise<void> {
    let from: ReadPosition = END;
    let pageSize = firstPageSize;
    let lowest = Number.POSITIVE_INFINITY;
    for (;;) {
      const page = await collect(this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: pageSize, resolveLinkTos: false }));
      let last: Position | undefined;
      for (const resolved of page) {
        const event = resolved.event;
        if (!event) continue;
        last = event.position;
        const position = toLogPosition(event.position.commit);
        if (position >= lowest) continue;
        lowest = position;
        if (!visit(event, position)) return;
      }
      if (page.length < pageSize || !last) return;
      from = last;
      pageSize = Math.min(pageSize * 4, 1000);
    }
  }

  /** The exact position of the last record at or before `position` (START when there is none). */
  private async recordAtOrBefore(position: number): Promise<ReadPosition> {
    let found: ReadPosition = START;
    await this.scanBackward(100, (event, p) => {
      if (p > position) return true;
      found = event.position;
      return false;
    });
    return found;
  }

  /** Where to read or subscribe from to see everything after `after`: `after` itself when it names a record. */
  private async resolveStart(after: number): Promise<ReadPosition> {
    const from = toEsdbPosition(after);
    if (from === START) return START;
    try {
      // A forward read includes the record it starts at: one record back means `after` is one.
      const probe = await collect(this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: 1, resolveLinkTos: false }));
      if (probe.length > 0) return from;
    } catch (e) {
      if (isConnectionError(e)) throw e;
    }
    // Not a record's position, or beyond the end of the log.
    return this.recordAtOrBefore(after);
  }

  /** Position of the last record in $all, system ones included (0 when empty). */
  private async lastRecordPosition(): Promise<number> {
    const page = await collect(this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1, resolveLinkTos: false }));
    const event = page[0]?.event;
    return event ? toLogPosition(event.position.commit) : 0;
  }

  /**
   * The furthest record after `after` such that no record in between matches, looking at up to `limit`
   * records: how far an idle filtered subscription may move without having been told by the server.
   */
  private async matchFreeUntil(after: number, filter: CompiledFilter, limit: number): Promise<Scanned | undefined> {
    let clean: Scanned | undefined;
    let looked = 0;
    await this.scanForward(after, Math.min(limit, 500), (event, position) => {
      if (filter.matches(event.streamId, event.type)) return false;
      clean = { position, exact: event.position };
      return ++looked < limit;
    });
    return clean;
  }

  // -------------------------------------------------------------------------------------------------
  // Subscriptions

  /**
   * A catch-up subscription to $all with the stream (or type) filter applied by the server, checked again
   * here. Each batch's position is the furthest position scanned: the last event, a checkpoint the server
   * sent for the records it filtered out, or, when the subscription is idle, how far the log after it is
   * known to hold nothing for this filter. While catching up, batches are held until the head seen at
   * subscription time is reached (or `maxBatchDelayMs` passes), so that a subscription whose filter
   * matches nothing reports the head in its first batch, as the SQLite adapter does.
   *
   * When the connection drops, it resubscribes from the last position it yielded after a backoff that
   * doubles up to `reconnect.maxDelayMs` (for connection errors, an UNKNOWN status, or the server ending the
   * stream); records at or before that position are skipped, so nothing is
   * repeated, and nothing after it is skipped. Other errors (access denied, a bug) end the iteration;
   * the caller's own retry (startSubscription) takes over from its checkpoint.
   */
  async *subscribe(options: SubscribeOptions): AsyncIterable<LogBatch> {
    this.assertOpen();
    const signal = linkSignals(options.signal, this.closing.signal);
    const batchSize = Math.max(1, options.batchSize ?? 500);
    const filter = compileFilter(options.filter);
    let position = options.after;
    let start: ReadPosition | undefined;
    let failures = 0;
    try {
      while (!signal.signal.aborted) {
        let subscription: AllStreamSubscription | undefined;
        try {
          start ??= await this.resolveStart(position);
          const head = await this.lastRecordPosition();
          subscription = this.client.subscribeToAll({ fromPosition: start, resolveLinkTos: false, filter: serverFilter(filter) });
          const pending = watch(subscription);
          let live = head <= position;
          let batch: RecordedEvent[] = [];
          let scanned: Scanned = { position, exact: start };
          let heldSince: number | undefined;
          let lastHeard = Date.now();

          for (;;) {
            if (signal.signal.aborted) return;
            let item: SubscriptionItem | null;
            while (batch.length < batchSize && (item = subscription.read() as SubscriptionItem | null) !== null) {
              lastHeard = Date.now();
              const next = scannedBy(item);
              if (!next || next.position <= scanned.position) continue;
              scanned = next;
              const event = (item as AllStreamResolvedEvent).event;
              if (event && filter.matches(event.streamId, event.type)) batch.push(toRecordedEvent(event));
            }
            if (!live && scanned.position >= head) live = true;
            if (scanned.position > position) {
              heldSince ??= Date.now();
              if (live || batch.length >= batchSize || Date.now() - heldSince >= this.maxBatchDelayMs) {
                const out: LogBatch = { events: batch, position: scanned.position };
                position = scanned.position;
                start = scanned.exact;
                batch = [];
                heldSince = undefined;
                failures = 0;
                yield out;
                continue;
              }
            }
            if (pending.error !== undefined) throw pending.error;
            if (pending.ended) throw new SubscriptionDropped();

            const now = Date.now();
            if (this.idleProbeMs > 0 && now - lastHeard >= this.idleProbeMs) {
              lastHeard = now;
              const clean = await this.matchFreeUntil(scanned.position, filter, 1000);
              if (clean && clean.position > scanned.position) scanned = clean;
              continue;
            }
            const untilProbe = this.idleProbeMs > 0 ? this.idleProbeMs - (now - lastHeard) : Number.POSITIVE_INFINITY;
            const untilRelease = heldSince !== undefined ? this.maxBatchDelayMs - (now - heldSince) : Number.POSITIVE_INFINITY;
            await pending.activity(signal.signal, Math.max(1, Math.min(untilProbe, untilRelease)));
          }
        } catch (e) {
          if (signal.signal.aborted) return;
          if (!isRetryableSubscriptionError(e)) throw e;
          const delay = Math.min(this.initialDelayMs * 2 ** failures, this.maxDelayMs);
          failures += 1;
          this.logger?.warn({ err: e, position, retryInMs: delay }, 'EventStoreDB subscription dropped; resubscribing');
          await sleep(delay, signal.signal);
        } finally {
          if (subscription) stopSubscription(subscription);
        }
      }
    } finally {
      signal.dispose();
    }
  }

  // -------------------------------------------------------------------------------------------------

  /** Waits for appends under way, ends subscriptions and closes the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    await Promise.allSettled([...this.inFlight]);
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

// ---------------------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkEventIds(events: NewEvent[]): void {
  const ids = new Set<string>();
  for (const e of events) {
    if (!UUID.test(e.eventId)) throw new AppError('invalid', 'EVENT_ID_NOT_UUID', `EventStoreDB needs UUID event ids, got ${e.eventId}`);
    const id = e.eventId.toLowerCase();
    if (ids.has(id)) throw new AppError('invalid', 'DUPLICATE_EVENT_ID', `event id ${e.eventId} appears twice in one append`);
    ids.add(id);
  }
}

function sameIds(stored: RecordedEvent[], events: NewEvent[]): boolean {
  return stored.length === events.length && stored.every((s, i) => s.eventId.toLowerCase() === events[i].eventId.toLowerCase());
}

function appendResult(stored: RecordedEvent[]): AppendResult {
  const last = stored[stored.length - 1];
  return { nextExpectedRevision: last.revision, lastPosition: last.position, events: stored };
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of read) out.push(item);
  return out;
}

/**
 * The server-side filter, with checkpoints pushed into the subscription's own output as markers: the
 * client awaits `checkpointReached` inside its transform, so a marker lands after every event the server
 * sent before that checkpoint, and a batch's position never passes an event not yet read. Checkpoints
 * whose commit and prepare positions differ could not be resumed from by number, so they are ignored.
 */
function serverFilter(filter: CompiledFilter) {
  const checkpointReached = (subscription: AllStreamSubscription, position: Position) => {
    if (position.commit === position.prepare) subscription.push({ [CHECKPOINT]: true, position } satisfies CheckpointMarker);
  };
  const options = { regex: filter.server.regex, checkpointInterval: 1, checkpointReached };
  return filter.server.filterOn === 'eventType' ? eventTypeFilter(options) : streamNameFilter(options);
}

function scannedBy(item: SubscriptionItem): Scanned | undefined {
  if (CHECKPOINT in item) return { position: toLogPosition(item.position.commit), exact: item.position };
  const event = item.event;
  return event ? { position: toLogPosition(event.position.commit), exact: event.position } : undefined;
}

interface Watched {
  error: unknown;
  ended: boolean;
  /** Resolves on the next item, error, end or abort, or after `timeoutMs`. */
  activity(signal: AbortSignal, timeoutMs: number): Promise<void>;
}

interface Listenable {
  readonly readableLength: number;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Keeps an error listener on the subscription for its whole life (an unheard 'error' would crash the process). */
function watch(stream: Listenable): Watched {
  let wake: (() => void) | undefined;
  const state: Watched = {
    error: undefined,
    ended: false,
    activity(signal, timeoutMs) {
      if (stream.readableLength > 0 || state.error !== undefined || state.ended || signal.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    },
  };
  const poke = () => wake?.();
  stream.on('readable', poke);
  stream.on('error', (e) => {
    state.error ??= e;
    poke();
  });
  stream.on('end', () => {
    state.ended = true;
    poke();
  });
  stream.on('close', () => {
    state.ended = true;
    poke();
  });
  return state;
}

function stopSubscription(subscription: AllStreamSubscription): void {
  subscription.unsubscribe().catch(() => undefined);
  subscription.destroy();
}

function linkSignals(a: AbortSignal, b: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (a.aborted || b.aborted) abort();
  a.addEventListener('abort', abort, { once: true });
  b.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      a.removeEventListener('abort', abort);
      b.removeEventListener('abort', abort);
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
