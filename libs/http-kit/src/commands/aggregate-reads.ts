import { notFound, type AggregateDefinition, type EventStore, type Filter, type LoadedStream, type LoadOptions, type ReadModelStore } from '@ooh/eventing';

/** What the reads need of a bound aggregate. */
export interface ReadableAggregate<S> {
  definition: Pick<AggregateDefinition<never, never, never>, 'name' | 'notFoundCode' | 'stream'>;
  require(id: string, options?: LoadOptions): Promise<LoadedStream<S>>;
}
import { historyEntry } from '../http/history';

export interface ReadsOptions {
  /** The read model's collection, one document per aggregate keyed by its id. */
  collection: string;
  sort: { field: string; direction: 'asc' | 'desc' };
  /** The id's name in a history answer (`{ faultId, items }`). */
  idKey: string;
  /** The fields the projection derives from the state (its `view`), so a state as of an instant reads like the current one. */
  view?: (state: never) => Record<string, unknown>;
}

/** Query fields that are equality filters on the read model: `{ query field: document field }` or the same names. */
export function filterOf(query: object, fields: readonly string[] | Record<string, string>): Filter {
  const pairs = Array.isArray(fields) ? fields.map((f) => [f, f]) : Object.entries(fields);
  const values = query as Record<string, unknown>;
  return Object.fromEntries(pairs.filter(([q]) => values[q] !== undefined).map(([q, field]) => [field, values[q]])) as Filter;
}

/** The generic reads of an aggregate: a page of its read model, one document or 404, its history, its state as of an instant. */
export class AggregateReads<S extends object> {
  constructor(
    private readonly aggregate: ReadableAggregate<S>,
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly options: ReadsOptions,
  ) {}

  page<T extends Record<string, unknown>>(filter: Filter, query: { limit?: number; cursor?: string }) {
    return this.readModels.find<T>(this.options.collection, { filter, sort: this.options.sort, limit: query.limit ?? 50, cursor: query.cursor });
  }

  /** The read model's document; with `asOf`, the aggregate's state folded from the events recorded by then. */
  get(id: string, asOf?: string): Promise<object> {
    return asOf === undefined ? this.document(id) : this.asOf(id, asOf);
  }

  async document<T extends object = Record<string, unknown>>(id: string): Promise<T> {
    const found = await this.readModels.get(this.options.collection, id);
    if (!found) throw this.notFound(id);
    return found.doc as T;
  }

  /** Shaped as the current view is (revision, updatedAt), plus the instant asked for. */
  async asOf(id: string, instant: string): Promise<S & { revision: number; updatedAt: string; asOf: string }> {
    const at = new Date(instant).toISOString();
    const { state, revision, events } = await this.aggregate.require(id, { recordedUntil: at });
    const derived = this.options.view ? (this.options.view as (s: S) => Record<string, unknown>)(state) : {};
    return { ...state, ...derived, revision, updatedAt: events.at(-1)!.recordedAt, asOf: at };
  }

  /** Every event of the aggregate: what happened, who did it in which role, when, with which evidence. */
  async history(id: string) {
    const events = await this.store.readStream(this.aggregate.definition.stream(id));
    if (events.length === 0) throw this.notFound(id);
    return { [this.options.idKey]: id, items: events.map(historyEntry) };
  }

  private notFound(id: string) {
    return notFound(this.aggregate.definition.notFoundCode, `No ${this.aggregate.definition.name} ${id}`);
  }
}

/** An inclusive range filter on one field; no condition when neither end is given. */
export function rangeOf(field: string, from?: string, to?: string): Filter {
  if (from === undefined && to === undefined) return {};
  return { [field]: { ...(from !== undefined ? { $gte: from } : {}), ...(to !== undefined ? { $lte: to } : {}) } } as Filter;
}
