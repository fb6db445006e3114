/** One dependency the service needs to do its work (event store, read store, broker, blob store). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  draining: boolean;
  checks: Record<string, 'up' | string>;
}

/**
 * Readiness: may this instance take traffic now? Not while it drains for shutdown, and not while a
 * dependency is unreachable. Liveness (the process answers at all) is separate and stays up.
 */
export class Readiness {
  private draining = false;

  constructor(
    private readonly checks: ReadinessCheck[],
    private readonly timeoutMs = 2_000,
  ) {}

  /** A dependency known only once the service is built (its subscriptions thread). */
  add(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  /** Called first on SIGTERM, so load balancers stop sending work before anything closes. */
  markDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async report(): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.checks.map(async ({ name, check }) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
        });
        try {
          await Promise.race([check(), timeout]);
          return [name, 'up'] as const;
        } catch (error) {
          return [name, `down: ${error instanceof Error ? error.message : String(error)}`] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const checks = Object.fromEntries(results);
    return { ready: !this.draining && results.every(([, s]) => s === 'up'), draining: this.draining, checks };
  }
}
