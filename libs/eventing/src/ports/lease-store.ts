/** Who holds a piece of log-driven work (a projection, relay, reactor, job or exclusive consumer), and until when. */
export interface Lease {
  name: string;
  owner: string;
  /** Epoch milliseconds of the holder's clock when it last renewed, plus the lease's time to live. */
  expiresAt: number;
  /** Grows by one each time the lease changes hands (a fencing number for logs and operators). */
  term: number;
}

/**
 * Leases that make one replica at a time do each piece of log-driven work. A holder renews well
 * before expiry; a holder that stops renewing (killed, paused, cut off) loses the lease when it
 * expires, and another replica takes it. Replicas' clocks must agree to well within the time to live.
 */
export interface LeaseStore {
  /** Takes the lease when it is free or expired, renews it when `owner` holds it; otherwise answers the holder's lease. */
  acquire(name: string, owner: string, ttlMs: number, nowMs: number): Promise<{ held: boolean; lease: Lease }>;
  /** Takes the lease from `from` — a holder known to be dead — if `from` still holds it. */
  takeOver(name: string, owner: string, from: string, ttlMs: number, nowMs: number): Promise<boolean>;
  /** Gives the lease up (on shutdown) so another replica takes it at once; a no-op unless `owner` holds it. */
  release(name: string, owner: string): Promise<void>;
  list(): Promise<Lease[]>;
}
