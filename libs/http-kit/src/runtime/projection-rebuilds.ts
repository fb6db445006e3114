import {
  AppError,
  fillShadow,
  rebuildInShadow,
  type EventStore,
  type Projection,
  type ReadModelStore,
  type RebuildProgress,
  type ShadowFilled,
} from '@ooh/eventing';

/** Fills the shadows of `projections` one after the other elsewhere, telling each as it is filled. */
export type ShadowFiller = (
  projections: string[],
  on: { progress(progress: RebuildProgress): void; filled(projection: string, filled: ShadowFilled): void; signal: AbortSignal },
) => Promise<void>;

/** What the rebuilds need of the host that runs the projections. */
export interface RebuildHost {
  projections(): Projection[];
  store(): EventStore;
  readModels(): ReadModelStore;
  /** This replica runs the projection (holds its lease): only it may rebuild it. */
  runs(name: string): boolean;
  pauseLive(name: string): Promise<() => Promise<void>>;
  log(error: unknown, projection: string): void;
}

/**
 * Rebuilds of a service's projections beside their live read models, one after the other (see
 * `rebuildInShadow`): refused for unknown names, for projections another replica runs and while one
 * is under way; each projection's latest rebuild is kept for `GET /api/admin/projections`.
 */
export class ProjectionRebuilds {
  private readonly latest = new Map<string, RebuildProgress>();
  private queued: Promise<void> = Promise.resolve();
  private readonly stopping = new AbortController();
  private filler?: ShadowFiller;

  constructor(private readonly host: RebuildHost) {}

  fillWith(filler: ShadowFiller): void {
    this.filler = filler;
  }

  /**
   * Fills a new shadow of the named projection from the log. Its batches stay short although nothing
   * else shares this process: each is a write transaction on the file the service's own projections
   * write to, and a writer waiting for SQLite's lock waits on its event loop.
   */
  fillHere(name: string, onProgress: (progress: RebuildProgress) => void): Promise<ShadowFilled> {
    const projection = this.host.projections().find((p) => p.name === name);
    if (!projection) throw new AppError('unprocessable', 'PROJECTION_NOT_FOUND', `no projection ${name}`);
    return fillShadow(projection, {
      store: this.host.store(),
      readModels: this.host.readModels(),
      batchSize: 5000,
      sliceMs: 10,
      onProgress,
      signal: this.stopping.signal,
    });
  }

  async status(): Promise<Array<{ name: string; collections: string[]; position: number; held: boolean; rebuild?: RebuildProgress }>> {
    return Promise.all(
      this.host.projections().map(async (p) => ({
        name: p.name,
        collections: [...p.collections],
        position: await this.host.readModels().getCheckpoint(p.name),
        held: this.host.runs(p.name),
        ...(this.latest.has(p.name) ? { rebuild: this.latest.get(p.name) } : {}),
      })),
    );
  }

  /** Queues rebuilds of `names` (none: every projection); resolves with them once queued. */
  async queue(names?: string[]): Promise<string[]> {
    const projections = this.host.projections();
    const wanted = names?.length ? names : projections.map((p) => p.name);
    const unknown = wanted.filter((n) => !projections.some((p) => p.name === n));
    if (unknown.length) {
      throw new AppError(
        'unprocessable',
        'PROJECTION_NOT_FOUND',
        `no projection ${unknown.join(', ')}`,
        unknown.map(() => ({ field: 'projections', message: 'not a projection of this service' })),
      );
    }
    if (!this.host.readModels().shadow) {
      throw new AppError('rule-violated', 'REBUILD_UNSUPPORTED', 'this read-model store cannot keep a shadow generation beside the live one');
    }
    const elsewhere = wanted.filter((n) => !this.host.runs(n));
    if (elsewhere.length) {
      throw new AppError(
        'conflict',
        'NOT_LEASE_HOLDER',
        `another replica runs ${elsewhere.join(', ')}: ask the replica holding their leases (GET /api/admin/flow on each)`,
        [],
        { releasedBy: 'admin' },
      );
    }
    const busy = wanted.filter((n) => ['rebuilding', 'promoting', 'queued'].includes(this.latest.get(n)?.state ?? ''));
    if (busy.length) throw new AppError('conflict', 'REBUILD_IN_PROGRESS', `already rebuilding ${busy.join(', ')}`);
    for (const name of wanted)
      this.latest.set(name, { projection: name, state: 'queued', position: 0, head: 0, events: 0, startedAt: new Date().toISOString() });
    this.queued = this.queued.then(async () => {
      // One filler for the whole list runs ahead: while a projection is swapped in here, it fills the next.
      const filled = this.filler ? this.fillAhead(wanted) : undefined;
      for (const name of wanted) await this.rebuildOne(name, filled?.get(name)).catch((error: unknown) => this.host.log(error, name));
    });
    return wanted;
  }

  settled(): Promise<void> {
    return this.queued;
  }

  /** Shutdown: what is under way stops between batches and discards its shadow. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.queued;
  }

  /** Starts the filler on `names`; each projection's promise settles when its shadow is filled (or the filler fails). */
  private fillAhead(names: string[]): Map<string, Promise<ShadowFilled>> {
    const waiting = new Map(
      names.map((name) => {
        let settle!: { resolve(f: ShadowFilled): void; reject(e: unknown): void };
        const promise = new Promise<ShadowFilled>((resolve, reject) => (settle = { resolve, reject }));
        promise.catch(() => undefined);
        return [name, { promise, settle }] as const;
      }),
    );
    this.filler!(names, {
      progress: (progress) => this.latest.set(progress.projection, progress),
      filled: (name, filled) => waiting.get(name)?.settle.resolve(filled),
      signal: this.stopping.signal,
    }).then(
      () => waiting.forEach((w, name) => w.settle.reject(new Error(`the filler ended without filling ${name}`))),
      (error: unknown) => waiting.forEach((w) => w.settle.reject(error)),
    );
    return new Map([...waiting].map(([name, w]) => [name, w.promise]));
  }

  private async rebuildOne(name: string, filled?: Promise<ShadowFilled>): Promise<void> {
    const projection = this.host.projections().find((p) => p.name === name)!;
    await rebuildInShadow(projection, {
      store: this.host.store(),
      readModels: this.host.readModels(),
      onProgress: (progress) => this.latest.set(name, progress),
      signal: this.stopping.signal,
      fill: filled ? () => filled : undefined,
      pauseLive: () => this.host.pauseLive(name),
    });
  }
}
