import type { Lease, LeaseStore } from '../ports/lease-store';

/** A piece of log-driven work one replica at a time does: started when its lease is won, stopped when lost. */
export interface LeasedWork {
  /** The lease's name: `projection:<name>`, `relay:<name>`, `job:<name>`, … */
  lease: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface LeaseKeeperOptions {
  store: LeaseStore;
  /** This replica's identity (host, process and a nonce), as written in the leases. */
  owner: string;
  ttlMs: number;
  /** How often leases are renewed and free ones sought; a third of the time to live by default. */
  renewEveryMs?: number;
  /** True when the named holder is known to be dead (a process of this host that no longer runs): taken over at once. */
  isDead?: (owner: string) => boolean;
  now?: () => number;
  log?: (level: 'warn' | 'error', message: string, extra: Record<string, unknown>) => void;
}

interface Held {
  work: LeasedWork;
  /** Until when this replica may trust its lease without having renewed it. */
  validUntil: number;
  running: boolean;
}

/**
 * Keeps this replica's leases: at each round, for every piece of work, renews the lease it holds or
 * tries to win it, starts what it won and stops what it lost (or could not renew in time: a replica
 * cut off from the lease store stops before its lease can pass to another). A paused replica that
 * wakes after its lease expired finds it lost at its next round and stops; what it finishes in the
 * meantime is safe (projections are revision-guarded, relays and reactors idempotent).
 */
export class LeaseKeeper {
  private readonly works = new Map<string, Held>();
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: LeaseKeeperOptions) {
    this.now = options.now ?? Date.now;
  }

  add(work: LeasedWork): void {
    if (this.works.has(work.lease)) throw new Error(`two pieces of work share the lease ${work.lease}`);
    this.works.set(work.lease, { work, validUntil: 0, running: false });
  }

  /** Runs a first round (what this replica can take it starts now), then keeps renewing. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.runRound();
    this.timer = setInterval(() => void this.runRound(), this.options.renewEveryMs ?? Math.max(50, Math.floor(this.options.ttlMs / 3)));
    this.timer.unref();
  }

  /** One renewal round now (tests, and a replica that wants to pick up a released lease at once). */
  runRound(): Promise<void> {
    this.round ??= this.renewAll().finally(() => (this.round = undefined));
    return this.round;
  }

  /** The leases this replica holds now. */
  held(): string[] {
    return [...this.works.values()].filter((h) => h.running).map((h) => h.work.lease);
  }

  isHeld(lease: string): boolean {
    return this.works.get(lease)?.running ?? false;
  }

  /** Stops every piece of work this replica runs and releases its leases, so another replica takes them at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
    for (const held of this.works.values()) {
      if (!held.running) continue;
      held.running = false;
      await held.work.stop().catch((error: unknown) => this.options.log?.('error', 'work failed to stop', { lease: held.work.lease, error: String(error) }));
      await this.options.store.release(held.work.lease, this.options.owner).catch(() => undefined);
    }
  }

  private async renewAll(): Promise<void> {
    for (const held of this.works.values()) {
      if (this.stopped) return;
      const started = this.now();
      try {
        let answer = await this.options.store.acquire(held.work.lease, this.options.owner, this.options.ttlMs, started);
        if (!answer.held && this.options.isDead?.(answer.lease.owner) && answer.lease.owner !== '') {
          const taken = await this.options.store.takeOver(held.work.lease, this.options.owner, answer.lease.owner, this.options.ttlMs, started);
          if (taken) answer = { held: true, lease: { ...answer.lease, owner: this.options.owner } };
        }
        if (answer.held) {
          held.validUntil = started + this.options.ttlMs;
          if (!held.running && !this.stopped) await this.startWork(held, answer.lease);
        } else if (held.running) {
          this.options.log?.('warn', 'lease lost to another replica: stopping the work', { lease: held.work.lease, holder: answer.lease.owner });
          await this.stopWork(held);
        }
      } catch (error) {
        // The store cannot say: keep working while the lease is surely still ours, stop before it can pass on.
        const margin = Math.min(this.options.renewEveryMs ?? Infinity, this.options.ttlMs / 3);
        if (held.running && this.now() >= held.validUntil - margin) {
          this.options.log?.('error', 'lease not renewed in time: stopping the work', { lease: held.work.lease, error: String(error) });
          await this.stopWork(held);
        }
      }
    }
  }

  private async startWork(held: Held, lease: Lease): Promise<void> {
    held.running = true;
    try {
      await held.work.start();
    } catch (error) {
      held.running = false;
      await this.options.store.release(lease.name, this.options.owner).catch(() => undefined);
      this.options.log?.('error', 'work failed to start', { lease: lease.name, error: String(error) });
    }
  }

  private async stopWork(held: Held): Promise<void> {
    held.running = false;
    await held.work.stop().catch((error: unknown) => this.options.log?.('error', 'work failed to stop', { lease: held.work.lease, error: String(error) }));
  }
}
