import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { briefDecider } from '@ooh/planning-domain';
import { BRIEFS, briefsProjection } from './briefs.projection';

const mei: Actor = { userId: 'mei', role: 'admin' };
const zhao: Actor = { userId: 'zhao', role: 'admin' };
const AT = '2026-12-01T02:00:00.000Z';

describe('briefs projection', () => {
  it('keeps each brief as its decider folds it', async () => {
    const events = eventsFrom(briefDecider, [
      { type: 'OpenBrief', data: { briefId: 'x-1', title: 'First', at: AT, by: mei } },
      { type: 'CloseBrief', data: { briefId: 'x-1', reason: 'Done', at: AT, by: zhao } },
    ]);
    await projectionSpec(briefsProjection)
      .given(...events.map((e) => ({ streamId: 'planning.brief-x-1', recordedAt: AT, ...e })))
      .then({ [BRIEFS]: { 'x-1': { ...fold(briefDecider, events), revision: 1, updatedAt: AT } } });
  });
});
