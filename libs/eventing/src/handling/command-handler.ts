import type { CommandContext } from '../commands/command-context';
import type { Command, Decider, DomainEvent } from '../decider';
import type { NewEvent, RecordedEvent } from '../envelope';
import { AppError, isAppError, isWrongExpectedRevision } from '../errors';
import { crashPoint } from '../crash-points';
import { newId } from '../ids';
import type { EventStore, ExpectedRevision } from '../ports/event-store';
import { noInstrumentation, type Instrumentation } from '../ports/instrumentation';
import { systemClock, type Clock } from '../ports/clock';
import type { Upcasters } from '../upcasting';
import { AggregateCache, loadAggregate, type LoadOptions } from './aggregate-cache';

export interface HandleResult<S, E> {
  streamId: string;
  state: S;
  events: Array<RecordedEvent<E extends DomainEvent ? E['data'] : unknown>>;
  /** Revision of the stream after the command; -1 when the stream still does not exist. */
  revision: number;
}

export interface CommandHandlerOptions {
  maxRetries?: number;
  /** An event larger than this (data and metadata as JSON) is refused before it reaches the log; default 1 MiB. */
  maxEventBytes?: number;
  schemaVersions?: Record<string, number>;
  upcasters?: Upcasters;
  instrumentation?: Instrumentation;
  /** Folded states to start loads from; each handler keeps its own unless one is shared (or `false`). */
  cache?: AggregateCache | false;
  /** The time of a command whose context gives none. */
  clock?: Clock;
}

/**
 * load → fold → decide → append with the expected revision. When the caller did not pin a revision,
 * a concurrent append is retried (bounded); a pinned, stale revision fails with 412 at once.
 */
export function commandHandler<C extends Command, E extends DomainEvent, S>(store: EventStore, decider: Decider<C, E, S>, options: CommandHandlerOptions = {}) {
  const maxRetries = options.maxRetries ?? 5;
  const maxEventBytes = options.maxEventBytes ?? 1024 * 1024;
  const instrumentation = options.instrumentation ?? noInstrumentation;
  const schemaVersion = (type: string) => options.schemaVersions?.[type] ?? 1;
  const cache = options.cache === false ? new AggregateCache(store, 0) : (options.cache ?? new AggregateCache(store));

  const clock = options.clock ?? systemClock;
  // Commands on one stream in this process run one after the other: they queue instead of racing
  // for the same revision (a retry storm of 409s). Other processes are still kept out by the guard.
  const queues = new Map<string, Promise<void>>();
  const inTurn = <T>(streamId: string, work: () => Promise<T>): Promise<T> => {
    const turn = (queues.get(streamId) ?? Promise.resolve()).then(work);
    const done = turn.then(
      () => undefined,
      () => undefined,
    );
    queues.set(streamId, done);
    void done.then(() => {
      if (queues.get(streamId) === done) queues.delete(streamId);
    });
    return turn;
  };

  function handle(streamId: string, command: C, ctx: CommandContext): Promise<HandleResult<S, E>> {
    return inTurn(streamId, () => decideAndAppend(streamId, command, ctx));
  }

  async function decideAndAppend(streamId: string, command: C, ctx: CommandContext): Promise<HandleResult<S, E>> {
    const occurredAt = ctx.occurredAt ?? ctx.at ?? clock.now().toISOString();
    const started = process.hrtime.bigint();
    let outcome: 'ok' | 'rejected' | 'conflict' | 'error' = 'error';
    try {
      for (let attempt = 0; ; attempt++) {
        // A derived command checks its deterministic event ids against the whole stream: a full read.
        const loaded = ctx.eventIds
          ? await loadAggregate(store, decider, streamId, { upcasters: options.upcasters })
          : await cache.load(decider, streamId, { upcasters: options.upcasters });
        if (ctx.expectedRevision !== undefined && ctx.expectedRevision !== loaded.revision) {
          throw staleRevision(streamId, ctx.expectedRevision, loaded.revision);
        }
        if (ctx.eventIds) {
          // A derived command already carried out (its first deterministic event id is stored): done.
          const firstId = ctx.eventIds(0);
          if (loaded.events.some((e) => e.eventId === firstId)) {
            outcome = 'ok';
            return { streamId, state: loaded.state, events: [], revision: loaded.revision };
          }
        }
        const decided = decider.decide(command, loaded.state);
        if (decided.length === 0) {
          outcome = 'ok';
          return { streamId, state: loaded.state, events: [], revision: loaded.revision };
        }
        const toAppend: NewEvent[] = decided.map((event, index) => ({
          eventId: ctx.eventIds ? ctx.eventIds(index) : newId(),
          type: event.type,
          data: event.data,
          metadata: {
            correlationId: (ctx.continuesFlow && loaded.flow) || ctx.correlationId,
            causationId: ctx.causationId ?? ctx.correlationId,
            actor: ctx.actor,
            occurredAt,
            schemaVersion: schemaVersion(event.type),
          },
        }));
        for (const event of toAppend) {
          // Serialized once: measured here, stored as is.
          event.json = { data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) };
          const bytes = Buffer.byteLength(event.json.data) + Buffer.byteLength(event.json.metadata);
          // Refused here, once, as the caller's error: never stored, so never retried by a projection or relay.
          if (bytes > maxEventBytes) {
            throw new AppError(
              'too-large',
              'EVENT_TOO_LARGE',
              `${event.type} would be ${bytes} bytes; events are limited to ${maxEventBytes} (store large content as evidence and reference it)`,
            );
          }
        }
        const expected: ExpectedRevision = loaded.revision < 0 ? 'no_stream' : loaded.revision;
        try {
          const appended = await store.appendToStream(streamId, toAppend, expected);
          crashPoint('after-append');
          instrumentation.eventsAppended(appended.events.length);
          const state = appended.events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), loaded.state);
          cache.remember(decider, streamId, state, appended.nextExpectedRevision, loaded.flow ?? toAppend[0].metadata.correlationId);
          outcome = 'ok';
          return {
            streamId,
            state,
            events: appended.events as HandleResult<S, E>['events'],
            revision: appended.nextExpectedRevision,
          };
        } catch (e) {
          if (!isWrongExpectedRevision(e)) throw e;
          if (ctx.expectedRevision !== undefined) throw staleRevision(streamId, ctx.expectedRevision, e.actual);
          if (attempt >= maxRetries) {
            throw new AppError('conflict', 'CONCURRENT_MODIFICATION', `${streamId} kept changing; gave up after ${attempt + 1} attempts`, [], {
              retryAfterSeconds: 1,
            });
          }
        }
      }
    } catch (e) {
      if (isAppError(e)) outcome = e.kind === 'conflict' || e.kind === 'precondition-failed' ? 'conflict' : 'rejected';
      throw e;
    } finally {
      instrumentation.commandHandled(command.type, Number(process.hrtime.bigint() - started) / 1e9, outcome);
    }
  }

  /** The stream's state through the same cache (a past instant is always read in full). */
  const load = (streamId: string, loadOptions: LoadOptions = {}) => cache.load(decider, streamId, { upcasters: options.upcasters, ...loadOptions });
  return Object.assign(handle, { load });
}

function staleRevision(streamId: string, expected: number, actual: number): AppError {
  return new AppError('precondition-failed', 'STALE_REVISION', `If-Match revision ${expected} is stale: ${streamId} is at revision ${actual}`, [], {
    currentRevision: actual,
  });
}
