import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import {
  Aggregates,
  HistoryDto,
  AsOfQueryDto,
  CommandRoute,
  Ctx,
  filterOf,
  Idempotent,
  PLATFORM_CONFIG,
  Roles,
  utcInstant,
  type PlatformConfig,
} from '@ooh/http-kit';
import { maintenanceAggregate } from '@ooh/operations-domain';
import { SiteSnapshots } from '../sites/site-snapshots';
import { MaintenanceQueryDto, RecordMaintenanceDto } from './maintenance.dto';
import { MAINTENANCE } from './maintenance.projection';
import { MaintenancePageDto, MaintenanceViewDto } from './maintenance.view.dto';

const MaintenanceHistoryDto = HistoryDto('maintenanceId', 'MaintenanceHistoryDto');

const READERS = ['ops-staff', 'ops-manager', 'executive', 'admin'] as const;

@ApiTags('operations: maintenance')
@ApiBearerAuth()
@Controller('api/operations/maintenance')
export class MaintenanceController {
  private readonly visits;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly sites: SiteSnapshots,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.visits = aggregates.commands(maintenanceAggregate);
    this.reads = aggregates.reads(maintenanceAggregate, { collection: MAINTENANCE, sort: { field: 'performedAt', direction: 'desc' }, idKey: 'maintenanceId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('ops-staff')
  async record(@Body() dto: RecordMaintenanceDto, @Ctx() ctx: CommandContext) {
    const powerCycle = dto.powerCycle ? { offAt: utcInstant(dto.powerCycle.offAt), onAt: utcInstant(dto.powerCycle.onAt) } : undefined;
    const data = { ...dto, site: await this.sites.of(dto.siteId), performedAt: utcInstant(dto.performedAt), powerCycle, timeZone: this.config.timeZone };
    return this.visits.execute(newId(), 'RecordMaintenance', data, ctx);
  }

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: MaintenancePageDto })
  list(@Query() q: MaintenanceQueryDto) {
    return this.reads.page(filterOf(q, { siteId: 'siteId', week: 'isoWeek' }), q);
  }

  @Get(':maintenanceId')
  @Roles(...READERS)
  @ApiOkResponse({ type: MaintenanceViewDto })
  get(@Param('maintenanceId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':maintenanceId/history')
  @ApiOkResponse({ type: MaintenanceHistoryDto })
  @Roles(...READERS)
  history(@Param('maintenanceId') id: string) {
    return this.reads.history(id);
  }
}
