export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  requestHash: string;
  /** The role the first request was allowed as: a retry is answered from here only to a caller who still holds it. */
  role?: string;
}

/** Responses kept per Idempotency-Key so a retried creating POST returns the first result. */
export interface IdempotencyStore {
  get(key: string): Promise<StoredResponse | undefined>;
  /** Stores only if absent; returns what is stored afterwards. */
  putIfAbsent(key: string, response: StoredResponse): Promise<StoredResponse>;
}
