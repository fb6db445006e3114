import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, HistoryDto, AsOfQueryDto, CommandResultDto, CommandRoute, Ctx, EmptyBodyDto, filterOf, Idempotent, ReasonDto, Roles } from '@ooh/http-kit';
import { installationAggregate } from '@ooh/operations-domain';
import { SiteSnapshots } from '../sites/site-snapshots';
import { ChooseVendorDto, CompleteInstallationDto, InstallationQueryDto, OpenInstallationJobDto, RecordQuoteDto, SafetyAgreementDto } from './installation.dto';
import { INSTALLATIONS } from './installations.projection';
import { InstallationJobPageDto, InstallationJobViewDto } from './installation.view.dto';

const InstallationJobHistoryDto = HistoryDto('jobId', 'InstallationJobHistoryDto');

const READERS = ['ops-staff', 'ops-manager', 'executive', 'finance', 'admin'] as const;

class QuoteRecordedDto extends CommandResultDto {
  @ApiProperty({ description: 'Name it when choosing the vendor' }) quoteId!: string;
}

@ApiTags('operations: installation jobs')
@ApiBearerAuth()
@Controller('api/operations/installation-jobs')
export class InstallationsController {
  private readonly jobs;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly sites: SiteSnapshots,
  ) {
    this.jobs = aggregates.commands(installationAggregate);
    this.reads = aggregates.reads(installationAggregate, { collection: INSTALLATIONS, sort: { field: 'openedAt', direction: 'desc' }, idKey: 'jobId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('ops-manager')
  async open(@Body() dto: OpenInstallationJobDto, @Ctx() ctx: CommandContext) {
    await this.sites.of(dto.siteId);
    return this.jobs.execute(newId(), 'OpenInstallationJob', { ...dto, bookingId: dto.bookingId ?? null }, ctx);
  }

  @Post(':jobId/quotes')
  @CommandRoute(201, QuoteRecordedDto)
  @Idempotent()
  @Roles('ops-manager')
  async quote(@Param('jobId') id: string, @Body() dto: RecordQuoteDto, @Ctx() ctx: CommandContext) {
    const quoteId = newId();
    const result = await this.jobs.execute(
      id,
      'RecordQuote',
      { ...dto, vendor: { ...dto.vendor }, quoteId, notes: dto.notes ?? null, evidence: dto.evidence ?? [] },
      ctx,
    );
    return { ...result, quoteId };
  }

  @Post(':jobId/choose-vendor')
  @CommandRoute()
  @Roles('ops-manager')
  choose(@Param('jobId') id: string, @Body() dto: ChooseVendorDto, @Ctx() ctx: CommandContext) {
    return this.jobs.execute(id, 'ChooseVendor', { quoteId: dto.quoteId, reasonForFewerQuotes: dto.reasonForFewerQuotes ?? null }, ctx);
  }

  @Post(':jobId/safety-agreement')
  @CommandRoute()
  @Roles('ops-staff', 'ops-manager')
  safety(@Param('jobId') id: string, @Body() dto: SafetyAgreementDto, @Ctx() ctx: CommandContext) {
    return this.jobs.execute(id, 'RecordSafetyAgreement', dto, ctx);
  }

  @Post(':jobId/start')
  @CommandRoute()
  @Roles('ops-staff', 'ops-manager')
  start(@Param('jobId') id: string, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.jobs.execute(id, 'StartWork', {}, ctx);
  }

  @Post(':jobId/complete')
  @CommandRoute()
  @Roles('ops-staff', 'ops-manager')
  complete(@Param('jobId') id: string, @Body() dto: CompleteInstallationDto, @Ctx() ctx: CommandContext) {
    return this.jobs.execute(id, 'CompleteInstallation', { photos: dto.photos, notes: dto.notes ?? null }, ctx);
  }

  @Post(':jobId/cancel')
  @CommandRoute()
  @Roles('ops-manager')
  cancel(@Param('jobId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.jobs.execute(id, 'CancelInstallationJob', dto, ctx);
  }

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: InstallationJobPageDto })
  list(@Query() q: InstallationQueryDto) {
    return this.reads.page(filterOf(q, ['siteId', 'status']), q);
  }

  @Get(':jobId')
  @Roles(...READERS)
  @ApiOkResponse({ type: InstallationJobViewDto })
  get(@Param('jobId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':jobId/history')
  @ApiOkResponse({ type: InstallationJobHistoryDto })
  @Roles(...READERS)
  history(@Param('jobId') id: string) {
    return this.reads.history(id);
  }
}
