import { AppError, notFound, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import {
  evolveMeeting,
  initialMeetingState,
  missingSteps,
  type ChecklistStep,
  type MeetingAttendees,
  type MeetingDecision,
  type MeetingEvent,
  type MeetingState,
} from './meeting.events';
import type { ClientSnapshot } from '../shared';

export type ScheduleMeeting = Command<
  'ScheduleMeeting',
  { meetingId: string; client: ClientSnapshot; startsAt: string; place: string; attendees: MeetingAttendees; agenda: string[]; at: string; by: Actor }
>;
export type CompleteMeetingStep = Command<
  'CompleteMeetingStep',
  { meetingId: string; step: ChecklistStep; note: string | null; evidence: EvidenceRef[]; at: string; by: Actor }
>;
export type RescheduleMeeting = Command<
  'RescheduleMeeting',
  { meetingId: string; startsAt: string; place: string | null; reason: string; at: string; by: Actor }
>;
export type FlagIncompleteChecklist = Command<'FlagIncompleteChecklist', { meetingId: string; at: string; by: Actor }>;
export type HoldMeeting = Command<
  'HoldMeeting',
  { meetingId: string; heldAt: string; minutes: string; decisions: MeetingDecision[]; evidence: EvidenceRef[]; at: string; by: Actor }
>;
export type CancelMeeting = Command<'CancelMeeting', { meetingId: string; reason: string; at: string; by: Actor }>;

export type MeetingCommand = ScheduleMeeting | CompleteMeetingStep | RescheduleMeeting | FlagIncompleteChecklist | HoldMeeting | CancelMeeting;

/** The checklist is flagged when it is still incomplete this long before the meeting. */
export const FLAG_BEFORE_MS = 24 * 3600 * 1000;
/** A meeting is not recorded as held more than this long before its scheduled start. */
const EARLIEST_HELD_BEFORE_START_MS = 12 * 3600 * 1000;

const ms = (instant: string) => Date.parse(instant);
const blank = (text: string | null | undefined) => !text || text.trim() === '';

function requireOpen(state: MeetingState, meetingId: string): void {
  if (state.status === 'none') throw notFound('MEETING_NOT_FOUND', `No meeting ${meetingId}`);
  if (state.status === 'held') throw ruleViolated('MEETING_HELD', `Meeting ${meetingId} was held: its record is final`);
  if (state.status === 'cancelled') throw ruleViolated('MEETING_CANCELLED', `Meeting ${meetingId} was cancelled`);
}

function requireFutureStart(startsAt: string, at: string): void {
  if (ms(startsAt) <= ms(at)) throw ruleViolated('START_IN_PAST', `A meeting is scheduled for later than now (${at}), not ${startsAt}`);
}

/** A new-client meeting (新客户接洽) through the seed's checklist; held only once the client confirmed. */
export function decideMeeting(command: MeetingCommand, state: MeetingState): MeetingEvent[] {
  switch (command.type) {
    case 'ScheduleMeeting': {
      const { meetingId, client, startsAt, place, attendees, agenda, at, by } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'MEETING_ALREADY_EXISTS', `Meeting ${meetingId} already exists`);
      if (client.status === 'none') throw notFound('CLIENT_NOT_FOUND', `No client ${client.clientId}`);
      if (client.status === 'archived') throw ruleViolated('CLIENT_ARCHIVED', `Client ${client.clientId} is archived`);
      requireFutureStart(startsAt, at);
      if (blank(place)) throw ruleViolated('PLACE_REQUIRED', 'A meeting needs a place');
      if (attendees.agency.length === 0 || attendees.client.length === 0) {
        throw ruleViolated('ATTENDEES_REQUIRED', 'A meeting needs attendees on both sides (agency and client)');
      }
      if (agenda.length === 0 || agenda.some(blank)) throw ruleViolated('AGENDA_REQUIRED', 'A meeting needs an agenda of non-empty items');
      return [
        { type: 'MeetingScheduled', data: { meetingId, clientId: client.clientId, clientName: client.name, startsAt, place, attendees, agenda, at, by } },
      ];
    }
    case 'CompleteMeetingStep': {
      const { meetingId, step, note, evidence, at, by } = command.data;
      requireOpen(state, meetingId);
      if (state.checklist[step]) throw new AppError('conflict', 'STEP_ALREADY_DONE', `${step} was already recorded for meeting ${meetingId}`);
      if (step === 'clientConfirmed' && !state.checklist.noticeSent) {
        throw ruleViolated('NOTICE_NOT_SENT', 'The client confirms the arrangements it was sent: send the notice and agenda first');
      }
      return [{ type: 'MeetingStepDone', data: { meetingId, step, note, evidence, at, by } }];
    }
    case 'RescheduleMeeting': {
      const { meetingId, startsAt, place, reason, at, by } = command.data;
      requireOpen(state, meetingId);
      requireFutureStart(startsAt, at);
      if (blank(reason)) throw ruleViolated('REASON_REQUIRED', 'Rescheduling needs a reason');
      if (startsAt === state.startsAt && (place === null || place === state.place))
        throw ruleViolated('NOTHING_CHANGED', 'Neither the time nor the place changed');
      return [{ type: 'MeetingRescheduled', data: { meetingId, startsAt, place: blank(place) ? state.place : place!, reason, at, by } }];
    }
    case 'FlagIncompleteChecklist': {
      const { meetingId, at, by } = command.data;
      if (state.status !== 'scheduled' || state.flaggedAt !== null) return [];
      const missing = missingSteps(state.checklist);
      if (missing.length === 0 || ms(state.startsAt) - ms(at) > FLAG_BEFORE_MS) return [];
      return [{ type: 'MeetingChecklistFlagged', data: { meetingId, clientId: state.clientId, startsAt: state.startsAt, missing, at, by } }];
    }
    case 'HoldMeeting': {
      const { meetingId, heldAt, minutes, decisions, evidence, at, by } = command.data;
      requireOpen(state, meetingId);
      if (!state.checklist.clientConfirmed) {
        throw ruleViolated('CLIENT_NOT_CONFIRMED', 'A meeting is held only once the client confirmed the arrangements (recorded by an account manager)', {
          blockedBy: [
            {
              gate: 'client-confirmation',
              waitingFor: 'The client to confirm the arrangements',
              releasedBy: 'account-manager',
              releasedByRoles: ['account-manager'],
            },
          ],
        });
      }
      if (ms(heldAt) > ms(at)) throw ruleViolated('HELD_IN_FUTURE', `A meeting is recorded as held once it took place, not at ${heldAt}`);
      if (ms(heldAt) < ms(state.startsAt) - EARLIEST_HELD_BEFORE_START_MS) {
        throw ruleViolated('HELD_BEFORE_SCHEDULE', `The meeting was scheduled for ${state.startsAt}; reschedule it rather than record it held at ${heldAt}`);
      }
      if (blank(minutes)) throw ruleViolated('MINUTES_REQUIRED', 'A held meeting has its minutes');
      if (decisions.some((d) => blank(d.text) || blank(d.owner))) throw ruleViolated('DECISION_INCOMPLETE', 'Every decision has a text and an owner');
      const heldDay = heldAt.slice(0, 10);
      if (decisions.some((d) => d.dueOn < heldDay)) throw ruleViolated('DECISION_DUE_BEFORE_MEETING', 'A decision is due on or after the day of the meeting');
      return [{ type: 'MeetingHeld', data: { meetingId, heldAt, minutes, decisions, evidence, at, by } }];
    }
    case 'CancelMeeting': {
      const { meetingId, reason, at, by } = command.data;
      requireOpen(state, meetingId);
      if (blank(reason)) throw ruleViolated('REASON_REQUIRED', 'Cancelling a meeting needs a reason');
      return [{ type: 'MeetingCancelled', data: { meetingId, reason, at, by } }];
    }
  }
}

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  decide: decideMeeting,
  evolve: evolveMeeting,
  initialState: initialMeetingState,
};

/** What the meeting still waits for, and who can release each: shown on the meeting. */
export function meetingBlockers(state: MeetingState): Array<{ gate: ChecklistStep; waitingFor: string; releasedBy: string; releasedByRoles: string[] }> {
  if (state.status !== 'scheduled') return [];
  const waiting: Record<ChecklistStep, string> = {
    noticeSent: 'The meeting notice and agenda to be sent to the client',
    clientConfirmed: 'The client to confirm the arrangements',
    materialsPrepared: 'The company introduction and meeting materials to be prepared',
    transportArranged: 'Transport to be arranged',
  };
  return missingSteps(state.checklist).map((gate) => ({
    gate,
    waitingFor: waiting[gate],
    releasedBy: 'account-manager',
    releasedByRoles: ['account-manager'],
  }));
}
