import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { readAll, type ReadModelStore } from '@ooh/eventing';
import { CsvExport, OperatorToday, Optional, READ_MODELS, ROLES, Roles, tableCsv, tablesWorkbook, XlsxExport } from '@ooh/http-kit';
import { CF_STAGES, JOB_KINDS, pipelineEntry, printPipelineEntry, type CfJobState, type PrintJobState } from '@ooh/production-domain';
import { CF_JOBS } from '../cf-jobs/cf-jobs.projection';
import { PRINT_JOBS } from '../print-jobs/print-jobs.projection';
import { ProductionBlockerDto } from '../shared/production-dto';
import { PRODUCTION_READERS } from '../shared/readers';
import { pipelineTable } from './pipeline.tables';

export class PipelineQueryDto {
  @ApiPropertyOptional({ enum: ['true'], description: 'Only jobs past their stage’s due date' }) @Optional() @IsIn(['true']) overdue?: string;
  @ApiPropertyOptional({ enum: ROLES, description: 'Only jobs waiting on a gate this role releases (e.g. `finance`: the payment gates)' })
  @Optional()
  @IsIn(ROLES)
  releasedBy?: string;
  @ApiPropertyOptional({ enum: JOB_KINDS }) @Optional() @IsIn(JOB_KINDS) jobKind?: string;
}

class PipelineClientDto {
  @ApiProperty() clientId!: string;
  @ApiProperty() name!: string;
}

class PipelineCostsDto {
  @ApiProperty({ type: 'integer', description: 'The approved estimate with approved change orders (a print job: the printer’s contract), fen' })
  budgetFen!: number;
  @ApiProperty({ type: 'integer', description: 'Vendors’ costs requested from Finance, fen' }) requestedFen!: number;
  @ApiProperty({ type: 'integer', description: 'Of which paid, fen' }) paidFen!: number;
  @ApiProperty({ type: 'integer', description: 'Budget not yet requested (negative: over budget), fen' }) remainingFen!: number;
}

class PipelineJobDto {
  @ApiProperty({ enum: JOB_KINDS }) jobKind!: string;
  @ApiProperty() jobId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: PipelineClientDto, nullable: true }) client!: PipelineClientDto | null;
  @ApiProperty() status!: string;
  @ApiProperty({ type: String, nullable: true, enum: CF_STAGES, description: 'The schedule stage it works towards (a print job: delivery)' }) stage!:
    string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dueDate!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: 'integer' }) daysOverdue!: number;
  @ApiProperty({ type: [ProductionBlockerDto], description: 'What it waits for and who releases it' }) blockedBy!: ProductionBlockerDto[];
  @ApiProperty({ type: PipelineCostsDto, description: 'Estimate vs actual' }) costs!: PipelineCostsDto;
}

export class PipelineDto {
  @ApiProperty({ format: 'date' }) today!: string;
  @ApiProperty({ type: [PipelineJobDto] }) jobs!: PipelineJobDto[];
}

type Blocked = { blockedBy: ProductionBlockerDto[] };
const NOT_CLOSED = { status: { $ne: 'closed' } };

/** The production pipeline: every open CF and print job by stage, overdue against its schedule, with what it waits for and who releases it. */
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
    const cf = q.jobKind === 'print' ? [] : await readAll<CfJobState & Blocked>(this.readModels, CF_JOBS, NOT_CLOSED);
    const print = q.jobKind === 'cf' ? [] : await readAll<PrintJobState & Blocked>(this.readModels, PRINT_JOBS, NOT_CLOSED);
    const entries = [
      ...cf.map((j) => ({ ...pipelineEntry(j, today), blockedBy: j.blockedBy })),
      ...print.map((j) => ({ ...printPipelineEntry(j, today), blockedBy: j.blockedBy })),
    ]
      .filter((e) => e.status !== 'cancelled')
      .filter((e) => q.overdue !== 'true' || e.overdue)
      .filter((e) => !q.releasedBy || e.blockedBy.some((b) => b.releasedByRoles.includes(q.releasedBy!)))
      .sort((a, b) => b.daysOverdue - a.daysOverdue || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.jobId.localeCompare(b.jobId));
    return { today, jobs: entries };
  }

  @Get('pipeline.csv')
  @Roles(...PRODUCTION_READERS)
  @CsvExport('The production pipeline: a row per open job, with its gate and estimate vs actual')
  async pipelineCsv(@Query() q: PipelineQueryDto) {
    const report = await this.pipeline(q);
    return tableCsv(pipelineTable(report), `production-pipeline-${report.today}.csv`);
  }

  @Get('pipeline.xlsx')
  @Roles(...PRODUCTION_READERS)
  @XlsxExport('The production pipeline: a row per open job, with its gate and estimate vs actual')
  async pipelineXlsx(@Query() q: PipelineQueryDto) {
    const report = await this.pipeline(q);
    return tablesWorkbook([pipelineTable(report)], `production-pipeline-${report.today}.xlsx`);
  }
}
