import { AppError, notFound, requireSecondPerson, ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import { evolveBrief, initialBriefState, type BriefEvent, type BriefState } from './brief.events';

export type OpenBrief = Command<'OpenBrief', { briefId: string; title: string; at: string; by: Actor }>;
export type CloseBrief = Command<'CloseBrief', { briefId: string; reason: string; at: string; by: Actor }>;

export type BriefCommand = OpenBrief | CloseBrief;

export function decideBrief(command: BriefCommand, state: BriefState): BriefEvent[] {
  switch (command.type) {
    case 'OpenBrief': {
      const { briefId, title, at, by } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'BRIEF_ALREADY_EXISTS', `Brief ${briefId} already exists`);
      if (title.trim() === '') throw ruleViolated('TITLE_REQUIRED', 'A brief needs a title');
      return [{ type: 'BriefOpened', data: { briefId, title, at, by } }];
    }
    case 'CloseBrief': {
      const { briefId, reason, at, by } = command.data;
      if (state.status === 'none') throw notFound('BRIEF_NOT_FOUND', `No brief ${briefId}`);
      if (state.status === 'closed') throw ruleViolated('BRIEF_CLOSED', `Brief ${briefId} is already closed`);
      requireSecondPerson(by, state.openedBy?.userId, 'Closing a brief');
      if (reason.trim() === '') throw ruleViolated('REASON_REQUIRED', 'Closing a brief needs a reason');
      return [{ type: 'BriefClosed', data: { briefId, reason, at, by } }];
    }
  }
}

export const briefDecider: Decider<BriefCommand, BriefEvent, BriefState> = {
  decide: decideBrief,
  evolve: evolveBrief,
  initialState: initialBriefState,
};
