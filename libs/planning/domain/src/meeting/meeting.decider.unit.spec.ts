import type { Actor } from '@ooh/eventing';
import { deciderSpec } from '@ooh/eventing-testing';
import { meetingBlockers, meetingDecider, type MeetingCommand } from './meeting.decider';
import type { ChecklistStep, MeetingEvent } from './meeting.events';

const spec = deciderSpec(meetingDecider);
const am: Actor = { userId: 'wang', role: 'account-manager' };
const scheduler: Actor = { userId: 'system:scheduler', role: 'system' };
const AT = '2026-12-01T02:00:00.000Z';
const STARTS = '2026-12-05T02:00:00.000Z';
const id = 'm-1';
const client = { clientId: 'c-1', name: 'Chongqing Beer Co.', status: 'active' as const };
const attendees = { agency: ['Wang'], client: ['Ms Liu'] };

const schedule = (over: Partial<Extract<MeetingCommand, { type: 'ScheduleMeeting' }>['data']> = {}): MeetingCommand => ({
  type: 'ScheduleMeeting',
  data: {
    meetingId: id,
    client,
    startsAt: STARTS,
    place: 'Client HQ, room 3',
    attendees,
    agenda: ['Introductions', 'Winter campaign'],
    at: AT,
    by: am,
    ...over,
  },
});
const step = (s: ChecklistStep, at = AT): MeetingCommand => ({
  type: 'CompleteMeetingStep',
  data: { meetingId: id, step: s, note: null, evidence: [], at, by: am },
});
const done = (s: ChecklistStep, at = AT): MeetingEvent => ({ type: 'MeetingStepDone', data: { meetingId: id, step: s, note: null, evidence: [], at, by: am } });
const hold = (
  heldAt = '2026-12-05T03:00:00.000Z',
  at = '2026-12-05T04:00:00.000Z',
  decisions = [{ text: 'Send a proposal', owner: 'Wang', dueOn: '2026-12-12' }],
): MeetingCommand => ({
  type: 'HoldMeeting',
  data: { meetingId: id, heldAt, minutes: 'Met the brand team.', decisions, evidence: [], at, by: am },
});
const flag = (at: string): MeetingCommand => ({ type: 'FlagIncompleteChecklist', data: { meetingId: id, at, by: scheduler } });
const scheduled: MeetingEvent = {
  type: 'MeetingScheduled',
  data: {
    meetingId: id,
    clientId: 'c-1',
    clientName: 'Chongqing Beer Co.',
    startsAt: STARTS,
    place: 'Client HQ, room 3',
    attendees,
    agenda: ['Introductions', 'Winter campaign'],
    at: AT,
    by: am,
  },
};
const confirmed = [scheduled, done('noticeSent'), done('clientConfirmed')];

