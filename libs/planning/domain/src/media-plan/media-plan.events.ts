import { streamName, type Actor, type DomainEvent } from '@ooh/eventing';

/** One stream per media plan: `planning.media_plan-<id>`. */
export const mediaPlanStream = (mediaPlanId: string): string => streamName('planning', 'media_plan', mediaPlanId);

export type MediaPlanOpened = DomainEvent<'MediaPlanOpened', { mediaPlanId: string; title: string; at: string; by: Actor }>;
export type MediaPlanClosed = DomainEvent<'MediaPlanClosed', { mediaPlanId: string; reason: string; at: string; by: Actor }>;

export type MediaPlanEvent = MediaPlanOpened | MediaPlanClosed;

export interface MediaPlanState {
  status: 'none' | 'open' | 'closed';
  mediaPlanId: string;
  title: string;
  openedAt: string | null;
  openedBy: Actor | null;
  closedAt: string | null;
  closedBy: Actor | null;
  closeReason: string | null;
}

export const initialMediaPlanState = (): MediaPlanState => ({
  status: 'none',
  mediaPlanId: '',
  title: '',
  openedAt: null,
  openedBy: null,
  closedAt: null,
  closedBy: null,
  closeReason: null,
});

export function evolveMediaPlan(state: MediaPlanState, event: MediaPlanEvent): MediaPlanState {
  switch (event.type) {
    case 'MediaPlanOpened': {
      const { mediaPlanId, title, at, by } = event.data;
      return { ...initialMediaPlanState(), status: 'open', mediaPlanId, title, openedAt: at, openedBy: by };
    }
    case 'MediaPlanClosed':
      return { ...state, status: 'closed', closedAt: event.data.at, closedBy: event.data.by, closeReason: event.data.reason };
  }
}
