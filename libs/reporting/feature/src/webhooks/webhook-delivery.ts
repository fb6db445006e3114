import { createHmac } from 'node:crypto';
import type { ReadModelStore, ScheduledJob } from '@ooh/eventing';
import { readAll } from '@ooh/eventing';
import { WEBHOOK_MAX_ATTEMPTS, webhookBackoffMs, type WebhookState } from '@ooh/reporting-domain';
import { FEED, type FeedEntry } from '../feed/event-feed.consumer';
import { WEBHOOKS } from './webhooks.projection';

export const WEBHOOK_STATE = 'reporting_webhook_state';
export const WEBHOOK_DEAD_LETTERS = 'reporting_webhook_dead_letters';

/** Where a subscriber's deliveries stand: owned by the delivery job, apart from the registration. */
export interface DeliveryState {
  [key: string]: unknown;
  webhookId: string;
  cursor: number;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  delivered: number;
  /** The replay last applied (its request time), so each replay moves the cursor once. */
  replayApplied: string | null;
}

/** The signature a receiver checks: HMAC-SHA256 of `<timestamp>.<body>` with the subscriber's secret. */
export const webhookSignature = (secret: string, timestamp: string, body: string): string =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/**
 * Delivers the feed to each active subscriber in feed order, from its cursor: a signed POST per
 * message (the timestamp inside the signature, so a receiver refuses a replayed old delivery); a
 * refusal or timeout waits with backoff and tries again; after the last attempt the message goes to
 * the subscriber's dead letters and the next one is delivered. Each message reaches a subscriber once
 * when it answers 2xx (at least once if its answer is lost: the delivery id is the message id).
 */
export function webhookDeliveryJob(readModels: ReadModelStore, options: { everyMs?: number; timeoutMs?: number; batch?: number } = {}): ScheduledJob {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const batch = options.batch ?? 50;
  const save = (state: DeliveryState, position: number) =>
    readModels.commit([{ op: 'put', collection: WEBHOOK_STATE, id: state.webhookId, doc: state, position }]);
  let writes = 0;
  return {
    name: 'reporting.webhook-delivery',
    everyMs: options.everyMs ?? 1_000,
    async run(now) {
      for (const hook of await readAll<WebhookState>(readModels, WEBHOOKS, { status: 'active' })) {
        const stored = await readModels.get<DeliveryState>(WEBHOOK_STATE, hook.webhookId);
        let state: DeliveryState = stored?.doc ?? {
          webhookId: hook.webhookId,
          cursor: hook.startAfter,
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
          delivered: 0,
          replayApplied: null,
        };
        writes = Math.max(writes, stored?.position ?? 0);
        if (hook.replay && hook.replay.at !== state.replayApplied) {
          state = { ...state, cursor: hook.replay.fromPosition - 1, attempts: 0, nextAttemptAt: null, replayApplied: hook.replay.at };
          await save(state, ++writes);
        }
        if (state.nextAttemptAt && state.nextAttemptAt > now.toISOString()) continue;
        const page = await readModels.find<FeedEntry>(FEED, {
          filter: { position: { $gt: state.cursor }, type: { $in: hook.types } },
          sort: { field: 'position', direction: 'asc' },
          limit: batch,
        });
        for (const entry of page.items) {
          const body = JSON.stringify(entry.message);
          const timestamp = String(Math.floor(now.getTime() / 1000));
          let error: string | null = null;
          try {
            const res = await fetch(hook.url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-ooh-webhook-id': hook.webhookId,
                'x-ooh-delivery-id': entry.message.messageId,
                'x-ooh-position': String(entry.position),
                'x-ooh-timestamp': timestamp,
                'x-ooh-signature': webhookSignature(hook.secret, timestamp, body),
              },
              body,
              signal: AbortSignal.timeout(timeoutMs),
              redirect: 'error',
            });
            if (!res.ok) error = `HTTP ${res.status}`;
          } catch (e) {
            error = e instanceof Error ? e.message : String(e);
          }
          if (error === null) {
            state = { ...state, cursor: entry.position, attempts: 0, nextAttemptAt: null, lastError: null, delivered: state.delivered + 1 };
            await save(state, ++writes);
            continue;
          }
          const attempts = state.attempts + 1;
          if (attempts >= WEBHOOK_MAX_ATTEMPTS) {
            const letter = {
              webhookId: hook.webhookId,
              position: entry.position,
              messageId: entry.message.messageId,
              type: entry.type,
              error,
              attempts,
              at: now.toISOString(),
            };
            await readModels.commit([
              { op: 'put', collection: WEBHOOK_DEAD_LETTERS, id: `${hook.webhookId}:${entry.position}`, doc: letter, position: ++writes },
              {
                op: 'put',
                collection: WEBHOOK_STATE,
                id: hook.webhookId,
                doc: { ...state, cursor: entry.position, attempts: 0, nextAttemptAt: null, lastError: error },
                position: ++writes,
              },
            ]);
            state = { ...state, cursor: entry.position, attempts: 0, nextAttemptAt: null, lastError: error };
            continue;
          }
          state = { ...state, attempts, lastError: error, nextAttemptAt: new Date(now.getTime() + webhookBackoffMs(attempts)).toISOString() };
          await save(state, ++writes);
          break;
        }
      }
    },
  };
}
