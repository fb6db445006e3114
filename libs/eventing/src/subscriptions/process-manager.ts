import { crashPoint } from '../crash-points';
import { waitingFor } from './not-yet';
import type { ProcessedMessages } from '../ports/checkpoint-store';
import type { DeliveredMessage, MessageBus } from '../ports/message-bus';

/**
 * A process manager consumes integration messages from other contexts and issues commands. Each
 * message's effect runs at most once per manager (deduped by message id), and the commands it
 * issues use ids derived from the message, so even a crash between effect and record is harmless.
 */
export async function startProcessManager(deps: {
  name: string;
  bus: MessageBus;
  processed: ProcessedMessages;
  types: string[];
  handle(message: DeliveredMessage): Promise<void>;
  maxAttempts?: number;
  /** Refusal codes that mean "this message came early": it waits instead of failing. */
  waitFor?: string[];
  maxWaitMs?: number;
}): Promise<{ stop(): Promise<void> }> {
  return deps.bus.consume({
    group: deps.name,
    types: deps.types,
    maxAttempts: deps.maxAttempts,
    maxWaitMs: deps.maxWaitMs,
    handle: async (message) => {
      await deps.processed.once(deps.name, message.messageId, async () => {
        await waitingFor(deps.waitFor, () => deps.handle(message));
        crashPoint('after-consume-effect');
      });
    },
  });
}