describe('Meeting decider', () => {
  describe('When scheduling', () => {
    it('should schedule a meeting with a client, a future time, a place, both sides and an agenda', () => spec.given([]).when(schedule()).then([scheduled]));
    it('should refuse what the checklist cannot start from', () => {
      spec
        .given([])
        .when(schedule({ startsAt: AT }))
        .thenThrows('START_IN_PAST', 'rule-violated');
      spec
        .given([])
        .when(schedule({ place: ' ' }))
        .thenThrows('PLACE_REQUIRED', 'rule-violated');
      spec
        .given([])
        .when(schedule({ attendees: { agency: ['Wang'], client: [] } }))
        .thenThrows('ATTENDEES_REQUIRED', 'rule-violated');
      spec
        .given([])
        .when(schedule({ agenda: [] }))
        .thenThrows('AGENDA_REQUIRED', 'rule-violated');
      spec
        .given([])
        .when(schedule({ client: { ...client, status: 'archived' } }))
        .thenThrows('CLIENT_ARCHIVED', 'rule-violated');
      spec
        .given([])
        .when(schedule({ client: { ...client, status: 'none' } }))
        .thenThrows('CLIENT_NOT_FOUND', 'not-found');
      spec.given([scheduled]).when(schedule()).thenThrows('MEETING_ALREADY_EXISTS', 'conflict');
    });
  });

  describe('Given a scheduled meeting', () => {
    it('should record each checklist step once, the client confirming only what it was sent', () => {
      spec
        .given([scheduled])
        .when(step('noticeSent'))
        .then([done('noticeSent')]);
      spec.given([scheduled]).when(step('clientConfirmed')).thenThrows('NOTICE_NOT_SENT', 'rule-violated');
      spec
        .given([scheduled, done('noticeSent')])
        .when(step('noticeSent'))
        .thenThrows('STEP_ALREADY_DONE', 'conflict');
    });
    it('should not be held before the client confirmed, and say who releases it', () => {
      spec
        .given([scheduled, done('noticeSent')])
        .when(hold())
        .thenThrows('CLIENT_NOT_CONFIRMED', 'rule-violated');
      expect(meetingBlockers(spec.given([scheduled, done('noticeSent')]).state()).map((b) => [b.gate, b.releasedBy])).toEqual([
        ['clientConfirmed', 'account-manager'],
        ['materialsPrepared', 'account-manager'],
        ['transportArranged', 'account-manager'],
      ]);
    });
    it('should be held once confirmed, with minutes and decisions with owners and due dates', () => {
      spec
        .given(confirmed)
        .when(hold())
        .then([{ type: 'MeetingHeld', data: { ...(hold() as Extract<MeetingCommand, { type: 'HoldMeeting' }>).data } }]);
      spec.given(confirmed).when(hold('2026-12-05T05:00:00.000Z')).thenThrows('HELD_IN_FUTURE', 'rule-violated');
      spec.given(confirmed).when(hold('2026-12-03T00:00:00.000Z')).thenThrows('HELD_BEFORE_SCHEDULE', 'rule-violated');
      spec
        .given(confirmed)
        .when(hold(undefined, undefined, [{ text: 'x', owner: ' ', dueOn: '2026-12-12' }]))
        .thenThrows('DECISION_INCOMPLETE', 'rule-violated');
      spec
        .given(confirmed)
        .when(hold(undefined, undefined, [{ text: 'x', owner: 'Wang', dueOn: '2026-12-01' }]))
        .thenThrows('DECISION_DUE_BEFORE_MEETING', 'rule-violated');
    });
    it('should be rescheduled with a reason, asking for notice, confirmation and transport again', () => {
      const moved: MeetingCommand = {
        type: 'RescheduleMeeting',
        data: { meetingId: id, startsAt: '2026-12-08T02:00:00.000Z', place: null, reason: 'Client travelling', at: AT, by: am },
      };
      const events = spec
        .given([...confirmed, done('materialsPrepared')])
        .when(moved)
        .events();
      expect(events).toEqual([
        {
          type: 'MeetingRescheduled',
          data: { meetingId: id, startsAt: '2026-12-08T02:00:00.000Z', place: 'Client HQ, room 3', reason: 'Client travelling', at: AT, by: am },
        },
      ]);
      const state = spec.given([...confirmed, done('materialsPrepared'), ...events]).state();
      expect(state.checklist).toMatchObject({
        noticeSent: null,
        clientConfirmed: null,
        transportArranged: null,
        materialsPrepared: expect.objectContaining({ by: am }),
      });
      spec
        .given(confirmed)
        .when({ ...moved, data: { ...moved.data, reason: '' } })
        .thenThrows('REASON_REQUIRED', 'rule-violated');
      spec
        .given(confirmed)
        .when({ ...moved, data: { ...moved.data, startsAt: STARTS } })
        .thenThrows('NOTHING_CHANGED', 'rule-violated');
    });
    it('should be cancelled with a reason, after which its record is final', () => {
      const cancel: MeetingCommand = { type: 'CancelMeeting', data: { meetingId: id, reason: 'Client postponed indefinitely', at: AT, by: am } };
      const cancelled = spec.given([scheduled]).when(cancel).events();
      spec
        .given([scheduled, ...cancelled])
        .when(step('noticeSent'))
        .thenThrows('MEETING_CANCELLED', 'rule-violated');
      spec
        .given([scheduled, ...cancelled])
        .when(hold())
        .thenThrows('MEETING_CANCELLED', 'rule-violated');
    });
  });

  describe('The 24-hour checklist flag', () => {
    it('should flag an incomplete checklist within 24 h of the start, once, naming what is missing', () => {
      spec
        .given([scheduled, done('noticeSent')])
        .when(flag('2026-12-04T01:00:00.000Z'))
        .then([]);
      spec
        .given([scheduled, done('noticeSent')])
        .when(flag('2026-12-04T02:00:00.000Z'))
        .then([
          {
            type: 'MeetingChecklistFlagged',
            data: {
              meetingId: id,
              clientId: 'c-1',
              startsAt: STARTS,
              missing: ['clientConfirmed', 'materialsPrepared', 'transportArranged'],
              at: '2026-12-04T02:00:00.000Z',
              by: scheduler,
            },
          },
        ]);
      const flagged = spec.given([scheduled]).when(flag('2026-12-04T03:00:00.000Z')).events();
      spec
        .given([scheduled, ...flagged])
        .when(flag('2026-12-04T04:00:00.000Z'))
        .then([]);
    });
    it('should not flag a complete checklist, a held or a cancelled meeting', () => {
      const complete = [...confirmed, done('materialsPrepared'), done('transportArranged')];
      spec.given(complete).when(flag('2026-12-04T12:00:00.000Z')).then([]);
      spec.given([]).when(flag('2026-12-04T12:00:00.000Z')).then([]);
    });
  });
});
