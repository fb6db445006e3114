import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import {
  Aggregates,
  HistoryDto,
  AsOfQueryDto,
  CommandResultDto,
  CommandRoute,
  Ctx,
  filterOf,
  Idempotent,
  PLATFORM_CONFIG,
  rangeOf,
  Roles,
  utcInstant,
  type PlatformConfig,
} from '@ooh/http-kit';
import { faultIdForProblem, inspectionAggregate } from '@ooh/operations-domain';
import { SiteSnapshots } from '../sites/site-snapshots';
import { InspectionQueryDto, RecordInspectionDto } from './inspection.dto';
import { INSPECTIONS } from './inspections.projection';
import { InspectionPageDto, InspectionViewDto } from './inspection.view.dto';

const InspectionHistoryDto = HistoryDto('inspectionId', 'InspectionHistoryDto');

const READERS = ['ops-staff', 'ops-manager', 'executive', 'admin'] as const;

class InspectionRecordedDto extends CommandResultDto {
  @ApiProperty({ type: [String], description: 'The fault ticket opened for each problem, in order' }) faultIds!: string[];
}

@ApiTags('operations: inspections')
@ApiBearerAuth()
@Controller('api/operations/inspections')
export class InspectionsController {
  private readonly inspections;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly sites: SiteSnapshots,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.inspections = aggregates.commands(inspectionAggregate);
    this.reads = aggregates.reads(inspectionAggregate, { collection: INSPECTIONS, sort: { field: 'performedAt', direction: 'desc' }, idKey: 'inspectionId' });
  }

  @Post()
  @CommandRoute(201, InspectionRecordedDto)
  @Idempotent()
  @Roles('ops-staff')
  async record(@Body() dto: RecordInspectionDto, @Ctx() ctx: CommandContext) {
    const id = newId();
    const problems = (dto.problems ?? []).map((p) => ({ description: p.description, severity: p.severity }));
    const data = {
      ...dto,
      site: await this.sites.of(dto.siteId),
      performedAt: utcInstant(dto.performedAt),
      checks: { ...dto.checks },
      problems,
      timeZone: this.config.timeZone,
    };
    const result = await this.inspections.execute(id, 'RecordInspection', data, ctx);
    return { ...result, faultIds: problems.map((_, i) => faultIdForProblem(id, i)) };
  }

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: InspectionPageDto })
  list(@Query() q: InspectionQueryDto) {
    return this.reads.page({ ...filterOf(q, ['siteId']), ...rangeOf('localDate', q.from, q.to) }, q);
  }

  @Get(':inspectionId')
  @Roles(...READERS)
  @ApiOkResponse({ type: InspectionViewDto })
  get(@Param('inspectionId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':inspectionId/history')
  @ApiOkResponse({ type: InspectionHistoryDto })
  @Roles(...READERS)
  history(@Param('inspectionId') id: string) {
    return this.reads.history(id);
  }
}
