import { poisonReason } from '../adapter-support/dead-letter-reason';
import { isNotYet, notYetDelay } from './not-yet';

export interface DeliveryFailure {
  error: string;
  attempts: number;
}

export interface DeliveryPolicy {
  maxAttempts: number;
  /** How long a message answered NotYet may keep waiting. */
  maxWaitMs: number;
  /** First retry delay; doubles per attempt. */
  retryDelayMs: number;
  /** True once the consumer is stopping: the error is rethrown and nothing is dead-lettered. */
  stopping(): boolean;
  /** Errors that are not the message's fault (an outage of our own stores): rethrown, never counted. */
  rethrow?(error: unknown): boolean;
  /** Called while a message waits (e.g. a Kafka heartbeat). */
  whileWaiting?(): Promise<void>;
  /** Answer "not yet" at once instead of waiting here: the bus parks the message and moves on to others. */
  reportNotYet?: boolean;
}

/** The message came before the state it needs (with `reportNotYet`): to be delivered again later. */
export interface NotYetResult {
  notYet: true;
  reason: string;
}

export const isNotYetResult = (result: DeliveryFailure | NotYetResult | undefined): result is NotYetResult => result !== undefined && 'notYet' in result;

/**
 * One message's delivery policy for every bus: bounded retries with backoff; a contract breach
 * dead-lettered at once; "not yet" waits without using up attempts. Undefined on success, the
 * failure to dead-letter otherwise.
 */
export async function deliverWithRetries(
  handle: () => Promise<void>,
  policy: DeliveryPolicy & { reportNotYet: true },
): Promise<DeliveryFailure | NotYetResult | undefined>;
export async function deliverWithRetries(handle: () => Promise<void>, policy: DeliveryPolicy): Promise<DeliveryFailure | undefined>;
export async function deliverWithRetries(handle: () => Promise<void>, policy: DeliveryPolicy): Promise<DeliveryFailure | NotYetResult | undefined> {
  let lastError = '';
  const firstTry = Date.now();
  for (let attempt = 1; attempt <= policy.maxAttempts;) {
    try {
      await handle();
      return undefined;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      if (policy.stopping() || policy.rethrow?.(error)) throw error;
      if (isNotYet(error)) {
        if (policy.reportNotYet) return { notYet: true, reason: lastError };
        const waited = Date.now() - firstTry;
        if (waited > policy.maxWaitMs) return { error: `waited ${waited} ms for its precondition: ${lastError}`, attempts: attempt };
        await new Promise((r) => setTimeout(r, notYetDelay(waited)));
        await policy.whileWaiting?.();
        continue;
      }
      const poison = poisonReason(error);
      if (poison) return { error: poison, attempts: attempt };
      if (attempt === policy.maxAttempts) break;
      await new Promise((r) => setTimeout(r, policy.retryDelayMs * 2 ** (attempt - 1)));
      attempt++;
    }
  }
  return { error: lastError, attempts: policy.maxAttempts };
}
