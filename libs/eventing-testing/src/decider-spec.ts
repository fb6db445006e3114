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
