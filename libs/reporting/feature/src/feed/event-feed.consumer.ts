import { CONTRACTS } from '@ooh/contracts';
import type { DeliveredMessage, ReadModelStore } from '@ooh/eventing';
import type { ConsumerDefinition } from '@ooh/http-kit';

export const FEED = 'reporting_feed';
/** The checkpoint that holds the feed's last position whose entry is written and indexed (a hint where to number next; readers see up to it). */
export const FEED_HEAD = 'reporting.feed.head';
/** An entry's id is its position: a position is taken by inserting it, which only one writer can do. */
export const feedEntryId = (position: number): string => String(position).padStart(15, '0');
/** Where each message's entry is, by message id (read by id alone: FerretDB reads a whole collection for any other filter). */
export const FEED_MESSAGES = 'reporting_feed_messages';

export interface FeedEntry {
  [key: string]: unknown;
  position: number;
  type: string;
  message: Omit<DeliveredMessage, 'offset'>;
}

/**
 * The public event feed kept in order of arrival, for integrators who read it by HTTP from a position:
 * every message of every contract once (a redelivery is recognised by its message id), each with the
 * next position, no position taken twice or left empty. Entries are never changed or removed.
 *
 * One replica at a time holds the feed's lease, but a holder paused past its lease (SIGSTOP, a long
 * GC, a cut network) wakes up mid-message while another holds it. So an entry is stored under its
 * position and written only where none is (the store's guarded put of an absent document, which
 * FerretDB keeps atomic too, unlike a conditional update), then read back to see whose it is; the
 * head only hints where to try, so a head left behind or moved back costs a retry, not a position.
 * Every read is by id.
 */
export function eventFeedConsumer(readModels: ReadModelStore): ConsumerDefinition {
  const at = async (position: number) => (await readModels.get<FeedEntry>(FEED, feedEntryId(position)))?.doc;
  // Entries stored before they were keyed by position are keyed by message id.
  const kept = async (messageId: string) =>
    (await readModels.get(FEED_MESSAGES, messageId)) !== undefined || (await readModels.get(FEED, messageId)) !== undefined;
  const indexed = (entry: FeedEntry) => ({
    op: 'put' as const,
    collection: FEED_MESSAGES,
    id: entry.message.messageId,
    doc: { position: entry.position },
    position: entry.position,
  });
  /** The last position taken when the consumer started: those not found by position were numbered before entries were keyed by it. */
  let unkeyed: Promise<number> | undefined;
  const unkeyedHead = async () => {
    const [last] = (await readModels.find<FeedEntry>(FEED, { sort: { field: 'position', direction: 'desc' }, limit: 1 })).items;
    return last?.position ?? 0;
  };
  return {
    name: 'reporting.feed',
    // It numbers what it keeps: one replica at a time, reading every partition, so positions follow arrival.
    exclusive: true,
    types: [...new Set(CONTRACTS.map((c) => c.type))],
    async handle(delivered) {
      const { offset: _offset, ...message } = delivered;
      unkeyed ??= unkeyedHead().catch((error: unknown) => {
        unkeyed = undefined;
        throw error;
      });
      const floor = await unkeyed;
      for (let position = (await readModels.getCheckpoint(FEED_HEAD)) + 1; ; position++) {
        // Every position below is taken: first see whether this message holds one of them.
        const taken = await at(position);
        if (!taken && position <= floor) continue; // taken before entries were keyed by position
        if (taken?.message.messageId === message.messageId) return readModels.commit([indexed(taken)], { name: FEED_HEAD, position });
        // Its writer may have stopped before indexing it (where a commit is not one transaction): index it, or its message could come again.
        if (taken) {
          await readModels.commit([indexed(taken)]);
          continue;
        }
        if (await kept(message.messageId)) return;
        const entry: FeedEntry = { position, type: message.type, message };
        await readModels.commit([{ op: 'put', collection: FEED, id: feedEntryId(position), doc: entry, position }]);
        // The head moves once the entry is indexed: a redelivery finds its message below the head by the index, above it by the probe.
        if ((await at(position))?.message.messageId === message.messageId) return readModels.commit([indexed(entry)], { name: FEED_HEAD, position });
        // Another replica took the position first: try the next.
      }
    },
  };
}
