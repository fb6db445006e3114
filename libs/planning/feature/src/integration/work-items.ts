import { workItemMapper } from '@ooh/contracts';
import type { StateRelayDefinition } from '@ooh/http-kit';
import { mediaPlanDecider, meetingBlockers, meetingDecider, planBlockers, type MediaPlanState, type MeetingState } from '@ooh/planning-domain';

const mediaPlans: StateRelayDefinition<MediaPlanState> = {
  name: 'planning.media-plan-work',
  category: 'planning.media_plan',
  decider: mediaPlanDecider,
  map: workItemMapper<MediaPlanState>({
    context: 'planning',
    kind: 'media-plan',
    path: '/api/planning/media-plans/{id}',
    title: (s) => `Media plan ${s.name} (${s.clientName}), version ${s.currentVersion}`,
    blockers: planBlockers,
  }),
};

const meetings: StateRelayDefinition<MeetingState> = {
  name: 'planning.meeting-work',
  category: 'planning.meeting',
  decider: meetingDecider,
  map: workItemMapper<MeetingState>({
    context: 'planning',
    kind: 'meeting',
    path: '/api/planning/meetings/{id}',
    title: (s) => `Meeting with ${s.clientName}`,
    blockers: meetingBlockers,
    deadline: (s) => (s.status === 'scheduled' ? s.startsAt.slice(0, 10) : null),
  }),
};

/** Planning's documents that wait on people, published to the work queue. */
export const WORK_ITEMS = [mediaPlans, meetings] as Array<StateRelayDefinition<unknown>>;
