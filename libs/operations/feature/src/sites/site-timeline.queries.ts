import { Inject, Injectable } from '@nestjs/common';
import { notFound, type EventStore, type ReadModelStore, type RecordedEvent, readAll } from '@ooh/eventing';
import { EVENT_STORE, historyEntry, PLATFORM_CONFIG, READ_MODELS, type PlatformConfig } from '@ooh/http-kit';
import { dayBounds, instantMillis, isoWeeksBetween, requireDayRange } from '@ooh/calendar';
import { faultAggregate, inspectionAggregate, maintenanceAggregate, siteAggregate } from '@ooh/operations-domain';
import { FAULTS } from '../faults/faults.projection';
import { INSPECTIONS } from '../inspections/inspections.projection';
import { MAINTENANCE } from '../maintenance/maintenance.projection';

const MAX_DAYS = 93;

type TimelineSource = { aggregate: 'site' | 'inspection' | 'maintenance' | 'fault'; id: string; events: RecordedEvent[] };

/**
 * Everything that happened at a site on the local days [from, to]: its own events, and those of its
 * inspections, maintenance visits and faults, in the order they happened, with their evidence.
 */
@Injectable()
export class SiteTimeline {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async of(siteId: string, q: { from: string; to: string }) {
    requireDayRange(q.from, q.to, MAX_DAYS, 'timeline');
    const site = await this.store.readStream(siteAggregate.stream(siteId));
    if (site.length === 0) throw notFound(siteAggregate.notFoundCode, `No site ${siteId}`);
    const [start] = dayBounds(q.from, this.config.timeZone);
    const [, end] = dayBounds(q.to, this.config.timeZone);
    const [inspections, visits, faults] = await Promise.all([
      readAll<{ inspectionId: string }>(this.readModels, INSPECTIONS, { siteId, localDate: { $gte: q.from, $lte: q.to } }),
      readAll<{ maintenanceId: string }>(this.readModels, MAINTENANCE, { siteId, isoWeek: { $in: isoWeeksBetween(q.from, q.to) } }),
      readAll<{ faultId: string }>(this.readModels, FAULTS, { siteId, openedAt: { $lt: new Date(end).toISOString() } }),
    ]);
    const sources: TimelineSource[] = [
      { aggregate: 'site', id: siteId, events: site },
      ...(await this.streams(
        'inspection',
        inspections.map((i) => i.inspectionId),
        inspectionAggregate.stream,
      )),
      ...(await this.streams(
        'maintenance',
        visits.map((v) => v.maintenanceId),
        maintenanceAggregate.stream,
      )),
      ...(await this.streams(
        'fault',
        faults.map((f) => f.faultId),
        faultAggregate.stream,
      )),
    ];
    const inWindow = (e: RecordedEvent) => {
      const at = instantMillis(e.metadata.occurredAt);
      return at >= start && at < end;
    };
    const items = sources
      .flatMap(({ aggregate, id, events }) => events.filter(inWindow).map((e) => ({ aggregate, id, ...historyEntry(e) })))
      .sort((a, b) => instantMillis(a.occurredAt) - instantMillis(b.occurredAt) || a.recordedAt.localeCompare(b.recordedAt));
    return { siteId, from: q.from, to: q.to, timeZone: this.config.timeZone, items };
  }

  private async streams(aggregate: TimelineSource['aggregate'], ids: string[], stream: (id: string) => string): Promise<TimelineSource[]> {
    return Promise.all(ids.map(async (id) => ({ aggregate, id, events: await this.store.readStream(stream(id)) })));
  }
}
