import { AppError, notFound, requireSecondPerson, ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import { evolveMediaPlan, initialMediaPlanState, type MediaPlanEvent, type MediaPlanState } from './media-plan.events';

export type OpenMediaPlan = Command<'OpenMediaPlan', { mediaPlanId: string; title: string; at: string; by: Actor }>;
export type CloseMediaPlan = Command<'CloseMediaPlan', { mediaPlanId: string; reason: string; at: string; by: Actor }>;

export type MediaPlanCommand = OpenMediaPlan | CloseMediaPlan;

export function decideMediaPlan(command: MediaPlanCommand, state: MediaPlanState): MediaPlanEvent[] {
  switch (command.type) {
    case 'OpenMediaPlan': {
      const { mediaPlanId, title, at, by } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'MEDIA_PLAN_ALREADY_EXISTS', `MediaPlan ${mediaPlanId} already exists`);
      if (title.trim() === '') throw ruleViolated('TITLE_REQUIRED', 'A media plan needs a title');
      return [{ type: 'MediaPlanOpened', data: { mediaPlanId, title, at, by } }];
    }
    case 'CloseMediaPlan': {
      const { mediaPlanId, reason, at, by } = command.data;
      if (state.status === 'none') throw notFound('MEDIA_PLAN_NOT_FOUND', `No media plan ${mediaPlanId}`);
      if (state.status === 'closed') throw ruleViolated('MEDIA_PLAN_CLOSED', `MediaPlan ${mediaPlanId} is already closed`);
      requireSecondPerson(by, state.openedBy?.userId, 'Closing a media plan');
      if (reason.trim() === '') throw ruleViolated('REASON_REQUIRED', 'Closing a media plan needs a reason');
      return [{ type: 'MediaPlanClosed', data: { mediaPlanId, reason, at, by } }];
    }
  }
}

export const mediaPlanDecider: Decider<MediaPlanCommand, MediaPlanEvent, MediaPlanState> = {
  decide: decideMediaPlan,
  evolve: evolveMediaPlan,
  initialState: initialMediaPlanState,
};
