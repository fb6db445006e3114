/** A domain event as a decider sees it: a past-tense type and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Command<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/**
 * A pure decider: no I/O, no clock, no randomness. Time and ids arrive inside the command.
 * `decide` throws an AppError (usually `ruleViolated`/`forbidden`) to refuse a command.
 */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

export function fold<E extends DomainEvent, S>(decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>, events: Iterable<E>, from?: S): S {
  let state = from ?? decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** Exhaustiveness guard for `switch` over commands or events. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
