import { entityProjection } from '@ooh/eventing';
import { meetingBlockers, meetingDecider, type MeetingEvent } from '@ooh/planning-domain';

export const MEETINGS = 'planning_meetings';

/** New-client meetings with their checklist, what they still wait for and whether the 24 h check flagged them. */
export const meetingsProjection = entityProjection({
  name: 'planning.meetings',
  collection: MEETINGS,
  category: 'planning.meeting',
  indexes: [['status', 'startsAt'], ['clientId', 'startsAt'], ['flagged', 'startsAt'], ['startsAt']],
  decider: meetingDecider,
  id: (e: MeetingEvent) => e.data.meetingId,
  view: (state) => ({ flagged: state.flaggedAt !== null, blockedBy: meetingBlockers(state) }),
});
