import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { webhookDecider, type WebhookCommand } from '@ooh/reporting-domain';
import { WEBHOOKS, webhooksProjection } from './webhooks.projection';

const admin: Actor = { userId: 'root', role: 'admin' };
const AT = '2027-01-10T02:00:00.000Z';
const LATER = '2027-01-11T02:00:00.000Z';

describe('webhooks projection', () => {
  const commands: WebhookCommand[] = [
    {
      type: 'RegisterWebhook',
      data: { webhookId: 'w-1', url: 'https://erp.example.com/hooks', types: ['a.b'], secret: 's', startAfter: 4, at: AT, by: admin },
    },
    { type: 'ReplayWebhook', data: { webhookId: 'w-1', fromPosition: 2, head: 9, at: LATER, by: admin } },
  ];
  const events = eventsFrom(webhookDecider, commands).map((e, i) => ({ streamId: 'reporting.webhook-w-1', recordedAt: i ? LATER : AT, ...e }));

  it('keeps each subscriber as registered, with the latest replay the delivery job applies', async () => {
    const state = fold(webhookDecider, eventsFrom(webhookDecider, commands));
    expect(state).toMatchObject({ status: 'active', startAfter: 4, replay: { fromPosition: 2, at: LATER } });
    await projectionSpec(webhooksProjection)
      .given(...events)
      .then({ [WEBHOOKS]: { 'w-1': { ...state, revision: 1, updatedAt: LATER } } });
  });
});
