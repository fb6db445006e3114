import { isAppError } from '../errors';

/**
 * A message that arrived before the state it needs (events of one flow out of order across
 * partitions): the bus delivers it again later instead of counting a failed attempt, and
 * dead-letters it only after it has waited longer than the consumer allows.
 */
export class NotYet extends Error {
  readonly notYet = true;
}

export function isNotYet(error: unknown): error is NotYet {
  return typeof error === 'object' && error !== null && (error as { notYet?: unknown }).notYet === true;
}

/** Turns the listed business refusals ("not in that state yet") into NotYet. */
export function waitingFor<T>(codes: string[] | undefined, work: () => Promise<T>): Promise<T> {
  if (!codes?.length) return work();
  return work().catch((error: unknown) => {
    if (isAppError(error) && codes.includes(error.code)) throw new NotYet(`${error.code}: ${error.message}`);
    throw error;
  });
}

/** How long to wait before the next delivery of a message that is not yet applicable. */
export function notYetDelay(waitedMs: number): number {
  return Math.min(1_000, 25 + waitedMs / 10);
}
