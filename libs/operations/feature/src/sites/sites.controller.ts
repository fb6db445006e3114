import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, Idempotent, ReasonDto, Roles } from '@ooh/http-kit';
import { siteAggregate } from '@ooh/operations-domain';
import { RegisterSiteDto, ReturnToServiceDto, SiteQueryDto, SiteTimelineQueryDto, TakeOutOfServiceDto, UpdateSiteDto } from './site.dto';
import { SiteTimeline } from './site-timeline.queries';
import { SITES } from './sites.projection';
import { SiteHistoryDto, SitePageDto, SiteTimelineDto, SiteViewDto } from './site.view.dto';

const READERS = ['ops-staff', 'ops-manager', 'executive', 'sales', 'admin'] as const;
/** Inspections and faults are operations' own records: sales see sites, not those. */
const OPS_READERS = ['ops-staff', 'ops-manager', 'executive', 'admin'] as const;

@ApiTags('operations: sites')
@ApiBearerAuth()
@Controller('api/operations/sites')
export class SitesController {
  private readonly sites;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly timeline: SiteTimeline,
  ) {
    this.sites = aggregates.commands(siteAggregate);
    this.reads = aggregates.reads(siteAggregate, { collection: SITES, sort: { field: 'siteId', direction: 'asc' }, idKey: 'siteId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('ops-manager')
  register(@Body() dto: RegisterSiteDto, @Ctx() ctx: CommandContext) {
    return this.sites.execute(dto.siteId, 'RegisterSite', { ...dto, photos: dto.photos ?? [] }, ctx);
  }

  @Patch(':siteId')
  @CommandRoute()
  @Roles('ops-manager')
  update(@Param('siteId') siteId: string, @Body() dto: UpdateSiteDto, @Ctx() ctx: CommandContext) {
    return this.sites.execute(siteId, 'UpdateSite', { changes: { ...dto } }, ctx);
  }

  @Post(':siteId/take-out-of-service')
  @CommandRoute()
  @Roles('ops-manager', 'ops-staff')
  takeOutOfService(@Param('siteId') siteId: string, @Body() dto: TakeOutOfServiceDto, @Ctx() ctx: CommandContext) {
    return this.sites.execute(siteId, 'TakeSiteOutOfService', dto, ctx);
  }

  @Post(':siteId/return-to-service')
  @CommandRoute()
  @Roles('ops-manager', 'ops-staff')
  returnToService(@Param('siteId') siteId: string, @Body() dto: ReturnToServiceDto, @Ctx() ctx: CommandContext) {
    return this.sites.execute(siteId, 'ReturnSiteToService', { note: dto.note ?? '' }, ctx);
  }

  @Post(':siteId/retire')
  @CommandRoute()
  @Roles('ops-manager')
  retire(@Param('siteId') siteId: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.sites.execute(siteId, 'RetireSite', dto, ctx);
  }

  @Get()
  @ApiOkResponse({ type: SitePageDto })
  @Roles(...READERS)
  list(@Query() query: SiteQueryDto) {
    return this.reads.page(filterOf(query, ['city', 'station', 'kind', 'status']), query);
  }

  @Get(':siteId')
  @ApiOkResponse({ type: SiteViewDto })
  @Roles(...READERS)
  get(@Param('siteId') siteId: string, @Query() query: AsOfQueryDto) {
    return this.reads.get(siteId, query.asOf);
  }

  @Get(':siteId/history')
  @ApiOkResponse({ type: SiteHistoryDto })
  @Roles(...READERS)
  history(@Param('siteId') siteId: string) {
    return this.reads.history(siteId);
  }

  @Get(':siteId/timeline')
  @ApiOkResponse({ type: SiteTimelineDto })
  @Roles(...OPS_READERS)
  timelineOf(@Param('siteId') siteId: string, @Query() query: SiteTimelineQueryDto) {
    return this.timeline.of(siteId, query);
  }
}
