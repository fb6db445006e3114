import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { notFound, type EventStore, type Filter, type ReadModelStore } from '@ooh/eventing';
import { EVENT_STORE, IfMatch, Idempotent, READ_MODELS, Roles, historyEntry, Ctx, type CallerContext } from '@ooh/http-kit';
import { installationStream } from '@ooh/operations-domain';
import {
  CancelInstallationDto,
  ChooseVendorDto,
  CompleteInstallationDto,
  EmptyActionDto,
  InstallationQueryDto,
  OpenInstallationJobDto,
  RecordQuoteDto,
  SafetyAgreementDto,
} from './installation.dto';
import { INSTALLATIONS } from './installations.projection';
import { InstallationsService } from './installations.service';

const READERS = ['ops-staff', 'ops-manager', 'executive', 'finance', 'admin'] as const;

@ApiTags('operations: installation jobs')
@ApiBearerAuth()
@Controller('api/operations/installation-jobs')
export class InstallationsController {
  constructor(
    private readonly jobs: InstallationsService,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('ops-manager')
  open(@Body() dto: OpenInstallationJobDto, @Ctx() ctx: CallerContext) {
    return this.jobs.open(dto, ctx);
  }

  @Post(':jobId/quotes')
  @HttpCode(201)
  @Idempotent()
  @Roles('ops-manager')
  quote(@Param('jobId') id: string, @Body() dto: RecordQuoteDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.jobs.recordQuote(id, dto, { ...ctx, expectedRevision });
  }

  @Post(':jobId/choose-vendor')
  @HttpCode(200)
  @Roles('ops-manager')
  choose(@Param('jobId') id: string, @Body() dto: ChooseVendorDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.jobs.chooseVendor(id, dto, { ...ctx, expectedRevision });
  }

  @Post(':jobId/safety-agreement')
  @HttpCode(200)
  @Roles('ops-staff', 'ops-manager')
  safety(@Param('jobId') id: string, @Body() dto: SafetyAgreementDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.jobs.recordSafetyAgreement(id, dto, { ...ctx, expectedRevision });
  }

  @Post(':jobId/start')
  @HttpCode(200)
  @Roles('ops-staff', 'ops-manager')
  start(@Param('jobId') id: string, @Body() _dto: EmptyActionDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.jobs.startWork(id, { ...ctx, expectedRevision });
  }

  @Post(':jobId/complete')
  @HttpCode(200)
  @Roles('ops-staff', 'ops-manager')
  complete(@Param('jobId') id: string, @Body() dto: CompleteInstallationDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.jobs.complete(id, dto, { ...ctx, expectedRevision });
  }

  @Post(':jobId/cancel')
  @HttpCode(200)
  @Roles('ops-manager')
  cancel(@Param('jobId') id: string, @Body() dto: CancelInstallationDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.jobs.cancel(id, dto, { ...ctx, expectedRevision });
  }

  @Get()
  @Roles(...READERS)
  list(@Query() q: InstallationQueryDto) {
    const filter: Filter = {};
    if (q.siteId) filter.siteId = q.siteId;
    if (q.status) filter.status = q.status;
    return this.readModels.find(INSTALLATIONS, { filter, sort: { field: 'openedAt', direction: 'desc' }, limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get(':jobId')
  @Roles(...READERS)
  async get(@Param('jobId') id: string) {
    const found = await this.readModels.get(INSTALLATIONS, id);
    if (!found) throw notFound('INSTALLATION_JOB_NOT_FOUND', `No installation job ${id}`);
    return found.doc;
  }

  @Get(':jobId/history')
  @Roles(...READERS)
  async history(@Param('jobId') id: string) {
    const events = await this.store.readStream(installationStream(id));
    if (events.length === 0) throw notFound('INSTALLATION_JOB_NOT_FOUND', `No installation job ${id}`);
    return { jobId: id, items: events.map(historyEntry) };
  }
}
