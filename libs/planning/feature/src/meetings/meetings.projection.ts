import { entityProjection } from '@ooh/eventing';
import { meetingDecider, type MeetingEvent } from '@ooh/planning-domain';

export const MEETINGS = 'planning_meetings';

/** Meetings for lists and views: the aggregate's own state. */
export const meetingsProjection = entityProjection({
  name: 'planning.meetings',
  collection: MEETINGS,
  category: 'planning.meeting',
  indexes: [['status'], ['openedAt']],
  decider: meetingDecider,
  id: (e: MeetingEvent) => e.data.meetingId,
});
