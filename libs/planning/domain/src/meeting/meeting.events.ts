import { streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';

/** One stream per new-client meeting (新客户接洽): `planning.meeting-<id>`. */
export const meetingStream = (meetingId: string): string => streamName('planning', 'meeting', meetingId);

export interface MeetingAttendees {
  agency: string[];
  client: string[];
}

export interface MeetingDecision {
  text: string;
  owner: string;
  dueOn: string;
}

/** The seed's checklist, in its order. */
export const CHECKLIST = ['noticeSent', 'clientConfirmed', 'materialsPrepared', 'transportArranged'] as const;
export type ChecklistStep = (typeof CHECKLIST)[number];
export type Checklist = Record<ChecklistStep, { at: string; by: Actor; note: string | null; evidence: EvidenceRef[] } | null>;

export type MeetingScheduled = DomainEvent<
  'MeetingScheduled',
  {
    meetingId: string;
    clientId: string;
    clientName: string;
    startsAt: string;
    place: string;
    attendees: MeetingAttendees;
    agenda: string[];
    at: string;
    by: Actor;
  }
>;
export type MeetingStepDone = DomainEvent<
  'MeetingStepDone',
  { meetingId: string; step: ChecklistStep; note: string | null; evidence: EvidenceRef[]; at: string; by: Actor }
>;
export type MeetingRescheduled = DomainEvent<
  'MeetingRescheduled',
  { meetingId: string; startsAt: string; place: string; reason: string; at: string; by: Actor }
>;
export type MeetingChecklistFlagged = DomainEvent<
  'MeetingChecklistFlagged',
  { meetingId: string; clientId: string; startsAt: string; missing: ChecklistStep[]; at: string; by: Actor }
>;
export type MeetingHeld = DomainEvent<
  'MeetingHeld',
  { meetingId: string; heldAt: string; minutes: string; decisions: MeetingDecision[]; evidence: EvidenceRef[]; at: string; by: Actor }
>;
export type MeetingCancelled = DomainEvent<'MeetingCancelled', { meetingId: string; reason: string; at: string; by: Actor }>;

export type MeetingEvent = MeetingScheduled | MeetingStepDone | MeetingRescheduled | MeetingChecklistFlagged | MeetingHeld | MeetingCancelled;

export interface MeetingState {
  status: 'none' | 'scheduled' | 'held' | 'cancelled';
  meetingId: string;
  clientId: string;
  clientName: string;
  startsAt: string;
  place: string;
  attendees: MeetingAttendees;
  agenda: string[];
  checklist: Checklist;
  scheduledBy: Actor | null;
  reschedules: Array<{ from: string; to: string; reason: string; at: string; by: Actor }>;
  /** Set when the scheduler found the checklist incomplete 24 h before: once per date. */
  flaggedAt: string | null;
  flaggedMissing: ChecklistStep[];
  heldAt: string | null;
  minutes: string | null;
  decisions: MeetingDecision[];
  heldEvidence: EvidenceRef[];
  recordedHeldBy: Actor | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

const emptyChecklist = (): Checklist => ({ noticeSent: null, clientConfirmed: null, materialsPrepared: null, transportArranged: null });

export const initialMeetingState = (): MeetingState => ({
  status: 'none',
  meetingId: '',
  clientId: '',
  clientName: '',
  startsAt: '',
  place: '',
  attendees: { agency: [], client: [] },
  agenda: [],
  checklist: emptyChecklist(),
  scheduledBy: null,
  reschedules: [],
  flaggedAt: null,
  flaggedMissing: [],
  heldAt: null,
  minutes: null,
  decisions: [],
  heldEvidence: [],
  recordedHeldBy: null,
  cancelledAt: null,
  cancelReason: null,
});

export const missingSteps = (checklist: Checklist): ChecklistStep[] => CHECKLIST.filter((step) => checklist[step] === null);

export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  switch (event.type) {
    case 'MeetingScheduled': {
      const { meetingId, clientId, clientName, startsAt, place, attendees, agenda, by } = event.data;
      return { ...initialMeetingState(), status: 'scheduled', meetingId, clientId, clientName, startsAt, place, attendees, agenda, scheduledBy: by };
    }
    case 'MeetingStepDone': {
      const { step, note, evidence, at, by } = event.data;
      return { ...state, checklist: { ...state.checklist, [step]: { at, by, note, evidence } } };
    }
    case 'MeetingRescheduled': {
      const { startsAt, place, reason, at, by } = event.data;
      // A new time or place is announced, confirmed and travelled to again; the materials stay prepared.
      return {
        ...state,
        startsAt,
        place,
        checklist: { ...emptyChecklist(), materialsPrepared: state.checklist.materialsPrepared },
        reschedules: [...state.reschedules, { from: state.startsAt, to: startsAt, reason, at, by }],
        flaggedAt: null,
        flaggedMissing: [],
      };
    }
    case 'MeetingChecklistFlagged':
      return { ...state, flaggedAt: event.data.at, flaggedMissing: event.data.missing };
    case 'MeetingHeld': {
      const { heldAt, minutes, decisions, evidence, by } = event.data;
      return { ...state, status: 'held', heldAt, minutes, decisions, heldEvidence: evidence, recordedHeldBy: by };
    }
    case 'MeetingCancelled':
      return { ...state, status: 'cancelled', cancelledAt: event.data.at, cancelReason: event.data.reason };
  }
}
