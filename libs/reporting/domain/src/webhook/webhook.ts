import {
  AppError,
  defineAggregate,
  notFound,
  requireRole,
  ruleViolated,
  streamName,
  type Actor,
  type Command,
  type Decider,
  type DomainEvent,
} from '@ooh/eventing';

/** One stream per webhook subscriber: `reporting.webhook-<id>`. */
export const webhookStream = (webhookId: string): string => streamName('reporting', 'webhook', webhookId);
export const WEBHOOK_ADMINS = ['admin'] as const;

type Base = { webhookId: string; at: string; by: Actor };
export type WebhookRegistered = DomainEvent<'WebhookRegistered', Base & { url: string; types: string[]; secret: string; startAfter: number }>;
export type WebhookReplayRequested = DomainEvent<'WebhookReplayRequested', Base & { fromPosition: number }>;
export type WebhookRemoved = DomainEvent<'WebhookRemoved', Base & { reason: string }>;
export type WebhookEvent = WebhookRegistered | WebhookReplayRequested | WebhookRemoved;

export type RegisterWebhook = Command<'RegisterWebhook', Base & { url: string; types: string[]; secret: string; startAfter: number }>;
export type ReplayWebhook = Command<'ReplayWebhook', Base & { fromPosition: number; head: number }>;
export type RemoveWebhook = Command<'RemoveWebhook', Base & { reason: string }>;
export type WebhookCommand = RegisterWebhook | ReplayWebhook | RemoveWebhook;

export interface WebhookState {
  status: 'none' | 'active' | 'removed';
  webhookId: string;
  url: string;
  types: string[];
  secret: string;
  startAfter: number;
  /** The latest replay asked for: deliveries start again after `fromPosition - 1`. */
  replay: { fromPosition: number; at: string } | null;
}

export const initialWebhookState = (): WebhookState => ({ status: 'none', webhookId: '', url: '', types: [], secret: '', startAfter: 0, replay: null });

function evolveWebhook(state: WebhookState, event: WebhookEvent): WebhookState {
  switch (event.type) {
    case 'WebhookRegistered': {
      const { webhookId, url, types, secret, startAfter } = event.data;
      return { ...state, status: 'active', webhookId, url, types, secret, startAfter };
    }
    case 'WebhookReplayRequested':
      return { ...state, replay: { fromPosition: event.data.fromPosition, at: event.data.at } };
    case 'WebhookRemoved':
      return { ...state, status: 'removed' };
  }
}

/** Only http(s), no credentials in the URL (they would be logged and shown). */
function requireDeliveryUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw ruleViolated('URL_INVALID', `${url} is not a URL`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) throw ruleViolated('URL_INVALID', 'A webhook is delivered over http or https');
  if (parsed.username || parsed.password) throw ruleViolated('URL_INVALID', 'A webhook URL carries no credentials: deliveries are signed instead');
}

/** Webhook subscribers: an administrator registers one (where, which events, from where in the feed), replays it from a position, or removes it. */
export function decideWebhook(command: WebhookCommand, state: WebhookState): WebhookEvent[] {
  const { webhookId, at, by } = command.data;
  requireRole(by, WEBHOOK_ADMINS, 'Managing webhooks');
  switch (command.type) {
    case 'RegisterWebhook': {
      const { url, types, secret, startAfter } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'WEBHOOK_ALREADY_EXISTS', `Webhook ${webhookId} exists`);
      requireDeliveryUrl(url);
      if (types.length === 0) throw ruleViolated('TYPES_REQUIRED', 'A webhook names the event types it receives');
      return [{ type: 'WebhookRegistered', data: { webhookId, url, types: [...new Set(types)].sort(), secret, startAfter, at, by } }];
    }
    case 'ReplayWebhook': {
      const { fromPosition, head } = command.data;
      if (state.status === 'none') throw notFound('WEBHOOK_NOT_FOUND', `No webhook ${webhookId}`);
      if (state.status === 'removed') throw ruleViolated('WEBHOOK_REMOVED', `Webhook ${webhookId} was removed`);
      if (fromPosition < 1 || fromPosition > head + 1)
        throw ruleViolated('POSITION_OUT_OF_RANGE', `The feed runs from 1 to ${head}: replay from a position in it`);
      return [{ type: 'WebhookReplayRequested', data: { webhookId, fromPosition, at, by } }];
    }
    case 'RemoveWebhook': {
      if (state.status === 'none') throw notFound('WEBHOOK_NOT_FOUND', `No webhook ${webhookId}`);
      if (state.status === 'removed') return [];
      return [{ type: 'WebhookRemoved', data: { webhookId, reason: command.data.reason, at, by } }];
    }
  }
}

export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  decide: decideWebhook,
  evolve: evolveWebhook,
  initialState: initialWebhookState,
};

export const webhookAggregate = defineAggregate({
  name: 'webhook',
  decider: webhookDecider,
  stream: webhookStream,
  idField: 'webhookId',
  notFoundCode: 'WEBHOOK_NOT_FOUND',
});

/** The wait before the next attempt after `attempts` failed ones: doubling from a second, at most five minutes. */
export const webhookBackoffMs = (attempts: number): number => Math.min(1_000 * 2 ** Math.max(0, attempts - 1), 300_000);
export const WEBHOOK_MAX_ATTEMPTS = 6;
