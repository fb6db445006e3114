import type { RecordedEvent } from './envelope';

/** Turns an old version of an event type into the next version. Chained until current. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: unknown): { type?: string; data: unknown };
}

export class Upcasters {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: Upcaster[] = []) {
    for (const u of upcasters) this.byKey.set(`${u.type}@${u.fromVersion}`, u);
  }

  get size(): number {
    return this.byKey.size;
  }

  apply<T = unknown>(event: RecordedEvent): RecordedEvent<T> {
    if (this.byKey.size === 0) return event as RecordedEvent<T>;
    let current = event;
    for (;;) {
      const u = this.byKey.get(`${current.type}@${current.metadata.schemaVersion}`);
      if (!u) return current as RecordedEvent<T>;
      const next = u.upcast(current.data);
      current = {
        ...current,
        type: next.type ?? current.type,
        data: next.data,
        metadata: { ...current.metadata, schemaVersion: current.metadata.schemaVersion + 1 },
      };
    }
  }
}
