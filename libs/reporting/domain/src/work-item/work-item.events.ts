import { streamName, type Actor, type DomainEvent } from '@ooh/eventing';

/** One stream per document that can wait on people: `reporting.work_item-<context>:<kind>:<id>`. */
export const workItemStream = (key: string): string => streamName('reporting', 'work_item', key);
export const workItemKey = (context: string, kind: string, itemId: string): string => `${context}:${kind}:${itemId}`;

/** A gate the item waits at: who releases it, and since when it has waited there. */
export interface WaitingGate {
  gate: string;
  waitingFor: string;
  releasedBy: string;
  releasedByRoles: string[];
  onBehalfOf: string | null;
  assignees: string[];
  since: string;
}

export interface WorkItemFacts {
  key: string;
  context: string;
  kind: string;
  itemId: string;
  title: string;
  itemStatus: string | null;
  deadline: string | null;
  link: string;
  /** The source stream's revision: changes are applied in its order, older ones ignored. */
  revision: number;
  changedAt: string;
}

export type WorkItemChanged = DomainEvent<'WorkItemChanged', WorkItemFacts & { waiting: WaitingGate[]; at: string; by: Actor }>;
export type WorkItemEvent = WorkItemChanged;

export interface WorkItemState extends Omit<WorkItemFacts, 'revision'> {
  status: 'none' | 'waiting' | 'clear';
  revision: number;
  waiting: WaitingGate[];
  /** When its longest-waiting gate began (null: it waits for nobody). */
  waitingSince: string | null;
}

export const initialWorkItemState = (): WorkItemState => ({
  status: 'none',
  key: '',
  context: '',
  kind: '',
  itemId: '',
  title: '',
  itemStatus: null,
  deadline: null,
  link: '',
  revision: -1,
  changedAt: '',
  waiting: [],
  waitingSince: null,
});

export function evolveWorkItem(state: WorkItemState, event: WorkItemEvent): WorkItemState {
  switch (event.type) {
    case 'WorkItemChanged': {
      const { at: _at, by: _by, waiting, ...facts } = event.data;
      const since = waiting.map((w) => w.since).sort()[0] ?? null;
      return { ...state, ...facts, status: waiting.length ? 'waiting' : 'clear', waiting, waitingSince: since };
    }
  }
}
