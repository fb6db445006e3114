/**
 * Errors carry a stable `code` and a `kind`; the HTTP edge maps kinds to status codes in one
 * place. Recognise them with `isAppError` (by shape), never `instanceof`, so they survive being
 * thrown across package copies.
 */
export type ErrorKind =
  | 'invalid' // 400: the request itself is malformed
  | 'unauthenticated' // 401
  | 'forbidden' // 403: role or four-eyes rule
  | 'not-found' // 404
  | 'method-not-allowed' // 405: the path exists, not with this method (Allow lists those it has)
  | 'conflict' // 409: concurrent change the server could not retry, or a uniqueness clash
  | 'precondition-failed' // 412: the caller pinned a revision that is no longer current
  | 'rule-violated' // 422: a business rule refuses the command in the current state
  | 'unprocessable' // 422: well-formed as the API document describes it, but a rule across fields or values refuses it
  | 'too-large' // 413
  | 'rate-limited'; // 429

export interface ErrorDetail {
  field?: string;
  message: string;
  [extra: string]: unknown;
}

export class AppError extends Error {
  readonly isAppError = true as const;
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && (e as { isAppError?: unknown }).isAppError === true;
}

/** A business rule refusing a command (thrown by deciders). */
export const ruleViolated = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  new AppError('rule-violated', code, message, [], extensions);

export const forbidden = (code: string, message: string) => new AppError('forbidden', code, message);
export const notFound = (code: string, message: string) => new AppError('not-found', code, message);
export const invalid = (code: string, message: string, details: ErrorDetail[] = []) => new AppError('invalid', code, message, details);
/** Input the document cannot describe as wrong (from after to, a range too long, a cursor this API never gave): 422. */
export const unprocessable = (code: string, message: string, details: ErrorDetail[] = []) => new AppError('unprocessable', code, message, details);

export class WrongExpectedRevision extends AppError {
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    readonly actual: number,
  ) {
    super('conflict', 'WRONG_EXPECTED_REVISION', `Stream ${streamId} is at revision ${actual}, expected ${expected}`, [], {
      streamId,
      expected,
      actual,
    });
  }
}

export function isWrongExpectedRevision(e: unknown): e is WrongExpectedRevision {
  return isAppError(e) && e.code === 'WRONG_EXPECTED_REVISION';
}
