import { streamName, type Actor, type DomainEvent } from '@ooh/eventing';

/** One stream per brief: `planning.brief-<id>`. */
export const briefStream = (briefId: string): string => streamName('planning', 'brief', briefId);

export type BriefOpened = DomainEvent<'BriefOpened', { briefId: string; title: string; at: string; by: Actor }>;
export type BriefClosed = DomainEvent<'BriefClosed', { briefId: string; reason: string; at: string; by: Actor }>;

export type BriefEvent = BriefOpened | BriefClosed;

export interface BriefState {
  status: 'none' | 'open' | 'closed';
  briefId: string;
  title: string;
  openedAt: string | null;
  openedBy: Actor | null;
  closedAt: string | null;
  closedBy: Actor | null;
  closeReason: string | null;
}

export const initialBriefState = (): BriefState => ({
  status: 'none',
  briefId: '',
  title: '',
  openedAt: null,
  openedBy: null,
  closedAt: null,
  closedBy: null,
  closeReason: null,
});

export function evolveBrief(state: BriefState, event: BriefEvent): BriefState {
  switch (event.type) {
    case 'BriefOpened': {
      const { briefId, title, at, by } = event.data;
      return { ...initialBriefState(), status: 'open', briefId, title, openedAt: at, openedBy: by };
    }
    case 'BriefClosed':
      return { ...state, status: 'closed', closedAt: event.data.at, closedBy: event.data.by, closeReason: event.data.reason };
  }
}
