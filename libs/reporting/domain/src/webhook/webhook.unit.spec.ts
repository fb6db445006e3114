import type { Actor } from '@ooh/eventing';
import { deciderSpec } from '@ooh/eventing-testing';
import { webhookBackoffMs, webhookDecider, type WebhookCommand, type WebhookEvent } from './webhook';

const spec = deciderSpec(webhookDecider);
const admin: Actor = { userId: 'root', role: 'admin' };
const AT = '2027-01-10T02:00:00.000Z';
const register = (over: object = {}, by: Actor = admin): WebhookCommand => ({
  type: 'RegisterWebhook',
  data: { webhookId: 'w-1', url: 'https://erp.example.com/hooks', types: ['b.x', 'a.y', 'b.x'], secret: 's', startAfter: 7, at: AT, by, ...over },
});
const registered: WebhookEvent = {
  type: 'WebhookRegistered',
  data: { webhookId: 'w-1', url: 'https://erp.example.com/hooks', types: ['a.y', 'b.x'], secret: 's', startAfter: 7, at: AT, by: admin },
};
const replay = (fromPosition: number, head = 20): WebhookCommand => ({
  type: 'ReplayWebhook',
  data: { webhookId: 'w-1', fromPosition, head, at: AT, by: admin },
});

describe('webhook subscribers', () => {
  it('is registered by an administrator for an http(s) URL without credentials and at least one event type', () => {
    spec.given([]).when(register()).then([registered]);
    spec
      .given([])
      .when(register({}, { userId: 'x', role: 'integrator' }))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    for (const url of ['ftp://erp.example.com', 'not a url', 'https://user:pw@erp.example.com/hooks'])
      spec.given([]).when(register({ url })).thenThrows('URL_INVALID', 'rule-violated');
    spec
      .given([])
      .when(register({ types: [] }))
      .thenThrows('TYPES_REQUIRED', 'rule-violated');
    spec.given([registered]).when(register()).thenThrows('WEBHOOK_ALREADY_EXISTS', 'conflict');
  });

  it('replays from a position inside the feed, and is removed once', () => {
    spec
      .given([registered])
      .when(replay(3))
      .then([{ type: 'WebhookReplayRequested', data: { webhookId: 'w-1', fromPosition: 3, at: AT, by: admin } }]);
    spec.given([registered]).when(replay(22)).thenThrows('POSITION_OUT_OF_RANGE', 'rule-violated');
    spec.given([]).when(replay(1)).thenThrows('WEBHOOK_NOT_FOUND', 'not-found');
    const remove: WebhookCommand = { type: 'RemoveWebhook', data: { webhookId: 'w-1', reason: 'ERP retired', at: AT, by: admin } };
    const [removed] = spec.given([registered]).when(remove).events();
    spec.given([registered, removed]).when(remove).then([]);
    spec.given([registered, removed]).when(replay(1)).thenThrows('WEBHOOK_REMOVED', 'rule-violated');
  });

  it('backs off doubling from a second, at most five minutes', () => {
    expect([1, 2, 3, 10, 20].map(webhookBackoffMs)).toEqual([1_000, 2_000, 4_000, 300_000, 300_000]);
  });
});
