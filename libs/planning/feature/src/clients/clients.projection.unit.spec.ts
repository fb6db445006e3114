import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { clientDecider } from '@ooh/planning-domain';
import { CLIENTS, clientsProjection } from './clients.projection';

const am: Actor = { userId: 'wang', role: 'account-manager' };
const AT = '2026-12-01T02:00:00.000Z';

describe('clients projection', () => {
  it('keeps each client file as its decider folds it, with its search key', async () => {
    const events = eventsFrom(clientDecider, [
      {
        type: 'RegisterClient',
        data: { clientId: 'c-1', name: 'Chongqing Beer', industry: 'beverages', contacts: [], needs: null, notes: null, at: AT, by: am },
      },
      { type: 'UpdateClient', data: { clientId: 'c-1', changes: { name: 'CQ Beer' }, at: AT, by: am } },
      { type: 'ArchiveClient', data: { clientId: 'c-1', reason: 'Lost', at: AT, by: am } },
    ]);
    await projectionSpec(clientsProjection)
      .given(...events.map((e) => ({ streamId: 'planning.client-c-1', recordedAt: AT, ...e })))
      .then({ [CLIENTS]: { 'c-1': { ...fold(clientDecider, events), nameKey: 'cq beer', revision: 2, updatedAt: AT } } });
  });
});
