import { isAppError, type Command, type Decider, type DomainEvent } from '@ooh/eventing';

/**
 * given/when/then for deciders:
 *   spec.given([...events]).when(command).then([...expected])
 *   spec.given([...]).when(command).thenThrows('CODE')
 */
export function deciderSpec<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given(events: E[]) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            /** For partial checks on the produced events. */
            events(): E[] {
              return run();
            },
            thenNothingHappens() {
              expect(run()).toEqual([]);
            },
            thenThrows(code: string, kind?: string) {
              let caught: unknown;
              try {
                run();
              } catch (e) {
                caught = e;
              }
              if (!isAppError(caught)) throw new Error(`expected AppError ${code}, got ${caught === undefined ? 'no error' : String(caught)}`);
              expect(caught.code).toBe(code);
              if (kind) expect(caught.kind).toBe(kind);
            },
          };
        },
        state(): S {
          return state;
        },
      };
    },
  };
}

/** The events a sequence of commands produces, each decided on the state the earlier ones left: realistic input for projection specs. */
export function eventsFrom<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, commands: C[]): E[] {
  const events: E[] = [];
  let state = decider.initialState();
  for (const command of commands) {
    const decided = decider.decide(command, state);
    state = decided.reduce(decider.evolve, state);
    events.push(...decided);
  }
  return events;
}
