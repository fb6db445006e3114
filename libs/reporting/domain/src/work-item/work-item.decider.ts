import type { Actor, Command, Decider } from '@ooh/eventing';
import { evolveWorkItem, initialWorkItemState, type WaitingGate, type WorkItemEvent, type WorkItemFacts, type WorkItemState } from './work-item.events';

/** What a service says an item now waits for; a gate still waiting keeps the time it began. */
export type RecordWorkItemChange = Command<'RecordWorkItemChange', WorkItemFacts & { waiting: Array<Omit<WaitingGate, 'since'>>; at: string; by: Actor }>;
export type WorkItemCommand = RecordWorkItemChange;

export function decideWorkItem(command: WorkItemCommand, state: WorkItemState): WorkItemEvent[] {
  switch (command.type) {
    case 'RecordWorkItemChange': {
      const { waiting, at, by, ...facts } = command.data;
      // Redelivered, or overtaken by a later change that arrived first: nothing to do.
      if (facts.revision <= state.revision) return [];
      const stillWaiting = new Map(state.waiting.map((w) => [w.gate, w.since]));
      const gates = waiting.map((w) => ({ ...w, since: stillWaiting.get(w.gate) ?? facts.changedAt }));
      return [{ type: 'WorkItemChanged', data: { ...facts, waiting: gates, at, by } }];
    }
  }
}

export const workItemDecider: Decider<WorkItemCommand, WorkItemEvent, WorkItemState> = {
  decide: decideWorkItem,
  evolve: evolveWorkItem,
  initialState: initialWorkItemState,
};
