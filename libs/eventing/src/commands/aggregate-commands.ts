import type { Command, DomainEvent } from '../decider';
import { AppError, isAppError, notFound } from '../errors';
import { commandHandler, type CommandHandlerOptions } from '../handling/command-handler';
import type { LoadedStream, LoadOptions } from '../handling/aggregate-cache';
import type { EventStore } from '../ports/event-store';
import { systemClock, type Clock } from '../ports/clock';
import type { AggregateDefinition, CommandInput, CommandResult } from './aggregate';
import type { CommandContext } from './command-context';

/**
 * One aggregate's decider bound to the event store: `execute(id, type, data, context)` fills in the
 * id, the time and the actor, runs load → decide → append, and answers with a CommandResult.
 */
export class AggregateCommands<C extends Command, E extends DomainEvent, S extends object, K extends string> {
  private readonly handle;
  private readonly clock: Clock;

  constructor(
    store: EventStore,
    readonly definition: AggregateDefinition<C, E, S, K>,
    options: CommandHandlerOptions & { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.handle = commandHandler(store, definition.decider, { ...options, clock: this.clock });
  }

  /** The command the decider sees; also for checking a command before anything is written. */
  command<T extends C['type']>(id: string, type: T, data: CommandInput<C, T, K>, context: CommandContext): C {
    const idField = this.definition.idField;
    const at = context.at ?? this.clock.now().toISOString();
    return { type, data: { ...data, ...(idField ? { [idField]: id } : {}), at, by: context.actor } } as unknown as C;
  }

  async execute<T extends C['type']>(id: string, type: T, data: CommandInput<C, T, K>, context: CommandContext): Promise<CommandResult> {
    const command = this.command(id, type, data, context);
    const at = (command.data as { at: string }).at;
    const occurredAt = context.occurredAt ?? this.definition.occurredAt?.(command) ?? at;
    const result = await this.handle(this.definition.stream(id), command, { ...context, at, occurredAt }).catch((error: unknown) => {
      // Another process kept writing to it: say so in the API's terms, with when to try again.
      if (isAppError(error) && error.code === 'CONCURRENT_MODIFICATION') {
        throw new AppError(
          'conflict',
          'CONCURRENT_MODIFICATION',
          `${this.definition.name} ${id} kept changing while this command ran; try again`,
          [],
          error.extensions,
        );
      }
      throw error;
    });
    return {
      id,
      revision: result.revision,
      status: this.definition.status?.(result.state) ?? String((result.state as { status?: unknown }).status),
      events: result.events.map((e) => e.type),
    };
  }

  /** The current state (through the cache), or as the log stood at `recordedUntil`. */
  load(id: string, options: LoadOptions = {}): Promise<LoadedStream<S>> {
    return this.handle.load(this.definition.stream(id), options);
  }

  /** Like load, but an aggregate that does not exist (at that time) is 404 with the aggregate's code. */
  async require(id: string, options: LoadOptions = {}): Promise<LoadedStream<S>> {
    const loaded = await this.load(id, options);
    if (loaded.revision < 0)
      throw notFound(this.definition.notFoundCode, `No ${this.definition.name} ${id}${options.recordedUntil ? ` as of ${options.recordedUntil}` : ''}`);
    return loaded;
  }
}
