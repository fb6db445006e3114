import { isAppError } from '../errors';

/**
 * The dead-letter reason for a message that broke its contract (it will never succeed, so it is
 * dead-lettered at once), or undefined for any other failure (retried).
 */
export function poisonReason(error: unknown): string | undefined {
  if (!isAppError(error) || error.code !== 'POISON_MESSAGE') return undefined;
  const details = error.details.length ? ` (${error.details.map((d) => `${d.field}: ${d.message}`).join('; ')})` : '';
  return `${error.code}: ${error.message}${details}`;
}
