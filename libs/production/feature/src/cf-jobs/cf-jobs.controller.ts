import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import {
  Aggregates,
  AsOfQueryDto,
  CommandRoute,
  Ctx,
  EmptyBodyDto,
  filterOf,
  HistoryDto,
  Idempotent,
  NumberParam,
  NumberParamDoc,
  OperatorToday,
  ReasonDto,
  Roles,
} from '@ooh/http-kit';
import {
  bidRequestAggregate,
  cfJobAggregate,
  costReport,
  CF_PRODUCERS,
  CLIENT_FACING,
  ESTIMATE_APPROVERS,
  JOB_KEEPERS,
  TICKET_ISSUERS,
} from '@ooh/production-domain';
import { awardedBid } from '../shared/awarded-bid';
import { PRODUCTION_READERS } from '../shared/readers';
import { BriefDirectory } from '../shared/brief-directory';
import {
  CfJobPageDto,
  CfJobQueryDto,
  CfJobViewDto,
  CostReportDto,
  VendorCostDto,
  ChangeOrderDto,
  ChooseProductionHouseDto,
  ClientCutReviewDto,
  CutReviewDto,
  DeliveryDto,
  StartPostProductionDto,
  SubmitCutDto,
  ClientEvidenceDto,
  DirectorInputDto,
  EstimateDto,
  IssueCfTicketDto,
  MeetingDto,
  PpmDto,
  PreparationItemDto,
  PreparationViewDto,
  ProductionContractDto,
  QuoteDto,
  ScheduleDto,
  ShootingDto,
} from './cf-job.dto';
import { CF_JOBS, cfJobView } from './cf-jobs.projection';

const CfJobHistoryDto = HistoryDto('jobId', 'CfJobHistoryDto');

