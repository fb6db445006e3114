import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Filter, ReadModelStore } from '@ooh/eventing';
import { READ_MODELS, Roles } from '@ooh/http-kit';
import { FEED, FEED_HEAD, type FeedEntry } from './event-feed.consumer';
import { FeedPageDto, FeedQueryDto } from './event-feed.dto';

/** Who reads the whole feed: integrators (a role of their own) and the platform's administrators. */
export const FEED_READERS = ['integrator', 'admin'] as const;

/** The public event feed by HTTP: read from a position, page by page, resumable; the same messages the bus carries. */
@ApiTags('integrations: event feed')
@ApiBearerAuth()
@Controller('api/feed')
export class EventFeedController {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelStore) {}

  @Get()
  @Roles(...FEED_READERS)
  @ApiOkResponse({ type: FeedPageDto })
  async read(@Query() q: FeedQueryDto): Promise<FeedPageDto> {
    const after = q.after ?? 0;
    const limit = q.limit ?? 100;
    // The head first: a page covers (after, head] only, so a short page may skip to the head safely
    // (nothing of the types asked lies between), and an entry arriving meanwhile is read next time.
    const head = await this.readModels.getCheckpoint(FEED_HEAD);
    const filter: Filter = { position: { $gt: after, $lte: head } };
    if (q.types) filter.type = { $in: q.types.split(',') };
    const page = await this.readModels.find<FeedEntry>(FEED, { filter, sort: { field: 'position', direction: 'asc' }, limit });
    const items = page.items.map((e) => ({ position: e.position, message: e.message as FeedPageDto['items'][number]['message'] }));
    const next = items.length < limit ? Math.max(head, after) : items[items.length - 1].position;
    return { items, next, head };
  }
}
