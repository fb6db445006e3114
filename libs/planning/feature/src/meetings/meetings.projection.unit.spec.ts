import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { meetingBlockers, meetingDecider } from '@ooh/planning-domain';
import { MEETINGS, meetingsProjection } from './meetings.projection';

const am: Actor = { userId: 'wang', role: 'account-manager' };
const AT = '2026-12-01T02:00:00.000Z';

describe('meetings projection', () => {
  it('keeps each meeting as its decider folds it, with its flag and what it waits for', async () => {
    const events = eventsFrom(meetingDecider, [
      {
        type: 'ScheduleMeeting',
        data: {
          meetingId: 'm-1',
          client: { clientId: 'c-1', name: 'CQ Beer', status: 'active' },
          startsAt: '2026-12-02T02:00:00.000Z',
          place: 'HQ',
          attendees: { agency: ['Wang'], client: ['Liu'] },
          agenda: ['Intro'],
          at: AT,
          by: am,
        },
      },
      { type: 'CompleteMeetingStep', data: { meetingId: 'm-1', step: 'noticeSent', note: null, evidence: [], at: AT, by: am } },
      { type: 'FlagIncompleteChecklist', data: { meetingId: 'm-1', at: '2026-12-01T03:00:00.000Z', by: { userId: 'system:scheduler', role: 'system' } } },
    ]);
    const state = fold(meetingDecider, events);
    expect(state.flaggedMissing).toEqual(['clientConfirmed', 'materialsPrepared', 'transportArranged']);
    await projectionSpec(meetingsProjection)
      .given(...events.map((e) => ({ streamId: 'planning.meeting-m-1', recordedAt: AT, ...e })))
      .then({ [MEETINGS]: { 'm-1': { ...state, flagged: true, blockedBy: meetingBlockers(state), revision: 2, updatedAt: AT } } });
  });
});
