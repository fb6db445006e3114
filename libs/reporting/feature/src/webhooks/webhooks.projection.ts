import { entityProjection } from '@ooh/eventing';
import { webhookDecider, type WebhookEvent } from '@ooh/reporting-domain';

export const WEBHOOKS = 'reporting_webhooks';

/** Webhook subscribers as registered (their secrets stay here; views leave them out). */
export const webhooksProjection = entityProjection({
  name: 'reporting.webhooks',
  collection: WEBHOOKS,
  category: 'reporting.webhook',
  indexes: [['status']],
  decider: webhookDecider,
  id: (e: WebhookEvent) => e.data.webhookId,
});
