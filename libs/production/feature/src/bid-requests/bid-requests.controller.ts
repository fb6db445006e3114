import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext, type ReadModelStore } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, HistoryDto, Idempotent, OperatorToday, READ_MODELS, ReasonDto, Roles } from '@ooh/http-kit';
import { BID_MANAGERS, bidRequestAggregate, cfJobAggregate, printJobAggregate } from '@ooh/production-domain';
import { PRODUCTION_READERS } from '../shared/readers';
import { PRODUCTION_VENDORS, type KnownVendor } from '../shared/vendor-directory';
import { AwardBidDto, BidNoticeDto, BidRequestPageDto, BidRequestQueryDto, BidRequestViewDto, OpenBidRequestDto, RecordBidDto } from './bid-request.dto';
import { BID_REQUESTS, bidRequestView } from './bid-requests.projection';

const BidRequestHistoryDto = HistoryDto('requestId', 'BidRequestHistoryDto');

/** Requests for quotes (比稿): vendors invited, bids by category, the award compared against three, bidders told. */
@ApiTags('production: bids')
@ApiBearerAuth()
@Controller('api/production/bid-requests')
export class BidRequestsController {
  private readonly commands;
  private readonly jobs;
  private readonly printJobs;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly today: OperatorToday,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {
    this.commands = aggregates.commands(bidRequestAggregate);
    this.jobs = aggregates.commands(cfJobAggregate);
    this.printJobs = aggregates.commands(printJobAggregate);
    this.reads = aggregates.reads(bidRequestAggregate, {
      collection: BID_REQUESTS,
      sort: { field: 'openedAt', direction: 'desc' },
      idKey: 'requestId',
      view: bidRequestView,
    });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles(...BID_MANAGERS)
  async open(@Body() dto: OpenBidRequestDto, @Ctx() ctx: CommandContext) {
    const job = dto.jobKind === 'cf' ? await this.jobs.load(dto.jobId) : await this.printJobs.load(dto.jobId);
    const exists = job.state.status !== 'none';
    const invited = await Promise.all(
      dto.invited.map(async (vendorId) => {
        const known = (await this.readModels.get<KnownVendor>(PRODUCTION_VENDORS, vendorId))?.doc;
        return { vendorId, known: known ? { vendorId, name: known.name, active: known.active } : null };
      }),
    );
    const data = { job: { kind: dto.jobKind, jobId: dto.jobId, exists }, spec: dto.spec, invited, responseDue: dto.responseDue, today: this.today.today() };
    return this.commands.execute(newId(), 'OpenBidRequest', data, ctx);
  }

  @Post(':requestId/bids')
  @CommandRoute(201)
  @Roles(...BID_MANAGERS)
  async bid(@Param('requestId') id: string, @Body() dto: RecordBidDto, @Ctx() ctx: CommandContext) {
    const bidId = newId();
    const lines = dto.lines.map((l) => ({ category: l.category, amountFen: l.amountFen }));
    const result = await this.commands.execute(
      id,
      'RecordBid',
      { bidId, vendorId: dto.vendorId, lines, validUntil: dto.validUntil, evidence: dto.evidence, today: this.today.today() },
      ctx,
    );
    return { ...result, id: bidId };
  }

  @Post(':requestId/award')
  @CommandRoute()
  @Roles(...BID_MANAGERS)
  award(@Param('requestId') id: string, @Body() dto: AwardBidDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'AwardBid', { bidId: dto.bidId, reasonForFewerBids: dto.reasonForFewerBids ?? '', today: this.today.today() }, ctx);
  }

  @Post(':requestId/notices')
  @CommandRoute()
  @Roles(...BID_MANAGERS)
  notice(@Param('requestId') id: string, @Body() dto: BidNoticeDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'RecordBidNotice', { vendorId: dto.vendorId, evidence: dto.evidence ?? [] }, ctx);
  }

  @Post(':requestId/cancel')
  @CommandRoute()
  @Roles(...BID_MANAGERS)
  cancel(@Param('requestId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'CancelBidRequest', { reason: dto.reason }, ctx);
  }

  @Get()
  @Roles(...PRODUCTION_READERS)
  @ApiOkResponse({ type: BidRequestPageDto })
  list(@Query() q: BidRequestQueryDto) {
    return this.reads.page(filterOf(q, ['status', 'jobId']), q);
  }

  @Get(':requestId')
  @Roles(...PRODUCTION_READERS)
  @ApiOkResponse({ type: BidRequestViewDto })
  get(@Param('requestId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':requestId/history')
  @Roles(...PRODUCTION_READERS)
  @ApiOkResponse({ type: BidRequestHistoryDto })
  history(@Param('requestId') id: string) {
    return this.reads.history(id);
  }
}
