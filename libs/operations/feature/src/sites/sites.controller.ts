import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IfMatch, Idempotent, Roles, Ctx, type CallerContext } from '@ooh/http-kit';
import { AsOfQueryDto, RegisterSiteDto, RetireSiteDto, ReturnToServiceDto, SiteQueryDto, TakeOutOfServiceDto, UpdateSiteDto } from './site.dto';
import { SitesQueries } from './sites.queries';
import { SitesService } from './sites.service';
import { SiteHistoryDto, SitePageDto, SiteViewDto } from './site.view.dto';

const READERS = ['ops-staff', 'ops-manager', 'executive', 'sales', 'admin'] as const;

@ApiTags('operations: sites')
@ApiBearerAuth()
@Controller('api/operations/sites')
export class SitesController {
  constructor(
    private readonly sites: SitesService,
    private readonly queries: SitesQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('ops-manager')
  register(@Body() dto: RegisterSiteDto, @Ctx() ctx: CallerContext) {
    return this.sites.register(dto, ctx);
  }

  @Patch(':siteId')
  @Roles('ops-manager')
  update(@Param('siteId') siteId: string, @Body() dto: UpdateSiteDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.sites.update(siteId, dto, { ...ctx, expectedRevision });
  }

  @Post(':siteId/take-out-of-service')
  @HttpCode(200)
  @Roles('ops-manager', 'ops-staff')
  takeOutOfService(@Param('siteId') siteId: string, @Body() dto: TakeOutOfServiceDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.sites.takeOutOfService(siteId, dto, { ...ctx, expectedRevision });
  }

  @Post(':siteId/return-to-service')
  @HttpCode(200)
  @Roles('ops-manager', 'ops-staff')
  returnToService(@Param('siteId') siteId: string, @Body() dto: ReturnToServiceDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.sites.returnToService(siteId, dto, { ...ctx, expectedRevision });
  }

  @Post(':siteId/retire')
  @HttpCode(200)
  @Roles('ops-manager')
  retire(@Param('siteId') siteId: string, @Body() dto: RetireSiteDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.sites.retire(siteId, dto, { ...ctx, expectedRevision });
  }

  @Get()
  @ApiOkResponse({ type: SitePageDto })
  @Roles(...READERS)
  list(@Query() query: SiteQueryDto) {
    return this.queries.list(query);
  }

  @Get(':siteId')
  @ApiOkResponse({ type: SiteViewDto })
  @Roles(...READERS)
  get(@Param('siteId') siteId: string, @Query() query: AsOfQueryDto) {
    return query.asOf ? this.queries.asOf(siteId, query.asOf) : this.queries.get(siteId);
  }

  @Get(':siteId/history')
  @ApiOkResponse({ type: SiteHistoryDto })
  @Roles(...READERS)
  history(@Param('siteId') siteId: string) {
    return this.queries.history(siteId);
  }
}
