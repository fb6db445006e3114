import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { readAll, type ReadModelStore } from '@ooh/eventing';
import { OperatorToday, Optional, READ_MODELS, Roles } from '@ooh/http-kit';
import { CF_STAGES, pipelineEntry, type CfJobState } from '@ooh/production-domain';
import { ProductionBlockerDto } from '../shared/production-dto';
import { PRODUCTION_READERS } from '../shared/readers';
import { CF_JOBS } from './cf-jobs.projection';

export class PipelineQueryDto {
  @ApiPropertyOptional({ enum: ['true'], description: 'Only jobs past their stage’s due date' }) @Optional() @IsIn(['true']) overdue?: string;
}

class PipelineClientDto {
  @ApiProperty() clientId!: string;
  @ApiProperty() name!: string;
}

class PipelineJobDto {
  @ApiProperty() jobId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: PipelineClientDto, nullable: true }) client!: PipelineClientDto | null;
  @ApiProperty() status!: string;
  @ApiProperty({ type: String, nullable: true, enum: CF_STAGES, description: 'The schedule stage it works towards' }) stage!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dueDate!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: 'integer' }) daysOverdue!: number;
  @ApiProperty({ type: [ProductionBlockerDto], description: 'What it waits for and who releases it' }) blockedBy!: ProductionBlockerDto[];
}

export class PipelineDto {
  @ApiProperty({ format: 'date' }) today!: string;
  @ApiProperty({ type: [PipelineJobDto] }) jobs!: PipelineJobDto[];
}

/** The production pipeline: every open job by stage, overdue against its schedule, with what it waits for. */
@ApiTags('production: reports')
@ApiBearerAuth()
@Controller('api/production/reports')
export class PipelineController {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    private readonly today: OperatorToday,
  ) {}

  @Get('pipeline')
  @Roles(...PRODUCTION_READERS)
  @ApiOkResponse({ type: PipelineDto })
  async pipeline(@Query() q: PipelineQueryDto): Promise<PipelineDto> {
    const today = this.today.today();
    const jobs = await readAll<CfJobState & { blockedBy: ProductionBlockerDto[] }>(this.readModels, CF_JOBS, { status: { $ne: 'closed' } });
    const entries = jobs
      .filter((j) => j.status !== 'cancelled')
      .map((j) => ({ ...pipelineEntry(j, today), blockedBy: j.blockedBy }))
      .filter((e) => q.overdue !== 'true' || e.overdue)
      .sort((a, b) => b.daysOverdue - a.daysOverdue || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
    return { today, jobs: entries };
  }
}
