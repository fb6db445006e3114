import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { meetingDecider } from '@ooh/planning-domain';
import { MEETINGS, meetingsProjection } from './meetings.projection';

const mei: Actor = { userId: 'mei', role: 'admin' };
const zhao: Actor = { userId: 'zhao', role: 'admin' };
const AT = '2026-12-01T02:00:00.000Z';

describe('meetings projection', () => {
  it('keeps each meeting as its decider folds it', async () => {
    const events = eventsFrom(meetingDecider, [
      { type: 'OpenMeeting', data: { meetingId: 'x-1', title: 'First', at: AT, by: mei } },
      { type: 'CloseMeeting', data: { meetingId: 'x-1', reason: 'Done', at: AT, by: zhao } },
    ]);
    await projectionSpec(meetingsProjection)
      .given(...events.map((e) => ({ streamId: 'planning.meeting-x-1', recordedAt: AT, ...e })))
      .then({ [MEETINGS]: { 'x-1': { ...fold(meetingDecider, events), revision: 1, updatedAt: AT } } });
  });
});
