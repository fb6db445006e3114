import { defineAggregate } from '@ooh/eventing';
import { meetingDecider } from './meeting.decider';
import { meetingStream } from './meeting.events';

export const meetingAggregate = defineAggregate({
  name: 'meeting',
  decider: meetingDecider,
  stream: meetingStream,
  idField: 'meetingId',
  notFoundCode: 'MEETING_NOT_FOUND',
});
