import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { clientDecider } from '@ooh/planning-domain';
import { CLIENTS, clientsProjection } from './clients.projection';

const mei: Actor = { userId: 'mei', role: 'admin' };
const zhao: Actor = { userId: 'zhao', role: 'admin' };
const AT = '2026-12-01T02:00:00.000Z';

describe('clients projection', () => {
  it('keeps each client as its decider folds it', async () => {
    const events = eventsFrom(clientDecider, [
      { type: 'OpenClient', data: { clientId: 'x-1', title: 'First', at: AT, by: mei } },
      { type: 'CloseClient', data: { clientId: 'x-1', reason: 'Done', at: AT, by: zhao } },
    ]);
    await projectionSpec(clientsProjection)
      .given(...events.map((e) => ({ streamId: 'planning.client-x-1', recordedAt: AT, ...e })))
      .then({ [CLIENTS]: { 'x-1': { ...fold(clientDecider, events), revision: 1, updatedAt: AT } } });
  });
});
