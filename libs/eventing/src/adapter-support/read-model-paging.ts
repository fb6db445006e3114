import { invalid, unprocessable } from '../errors';

/** Field names a read-model filter or sort may use: identifiers, dotted for nested fields. */
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export type CursorValue = string | number | boolean | null;

export function assertReadModelField(field: string): void {
  if (!FIELD.test(field)) throw invalid('INVALID_FIELD', `not a field name: ${field}`, [{ field, message: 'invalid field name' }]);
}

/** An opaque keyset cursor: the last item's sort value and id. */
export function encodeCursor(value: [CursorValue, string]): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(cursor: string): [CursorValue, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') return parsed as [CursorValue, string];
  } catch {
    // fall through
  }
  throw unprocessable('INVALID_CURSOR', 'cursor is not one this API returned', [{ field: 'cursor', message: 'invalid cursor' }]);
}
