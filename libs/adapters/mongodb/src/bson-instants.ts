/** An instant as `Date.prototype.toISOString` writes it — the only text stored as a BSON date, so it reads back identical. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function canonicalInstant(value: string): Date | undefined {
  if (!CANONICAL_INSTANT.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.toISOString() !== value ? undefined : date;
}

/** A filter bound that reads as a time: an instant, or a bare calendar day (its first instant, in string order). */
export function whenInstant(value: string): { date: Date; dayOnly: boolean } | undefined {
  const instant = canonicalInstant(value);
  if (instant) return { date: instant, dayOnly: false };
  if (!DAY.test(value)) return undefined;
  const day = canonicalInstant(`${value}T00:00:00.000Z`);
  return day ? { date: day, dayOnly: true } : undefined;
}

/** A document as stored: every canonical instant becomes a BSON date (calendar days and other text stay strings). */
export function toBson(value: unknown): unknown {
  if (typeof value === 'string') return canonicalInstant(value) ?? value;
  if (Array.isArray(value)) return value.map(toBson);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toBson(v)]));
  }
  return value;
}

/** A stored document as the projection wrote it: dates back to the instants' text. */
export function fromBson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(fromBson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromBson(v)]));
  return value;
}
