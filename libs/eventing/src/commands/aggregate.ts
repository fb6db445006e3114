import type { Command, Decider, DomainEvent } from '../decider';

/** What the kit needs to know of an aggregate: its decider, its streams and the field carrying its id. */
export interface AggregateDefinition<C extends Command, E extends DomainEvent, S extends object, K extends string = string> {
  /** Singular, as in API messages: `fault`, `installation job`. */
  name: string;
  decider: Decider<C, E, S>;
  stream(id: string): string;
  /** The command data field that carries the aggregate's id (`faultId`); none when the id is composite. */
  idField?: K;
  /** The stable code of "no such aggregate" (404). */
  notFoundCode: string;
  /** The status a CommandResult reports; the state's `status` field when absent. */
  status?(state: S): string;
  /** When the fact a command records happened, if not when it is decided (an inspection's performedAt). */
  occurredAt?(command: C): string | undefined;
}

/** Declares an aggregate; pure data, so domain libraries define their own. */
export const defineAggregate = <C extends Command, E extends DomainEvent, S extends object, K extends string = never>(
  definition: AggregateDefinition<C, E, S, K>,
): AggregateDefinition<C, E, S, K> => definition;

type DataOf<C extends Command, T extends C['type']> = Extract<C, { type: T }>['data'];

/** A command's data as a caller gives it: without the id (from the route), the time and the actor (from the context). */
export type CommandInput<C extends Command, T extends C['type'], K extends string> = Omit<DataOf<C, T>, K | 'at' | 'by'>;

/** The answer to every command: the aggregate, its revision and status after it, and the events it recorded. */
export interface CommandResult {
  id: string;
  /** Revision of the stream after the command (send it back as If-Match); -1 when nothing exists yet. */
  revision: number;
  status: string;
  events: string[];
}
