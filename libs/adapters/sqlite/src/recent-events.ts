import { deepFreeze, streamCategory, type LogFilter, type RecordedEvent } from '@ooh/eventing';

/**
 * The last events committed through this store, contiguous by position. A live subscription asks for
 * what follows its checkpoint; when that range is all here it is served without a query and without
 * parsing the same JSON once per subscription. Anything older, or written by another process in
 * between (a gap in positions), is read from the file as before.
 */
export class RecentEvents {
  private events: Array<{ event: RecordedEvent; category: string }> = [];

  constructor(private readonly capacity: number) {}

  private get first(): number {
    return this.events.length ? this.events[0].event.position : 0;
  }

  get last(): number {
    return this.events.length ? this.events[this.events.length - 1].event.position : 0;
  }

  remember(committed: RecordedEvent[]): void {
    if (this.capacity <= 0 || committed.length === 0) return;
    if (this.events.length && committed[0].position !== this.last + 1) this.events = [];
    // Shared by every subscription (and the appending caller): frozen, so a handler that mutated an
    // event would fail loudly instead of changing what the others see.
    for (const event of committed) this.events.push({ event: deepFreeze(event), category: streamCategory(event.streamId) });
    if (this.events.length > 2 * this.capacity) this.events = this.events.slice(-this.capacity);
  }

  /** Events after `after` up to `until` matching `filter` (at most `max`), or null when that range is not all held here. */
  read(after: number, until: number, max: number, filter?: LogFilter): RecordedEvent[] | null {
    if (!this.events.length || after + 1 < this.first || until > this.last) return null;
    const matches = compile(filter);
    const found: RecordedEvent[] = [];
    for (let i = after + 1 - this.first; i < this.events.length && found.length < max; i++) {
      const { event, category } = this.events[i];
      if (event.position > until) break;
      if (matches(event, category)) found.push(event);
    }
    return found;
  }
}

function compile(filter?: LogFilter): (event: RecordedEvent, category: string) => boolean {
  const categories = filter?.categories?.length ? new Set(filter.categories) : undefined;
  const types = filter?.eventTypes?.length ? new Set(filter.eventTypes) : undefined;
  const prefix = filter?.streamPrefix;
  return (event, category) => (!categories || categories.has(category)) && (!types || types.has(event.type)) && (!prefix || event.streamId.startsWith(prefix));
}