/** TV-commercial jobs (CF制作): the ticket, estimate, production house, quote, schedule and contract; then the prepayment gate, preparation and the PPM. */
@ApiTags('production: TV commercials')
@ApiBearerAuth()
@ApiExtraModels(PreparationViewDto)
@Controller('api/production/cf-jobs')
export class CfJobsController {
  private readonly commands;
  private readonly bids;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly today: OperatorToday,
    private readonly briefs: BriefDirectory,
  ) {
    this.commands = aggregates.commands(cfJobAggregate);
    this.bids = aggregates.commands(bidRequestAggregate);
    this.reads = aggregates.reads(cfJobAggregate, { collection: CF_JOBS, sort: { field: 'issuedAt', direction: 'desc' }, idKey: 'jobId', view: cfJobView });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles(...TICKET_ISSUERS)
  async issue(@Body() dto: IssueCfTicketDto, @Ctx() ctx: CommandContext) {
    const { client, campaign, title, deliverables, script } = dto;
    const brief = await this.briefs.snapshot(dto.briefId);
    return this.commands.execute(
      newId(),
      'IssueCfTicket',
      { client: { clientId: client.clientId, name: client.name }, campaign, brief, title, deliverables, script },
      ctx,
    );
  }

  @Post(':jobId/director-input')
  @CommandRoute()
  @Roles(...CF_PRODUCERS)
  director(@Param('jobId') id: string, @Body() dto: DirectorInputDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'RecordDirectorInput', { director: dto.director, notes: dto.notes, evidence: dto.evidence ?? [] }, ctx);
  }

  @Post(':jobId/estimates')
  @CommandRoute()
  @Roles(...CF_PRODUCERS)
  estimate(@Param('jobId') id: string, @Body() dto: EstimateDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(
      id,
      'DraftEstimate',
      { lines: dto.lines.map((l) => ({ category: l.category, amountFen: l.amountFen })), note: dto.note ?? '' },
      ctx,
    );
  }

  @Post(':jobId/estimates/:version/approve')
  @CommandRoute()
  @Roles(...ESTIMATE_APPROVERS)
  @NumberParamDoc('version')
  approveEstimate(
    @Param('jobId') id: string,
    @NumberParam('version', 'ESTIMATE_NOT_FOUND', 'estimate version') version: number,
    @Body() _dto: EmptyBodyDto,
    @Ctx() ctx: CommandContext,
  ) {
    return this.commands.execute(id, 'ApproveEstimate', { version }, ctx);
  }

  @Post(':jobId/production-house')
  @CommandRoute()
  @Roles(...CF_PRODUCERS)
  async productionHouse(@Param('jobId') id: string, @Body() dto: ChooseProductionHouseDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ChooseProductionHouse', { bid: await awardedBid(this.bids, dto.requestId) }, ctx);
  }

  @Post(':jobId/quote')
  @CommandRoute()
  @Roles(...CF_PRODUCERS)
  quote(@Param('jobId') id: string, @Body() dto: QuoteDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'RecordQuote', { amountFen: dto.amountFen, currency: dto.currency, note: dto.note ?? '' }, ctx);
  }

  @Put(':jobId/schedule')
  @CommandRoute()
  @Roles(...CF_PRODUCERS)
  schedule(@Param('jobId') id: string, @Body() dto: ScheduleDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(
      id,
      'SetSchedule',
      { schedule: dto.schedule.map((s) => ({ stage: s.stage, dueDate: s.dueDate })), today: this.today.today() },
      ctx,
    );
  }

  @Post(':jobId/client-confirmation')
  @CommandRoute()
  @Roles(...CLIENT_FACING)
  confirm(@Param('jobId') id: string, @Body() dto: ClientEvidenceDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ConfirmCrewAndPrice', { evidence: dto.evidence }, ctx);
  }

  @Post(':jobId/contract')
  @CommandRoute()
  @Roles(...CLIENT_FACING)
  contract(@Param('jobId') id: string, @Body() dto: ProductionContractDto, @Ctx() ctx: CommandContext) {
    const { signedOn, signatory, prepaymentPercent, includedReviewRounds, evidence } = dto;
    return this.commands.execute(
      id,
      'RecordProductionContract',
      { signedOn, signatory, prepaymentPercent, includedReviewRounds, evidence, today: this.today.today() },
      ctx,
    );
  }

  @Post(':jobId/briefing')
  @CommandRoute()
  @Roles(...CF_PRODUCERS)
  briefing(@Param('jobId') id: string, @Body() dto: MeetingDto, @Ctx() ctx: CommandContext) {
    const data = { heldOn: dto.heldOn, attendees: dto.attendees, notes: dto.notes ?? '', evidence: dto.evidence ?? [], today: this.today.today() };
    return this.commands.execute(id, 'RecordCreativeBriefing', data, ctx);
  }

  @Post(':jobId/preparation')
  @CommandRoute()
  @Roles(...CF_PRODUCERS)
  preparation(@Param('jobId') id: string, @Body() dto: PreparationItemDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'UpdatePreparation', { item: dto.item, done: dto.done, note: dto.note ?? '' }, ctx);
  }

  @Post(':jobId/pre-production-meeting')
  @CommandRoute()
  @Roles(...CF_PRODUCERS)
  preProduction(@Param('jobId') id: string, @Body() dto: MeetingDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(
      id,
      'RecordPreProductionMeeting',
      { heldOn: dto.heldOn, attendees: dto.attendees, notes: dto.notes ?? '', today: this.today.today() },
      ctx,
    );
  }

  @Post(':jobId/ppm')
  @CommandRoute()
  @Roles(...JOB_KEEPERS)
  ppm(@Param('jobId') id: string, @Body() dto: PpmDto, @Ctx() ctx: CommandContext) {
    const { heldOn, agenda, attendees, checklist, evidence } = dto;
    const data = {
      heldOn,
      agenda,
      attendees: { agency: attendees.agency, client: attendees.client, production: attendees.production },
      checklist: { ...checklist },
      evidence,
      today: this.today.today(),
    };
    return this.commands.execute(id, 'SignOffPpm', data, ctx);
  }

  @Post(':jobId/shooting')
  @CommandRoute()
  @Roles(...CF_PRODUCERS)
  shooting(@Param('jobId') id: string, @Body() dto: ShootingDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'StartShooting', { startedOn: dto.startedOn, today: this.today.today() }, ctx);
  }

  @Post(':jobId/post-production')
  @CommandRoute()
  @Roles(...CF_PRODUCERS)
  postProduction(@Param('jobId') id: string, @Body() dto: StartPostProductionDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'StartPostProduction', { startedOn: dto.startedOn, today: this.today.today() }, ctx);
  }

  @Post(':jobId/cuts')
  @CommandRoute()
  @Roles(...CF_PRODUCERS)
  cut(@Param('jobId') id: string, @Body() dto: SubmitCutDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'SubmitCut', { file: dto.file, note: dto.note ?? '' }, ctx);
  }

  @Post(':jobId/cuts/internal-review')
  @CommandRoute()
  @Roles(...ESTIMATE_APPROVERS)
  internalReview(@Param('jobId') id: string, @Body() dto: CutReviewDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ReviewCutInternally', { cutNo: dto.cutNo, sha256: dto.sha256, decision: dto.decision, notes: dto.notes ?? '' }, ctx);
  }

  @Post(':jobId/cuts/client-review')
  @CommandRoute()
  @Roles(...CLIENT_FACING)
  clientReview(@Param('jobId') id: string, @Body() dto: ClientCutReviewDto, @Ctx() ctx: CommandContext) {
    const data = { cutNo: dto.cutNo, sha256: dto.sha256, decision: dto.decision, notes: dto.notes ?? '', evidence: dto.evidence };
    return this.commands.execute(id, 'RecordClientCutReview', data, ctx);
  }

  @Post(':jobId/change-orders')
  @CommandRoute(201)
  @Roles(...CF_PRODUCERS)
  async changeOrder(@Param('jobId') id: string, @Body() dto: ChangeOrderDto, @Ctx() ctx: CommandContext) {
    const changeId = newId();
    const { scope, costDeltaFen, extraRounds, reason, clientEvidence } = dto;
    const result = await this.commands.execute(id, 'RequestChangeOrder', { changeId, scope, costDeltaFen, extraRounds, reason, clientEvidence }, ctx);
    return { ...result, id: changeId };
  }

  @Post(':jobId/change-orders/:changeId/approve')
  @CommandRoute()
  @Roles(...ESTIMATE_APPROVERS)
  approveChange(@Param('jobId') id: string, @Param('changeId') changeId: string, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ApproveChangeOrder', { changeId }, ctx);
  }

  @Post(':jobId/delivery')
  @CommandRoute()
  @Roles(...JOB_KEEPERS)
  deliver(@Param('jobId') id: string, @Body() dto: DeliveryDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'DeliverMaster', { deliveredOn: dto.deliveredOn, receipt: dto.receipt, today: this.today.today() }, ctx);
  }

  @Post(':jobId/close')
  @CommandRoute()
  @Roles(...JOB_KEEPERS)
  close(@Param('jobId') id: string, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'CloseCfJob', {}, ctx);
  }

  @Post(':jobId/vendor-costs')
  @CommandRoute(201)
  @Roles(...CF_PRODUCERS)
  async vendorCost(@Param('jobId') id: string, @Body() dto: VendorCostDto, @Ctx() ctx: CommandContext) {
    const costId = newId();
    const data = {
      costId,
      vendor: { vendorId: dto.vendor.vendorId, name: dto.vendor.name },
      category: dto.category,
      milestone: dto.milestone,
      amountFen: dto.amountFen,
    };
    const result = await this.commands.execute(id, 'RequestVendorCost', data, ctx);
    return { ...result, id: costId };
  }

  @Get(':jobId/costs')
  @Roles(...PRODUCTION_READERS)
  @ApiOkResponse({ type: CostReportDto, description: 'Estimate vs actual: the budget, vendor costs requested and paid, review rounds' })
  async costs(@Param('jobId') id: string): Promise<CostReportDto> {
    const { state } = await this.commands.require(id);
    return { jobId: id, ...costReport(state) };
  }

  @Post(':jobId/hold')
  @CommandRoute()
  @Roles(...JOB_KEEPERS)
  hold(@Param('jobId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'HoldCfJob', { reason: dto.reason }, ctx);
  }

  @Post(':jobId/resume')
  @CommandRoute()
  @Roles(...JOB_KEEPERS)
  resume(@Param('jobId') id: string, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ResumeCfJob', {}, ctx);
  }

  @Post(':jobId/cancel')
  @CommandRoute()
  @Roles(...JOB_KEEPERS)
  cancel(@Param('jobId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'CancelCfJob', { reason: dto.reason }, ctx);
  }

  @Get()
  @Roles(...PRODUCTION_READERS)
  @ApiOkResponse({ type: CfJobPageDto })
  list(@Query() q: CfJobQueryDto) {
    return this.reads.page(filterOf(q, ['status', 'clientId']), q);
  }

  @Get(':jobId')
  @Roles(...PRODUCTION_READERS)
  @ApiOkResponse({ type: CfJobViewDto })
  get(@Param('jobId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':jobId/history')
  @Roles(...PRODUCTION_READERS)
  @ApiOkResponse({ type: CfJobHistoryDto })
  history(@Param('jobId') id: string) {
    return this.reads.history(id);
  }
}
