import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { notFound, type Filter, type ReadModelStore } from '@ooh/eventing';
import { Idempotent, READ_MODELS, Roles, Ctx, type CallerContext } from '@ooh/http-kit';
import { InspectionQueryDto, RecordInspectionDto } from './inspection.dto';
import { INSPECTIONS } from './inspections.projection';
import { InspectionsService } from './inspections.service';

const READERS = ['ops-staff', 'ops-manager', 'executive', 'admin'] as const;

@ApiTags('operations: inspections')
@ApiBearerAuth()
@Controller('api/operations/inspections')
export class InspectionsController {
  constructor(
    private readonly inspections: InspectionsService,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('ops-staff')
  record(@Body() dto: RecordInspectionDto, @Ctx() ctx: CallerContext) {
    return this.inspections.record(dto, ctx);
  }

  @Get()
  @Roles(...READERS)
  list(@Query() q: InspectionQueryDto) {
    const filter: Filter = {};
    if (q.siteId) filter.siteId = q.siteId;
    if (q.from || q.to) filter.localDate = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
    return this.readModels.find(INSPECTIONS, { filter, sort: { field: 'performedAt', direction: 'desc' }, limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get(':inspectionId')
  @Roles(...READERS)
  async get(@Param('inspectionId') id: string) {
    const found = await this.readModels.get(INSPECTIONS, id);
    if (!found) throw notFound('INSPECTION_NOT_FOUND', `No inspection ${id}`);
    return found.doc;
  }
}
