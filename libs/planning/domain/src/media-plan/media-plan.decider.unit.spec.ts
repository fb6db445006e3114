import type { Actor } from '@ooh/eventing';
import { deciderSpec } from '@ooh/eventing-testing';
import { mediaPlanDecider, type MediaPlanCommand } from './media-plan.decider';
import type { MediaPlanEvent } from './media-plan.events';

const spec = deciderSpec(mediaPlanDecider);
const mei: Actor = { userId: 'mei', role: 'admin' };
const zhao: Actor = { userId: 'zhao', role: 'admin' };
const AT = '2026-12-01T02:00:00.000Z';
const id = 'x-1';

const open = (title = 'First'): MediaPlanCommand => ({ type: 'OpenMediaPlan', data: { mediaPlanId: id, title, at: AT, by: mei } });
const close = (by: Actor = zhao, reason = 'Done'): MediaPlanCommand => ({ type: 'CloseMediaPlan', data: { mediaPlanId: id, reason, at: AT, by } });
const opened: MediaPlanEvent = { type: 'MediaPlanOpened', data: { mediaPlanId: id, title: 'First', at: AT, by: mei } };
const closed: MediaPlanEvent = { type: 'MediaPlanClosed', data: { mediaPlanId: id, reason: 'Done', at: AT, by: zhao } };

describe('MediaPlan decider', () => {
  it('opens a media plan with a title', () => {
    spec.given([]).when(open()).then([opened]);
    spec.given([]).when(open(' ')).thenThrows('TITLE_REQUIRED', 'rule-violated');
    spec.given([opened]).when(open()).thenThrows('MEDIA_PLAN_ALREADY_EXISTS', 'conflict');
  });

  it('is closed by someone other than who opened it, with a reason', () => {
    spec.given([opened]).when(close()).then([closed]);
    spec.given([opened]).when(close(mei)).thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    spec.given([opened]).when(close(zhao, '')).thenThrows('REASON_REQUIRED', 'rule-violated');
    spec.given([opened, closed]).when(close()).thenThrows('MEDIA_PLAN_CLOSED', 'rule-violated');
    spec.given([]).when(close()).thenThrows('MEDIA_PLAN_NOT_FOUND', 'not-found');
  });

  it('keeps who opened and closed it', () => {
    expect(spec.given([opened, closed]).state()).toMatchObject({ status: 'closed', openedBy: mei, closedBy: zhao, closeReason: 'Done' });
  });
});
