import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import {
  Aggregates,
  AsOfQueryDto,
  CommandRoute,
  Ctx,
  EmptyBodyDto,
  ReasonDto,
  filterOf,
  Idempotent,
  Roles,
  PLATFORM_CONFIG,
  type PlatformConfig,
} from '@ooh/http-kit';
import { FINANCE_SETTINGS, type FinanceSettings } from '../finance.settings';
import { payableAggregate } from '@ooh/finance-domain';
import { FinanceListQueryDto, PayDto, RequestPayableDto } from '../finance.dto';
import { PAYABLES } from '../finance.projections';
import { PayableHistoryDto, PayablePageDto, PayableViewDto } from '../finance.view.dto';

const REQUESTERS = ['ops-manager', 'media-manager', 'production-manager', 'account-manager'] as const;
const READERS = ['finance', 'executive', ...REQUESTERS, 'admin'] as const;

/** Vendor payments: requested by a department, approved by finance (and an executive above the threshold), then paid. */
@ApiTags('finance: payables')
@ApiBearerAuth()
@Controller('api/finance/payables')
export class PayablesController {
  private readonly payables;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    @Inject(FINANCE_SETTINGS) private readonly settings: FinanceSettings,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.payables = aggregates.commands(payableAggregate);
    this.reads = aggregates.reads(payableAggregate, { collection: PAYABLES, sort: { field: 'requestedAt', direction: 'desc' }, idKey: 'payableId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles(...REQUESTERS)
  request(@Body() dto: RequestPayableDto, @Ctx() ctx: CommandContext) {
    const threshold = this.settings.payableExecutiveThresholdFen;
    const data = { ...dto, vendor: { ...dto.vendor }, source: null, dueDate: dto.dueDate ?? null, requestedBy: ctx.actor, executiveThresholdFen: threshold };
    return this.payables.execute(newId(), 'RequestPayable', data, ctx);
  }

  @Post(':payableId/approve')
  @CommandRoute()
  @Roles('finance', 'executive')
  approve(@Param('payableId') id: string, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.payables.execute(id, 'ApprovePayable', {}, ctx);
  }

  @Post(':payableId/reject')
  @CommandRoute()
  @Roles('finance', 'executive')
  reject(@Param('payableId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.payables.execute(id, 'RejectPayable', dto, ctx);
  }

  @Post(':payableId/pay')
  @CommandRoute()
  @Roles('finance')
  pay(@Param('payableId') id: string, @Body() dto: PayDto, @Ctx() ctx: CommandContext) {
    return this.payables.execute(id, 'PayPayable', { ...dto, timeZone: this.config.timeZone }, ctx);
  }

  @Get()
  @ApiOkResponse({ type: PayablePageDto })
  @Roles(...READERS)
  list(@Query() q: FinanceListQueryDto) {
    return this.reads.page(filterOf(q, ['status']), q);
  }

  @Get(':payableId')
  @ApiOkResponse({ type: PayableViewDto })
  @Roles(...READERS)
  get(@Param('payableId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':payableId/history')
  @ApiOkResponse({ type: PayableHistoryDto })
  @Roles(...READERS)
  history(@Param('payableId') id: string) {
    return this.reads.history(id);
  }
}
