import { AppError, notFound, requireSecondPerson, ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import { evolveMeeting, initialMeetingState, type MeetingEvent, type MeetingState } from './meeting.events';

export type OpenMeeting = Command<'OpenMeeting', { meetingId: string; title: string; at: string; by: Actor }>;
export type CloseMeeting = Command<'CloseMeeting', { meetingId: string; reason: string; at: string; by: Actor }>;

export type MeetingCommand = OpenMeeting | CloseMeeting;

export function decideMeeting(command: MeetingCommand, state: MeetingState): MeetingEvent[] {
  switch (command.type) {
    case 'OpenMeeting': {
      const { meetingId, title, at, by } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'MEETING_ALREADY_EXISTS', `Meeting ${meetingId} already exists`);
      if (title.trim() === '') throw ruleViolated('TITLE_REQUIRED', 'A meeting needs a title');
      return [{ type: 'MeetingOpened', data: { meetingId, title, at, by } }];
    }
    case 'CloseMeeting': {
      const { meetingId, reason, at, by } = command.data;
      if (state.status === 'none') throw notFound('MEETING_NOT_FOUND', `No meeting ${meetingId}`);
      if (state.status === 'closed') throw ruleViolated('MEETING_CLOSED', `Meeting ${meetingId} is already closed`);
      requireSecondPerson(by, state.openedBy?.userId, 'Closing a meeting');
      if (reason.trim() === '') throw ruleViolated('REASON_REQUIRED', 'Closing a meeting needs a reason');
      return [{ type: 'MeetingClosed', data: { meetingId, reason, at, by } }];
    }
  }
}

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  decide: decideMeeting,
  evolve: evolveMeeting,
  initialState: initialMeetingState,
};
