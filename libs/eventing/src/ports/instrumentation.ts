/** Hooks the kernel calls so the edge can record metrics without the kernel knowing the library. */
export interface Instrumentation {
  commandHandled(commandType: string, seconds: number, outcome: 'ok' | 'rejected' | 'conflict' | 'error'): void;
  eventsAppended(count: number): void;
  subscriptionProgress(name: string, position: number, head: number): void;
}

export const noInstrumentation: Instrumentation = {
  commandHandled: () => undefined,
  eventsAppended: () => undefined,
  subscriptionProgress: () => undefined,
};
