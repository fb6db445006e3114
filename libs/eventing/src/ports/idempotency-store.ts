export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  requestHash: string;
}

/** Responses kept per Idempotency-Key so a retried creating POST returns the first result. */
export interface IdempotencyStore {
  get(key: string): Promise<StoredResponse | undefined>;
  /** Stores only if absent; returns what is stored afterwards. */
  putIfAbsent(key: string, response: StoredResponse): Promise<StoredResponse>;
}
