import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { mediaPlanDecider } from '@ooh/planning-domain';
import { MEDIA_PLANS, mediaPlansProjection } from './media-plans.projection';

const mei: Actor = { userId: 'mei', role: 'admin' };
const zhao: Actor = { userId: 'zhao', role: 'admin' };
const AT = '2026-12-01T02:00:00.000Z';

describe('media-plans projection', () => {
  it('keeps each media plan as its decider folds it', async () => {
    const events = eventsFrom(mediaPlanDecider, [
      { type: 'OpenMediaPlan', data: { mediaPlanId: 'x-1', title: 'First', at: AT, by: mei } },
      { type: 'CloseMediaPlan', data: { mediaPlanId: 'x-1', reason: 'Done', at: AT, by: zhao } },
    ]);
    await projectionSpec(mediaPlansProjection)
      .given(...events.map((e) => ({ streamId: 'planning.media_plan-x-1', recordedAt: AT, ...e })))
      .then({ [MEDIA_PLANS]: { 'x-1': { ...fold(mediaPlanDecider, events), revision: 1, updatedAt: AT } } });
  });
});
