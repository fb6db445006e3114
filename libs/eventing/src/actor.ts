import { forbidden } from './errors';

/** Who did something, and in which of their roles. Comes from the verified token, never the body. */
export interface Actor {
  userId: string;
  role: string;
}

/**
 * Four-eyes: the person approving, signing or verifying must not be the one who requested,
 * drafted or did the work. Applies to every role, admin included.
 */
export function requireSecondPerson(actor: Actor, otherUserId: string | undefined, what: string): void {
  if (otherUserId !== undefined && actor.userId === otherUserId) {
    throw forbidden('FOUR_EYES_VIOLATION', `${what} must be done by someone other than ${otherUserId}`);
  }
}
