import { LRUCache } from 'lru-cache';
import type { EventStore, IntegrationMessage, RecordedEvent } from '@ooh/eventing';
import type { RelayDefinition } from './subscriptions-host';

/**
 * A relay that publishes from an aggregate's state rather than from the event alone (what a document
 * now waits for): it sees the state before and after each event of its category. The state is folded
 * from the stream, incrementally while a stream's events come in order, so a replay maps the same way.
 */
export interface StateRelayDefinition<S> {
  name: string;
  /** The stream category it follows, e.g. `production.cf_job`. */
  category: string;
  /** The aggregate's fold (its decider will do). */
  decider: { initialState(): S; evolve(state: S, event: never): S };
  map(event: RecordedEvent, before: S, after: S): IntegrationMessage | undefined;
}

export function stateRelay<S>(definition: StateRelayDefinition<S>, store: EventStore, capacity = 2_000): RelayDefinition {
  const states = new LRUCache<string, { revision: number; state: S }>({ max: capacity });
  const { decider } = definition;
  const evolve = (state: S, e: RecordedEvent): S => decider.evolve(state, { type: e.type, data: e.data } as never);
  return {
    name: definition.name,
    filter: { categories: [definition.category] },
    async map(event) {
      const cached = states.get(event.streamId);
      let before: S;
      if (event.revision === 0) before = decider.initialState();
      else if (cached?.revision === event.revision - 1) before = cached.state;
      else {
        // Out of step (a restart, a replay): fold the stream up to the event before this one.
        const history = await store.readStream(event.streamId);
        before = history.filter((e) => e.revision < event.revision).reduce(evolve, decider.initialState());
      }
      const after = evolve(before, event);
      states.set(event.streamId, { revision: event.revision, state: after });
      return definition.map(event, before, after);
    },
  };
}
