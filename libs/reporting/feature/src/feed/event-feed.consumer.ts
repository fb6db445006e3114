import { CONTRACTS } from '@ooh/contracts';
import type { DeliveredMessage, ReadModelStore } from '@ooh/eventing';
import type { ConsumerDefinition } from '@ooh/http-kit';

export const FEED = 'reporting_feed';
/** The checkpoint that holds the feed's last position, moved with each entry in one commit. */
export const FEED_HEAD = 'reporting.feed.head';

export interface FeedEntry {
  [key: string]: unknown;
  position: number;
  type: string;
  message: Omit<DeliveredMessage, 'offset'>;
}

/**
 * The public event feed kept in order of arrival, for integrators who read it by HTTP from a position:
 * every message of every contract once (a redelivery is recognised by its message id), each with the
 * next position. Entries are never changed or removed.
 */
export function eventFeedConsumer(readModels: ReadModelStore): ConsumerDefinition {
  return {
    name: 'reporting.feed',
    // It numbers what it keeps: one replica at a time, reading every partition, or two could take one position.
    exclusive: true,
    types: [...new Set(CONTRACTS.map((c) => c.type))],
    async handle(delivered) {
      if (await readModels.get(FEED, delivered.messageId)) return;
      const { offset: _offset, ...message } = delivered;
      const position = (await readModels.getCheckpoint(FEED_HEAD)) + 1;
      const entry: FeedEntry = { position, type: message.type, message };
      await readModels.commit([{ op: 'put', collection: FEED, id: message.messageId, doc: entry, position }], { name: FEED_HEAD, position });
    },
  };
}
