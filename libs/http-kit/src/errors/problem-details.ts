import { AppError, isAppError, type ErrorDetail, type ErrorKind } from '@ooh/eventing';
import { HttpException } from '@nestjs/common';

/** RFC 9457 problem details. `code` is stable; clients branch on it, never on `detail`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: ErrorDetail[];
  correlationId?: string;
  [extension: string]: unknown;
}

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'too-large': 413,
  'rule-violated': 422,
  'method-not-allowed': 405,
  unprocessable: 422,
  'rate-limited': 429,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Fastify's own errors that reach the filter before any handler runs. */
const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'EMPTY_JSON_BODY' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_CONTENT_LENGTH' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'FILE_TOO_LARGE' },
  FST_FILES_LIMIT: { status: 413, code: 'TOO_MANY_FILES' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: 'NOT_MULTIPART' },
  FST_ERR_BAD_URL: { status: 400, code: 'MALFORMED_URL' },
  // No resource has an id that long: the path names nothing (every id route documents its 404).
  FST_ERR_MAX_PARAM_LENGTH: { status: 404, code: 'RESOURCE_NOT_FOUND' },
};

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** The one place where errors become problem+json. */
export function toProblem(error: unknown): ProblemDetails {
  if (isAppError(error)) return fromAppError(error);
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && FASTIFY_CODES[code]) {
    const m = FASTIFY_CODES[code];
    return problem(m.status, m.code, (error as Error).message);
  }
  if (error instanceof SyntaxError || (error as { type?: string })?.type === 'entity.parse.failed' || code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return problem(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    return problem(status, HTTP_CODES[status] ?? `HTTP_${status}`, Array.isArray(message) ? message.join('; ') : String(message));
  }
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return problem(statusCode, typeof code === 'string' ? code : `HTTP_${statusCode}`, (error as Error).message);
  }
  return problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged with the correlation id.');
}

/** A problem lists at most this many field errors, and says how many there were. */
export const MAX_PROBLEM_ERRORS = 20;

function fromAppError(error: AppError): ProblemDetails {
  const status = error.code === 'UNSUPPORTED_MEDIA_TYPE' ? 415 : STATUS[error.kind];
  const p = problem(status, error.code, error.message.length > 1000 ? `${error.message.slice(0, 1000)}…` : error.message);
  if (error.details.length) p.errors = error.details.slice(0, MAX_PROBLEM_ERRORS);
  if (error.details.length > MAX_PROBLEM_ERRORS) p.errorCount = error.details.length;
  // Extensions add to a problem; they never replace its own members (a `status` extension would break the answer).
  const extensions = Object.fromEntries(Object.entries(error.extensions).filter(([key]) => !(key in p) && !RESERVED.has(key)));
  return { ...p, ...extensions };
}

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors', 'errorCount', 'correlationId']);

export function problem(status: number, code: string, detail: string): ProblemDetails {
  return {
    type: `https://errors.ooh-platform.dev/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
  };
}
