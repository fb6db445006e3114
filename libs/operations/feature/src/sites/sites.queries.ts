import { Inject, Injectable } from '@nestjs/common';
import { notFound, type EventStore, type ReadModelStore } from '@ooh/eventing';
import { EVENT_STORE, READ_MODELS, historyEntry } from '@ooh/http-kit';
import { siteStream } from '@ooh/operations-domain';
import { OperationsHandlers } from '../shared/operations-handlers';
import type { SiteQueryDto } from './site.dto';
import { SITES, type SiteView } from './sites.projection';

@Injectable()
export class SitesQueries {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly handlers: OperationsHandlers,
  ) {}

  list(query: SiteQueryDto) {
    const filter = Object.fromEntries(
      (['city', 'station', 'kind', 'status'] as const).filter((k) => query[k] !== undefined).map((k) => [k, query[k] as string]),
    );
    return this.readModels.find<SiteView>(SITES, { filter, sort: { field: 'siteId', direction: 'asc' }, limit: query.limit ?? 50, cursor: query.cursor });
  }

  async get(siteId: string): Promise<SiteView> {
    const found = await this.readModels.get<SiteView>(SITES, siteId);
    if (!found) throw notFound('SITE_NOT_FOUND', `Site ${siteId} is not registered`);
    return found.doc;
  }

  /** The site as the platform knew it at `asOf`, folded from the events recorded by then. */
  async asOf(siteId: string, asOf: string) {
    const at = new Date(asOf).toISOString();
    const { state, revision } = await this.handlers.loadSite(siteId, { recordedUntil: at });
    if (state.status === 'unregistered') throw notFound('SITE_NOT_FOUND', `Site ${siteId} was not registered at ${asOf}`);
    return { ...state, revision, asOf: at };
  }

  async history(siteId: string) {
    const events = await this.store.readStream(siteStream(siteId));
    if (events.length === 0) throw notFound('SITE_NOT_FOUND', `Site ${siteId} is not registered`);
    return { siteId, items: events.map(historyEntry) };
  }
}
