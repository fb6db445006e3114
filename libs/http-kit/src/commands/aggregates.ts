import { Inject, Injectable } from '@nestjs/common';
import {
  AggregateCache,
  AggregateCommands,
  type AggregateDefinition,
  type Clock,
  type Command,
  type DomainEvent,
  type EventStore,
  type Instrumentation,
  type ReadModelStore,
} from '@ooh/eventing';
import { CLOCK, EVENT_STORE, INSTRUMENTATION, READ_MODELS } from '../runtime/tokens';
import { AggregateReads, type ReadsOptions } from './aggregate-reads';

/**
 * Binds aggregates to the runtime's event store, clock and metrics: one binder per aggregate per
 * process, sharing one cache of folded states (sites are read by most operations commands).
 */
@Injectable()
export class Aggregates {
  private readonly bound = new Map<unknown, unknown>();
  private readonly cache: AggregateCache;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INSTRUMENTATION) private readonly instrumentation: Instrumentation,
  ) {
    this.cache = new AggregateCache(store);
  }

  commands<C extends Command, E extends DomainEvent, S extends object, K extends string>(
    definition: AggregateDefinition<C, E, S, K>,
  ): AggregateCommands<C, E, S, K> {
    let bound = this.bound.get(definition) as AggregateCommands<C, E, S, K> | undefined;
    if (!bound) {
      bound = new AggregateCommands(this.store, definition, { clock: this.clock, instrumentation: this.instrumentation, cache: this.cache });
      this.bound.set(definition, bound);
    }
    return bound;
  }

  /** Page, get-or-404, history and state as of an instant for an aggregate and its read model. */
  reads<C extends Command, E extends DomainEvent, S extends object, K extends string>(
    definition: AggregateDefinition<C, E, S, K>,
    options: ReadsOptions,
  ): AggregateReads<S> {
    return new AggregateReads(this.commands(definition), this.store, this.readModels, options);
  }
}
