import { streamName, type Actor, type DomainEvent } from '@ooh/eventing';

/** One stream per meeting: `planning.meeting-<id>`. */
export const meetingStream = (meetingId: string): string => streamName('planning', 'meeting', meetingId);

export type MeetingOpened = DomainEvent<'MeetingOpened', { meetingId: string; title: string; at: string; by: Actor }>;
export type MeetingClosed = DomainEvent<'MeetingClosed', { meetingId: string; reason: string; at: string; by: Actor }>;

export type MeetingEvent = MeetingOpened | MeetingClosed;

export interface MeetingState {
  status: 'none' | 'open' | 'closed';
  meetingId: string;
  title: string;
  openedAt: string | null;
  openedBy: Actor | null;
  closedAt: string | null;
  closedBy: Actor | null;
  closeReason: string | null;
}

export const initialMeetingState = (): MeetingState => ({
  status: 'none',
  meetingId: '',
  title: '',
  openedAt: null,
  openedBy: null,
  closedAt: null,
  closedBy: null,
  closeReason: null,
});

export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  switch (event.type) {
    case 'MeetingOpened': {
      const { meetingId, title, at, by } = event.data;
      return { ...initialMeetingState(), status: 'open', meetingId, title, openedAt: at, openedBy: by };
    }
    case 'MeetingClosed':
      return { ...state, status: 'closed', closedAt: event.data.at, closedBy: event.data.by, closeReason: event.data.reason };
  }
}
