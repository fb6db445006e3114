import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { notFound, type Filter, type ReadModelStore } from '@ooh/eventing';
import { Idempotent, READ_MODELS, Roles, Ctx, type CallerContext } from '@ooh/http-kit';
import { MaintenanceQueryDto, RecordMaintenanceDto } from './maintenance.dto';
import { MAINTENANCE } from './maintenance.projection';
import { MaintenanceService } from './maintenance.service';

const READERS = ['ops-staff', 'ops-manager', 'executive', 'admin'] as const;

@ApiTags('operations: maintenance')
@ApiBearerAuth()
@Controller('api/operations/maintenance')
export class MaintenanceController {
  constructor(
    private readonly maintenance: MaintenanceService,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('ops-staff')
  record(@Body() dto: RecordMaintenanceDto, @Ctx() ctx: CallerContext) {
    return this.maintenance.record(dto, ctx);
  }

  @Get()
  @Roles(...READERS)
  list(@Query() q: MaintenanceQueryDto) {
    const filter: Filter = {};
    if (q.siteId) filter.siteId = q.siteId;
    if (q.week) filter.isoWeek = q.week;
    return this.readModels.find(MAINTENANCE, { filter, sort: { field: 'performedAt', direction: 'desc' }, limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get(':maintenanceId')
  @Roles(...READERS)
  async get(@Param('maintenanceId') id: string) {
    const found = await this.readModels.get(MAINTENANCE, id);
    if (!found) throw notFound('MAINTENANCE_NOT_FOUND', `No maintenance visit ${id}`);
    return found.doc;
  }
}
