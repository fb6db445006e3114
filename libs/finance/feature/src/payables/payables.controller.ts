import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, notFound, type EventStore, type Filter, type ReadModelStore } from '@ooh/eventing';
import { Ctx, EVENT_STORE, historyEntry, IfMatch, Idempotent, READ_MODELS, Roles, type CallerContext } from '@ooh/http-kit';
import { payableStream } from '@ooh/finance-domain';
import { EmptyDto, FinanceListQueryDto, PayDto, ReasonDto, RequestPayableDto } from '../finance.dto';
import { FinanceHandlers } from '../finance-handlers';
import { PAYABLES } from '../finance.projections';
import { PayableHistoryDto, PayablePageDto, PayableViewDto } from '../finance.view.dto';

const REQUESTERS = ['ops-manager', 'media-manager', 'production-manager', 'account-manager'] as const;
const READERS = ['finance', 'executive', ...REQUESTERS, 'admin'] as const;

/** Vendor payments: requested by a department, approved by finance (and an executive above the threshold), then paid. */
@ApiTags('finance: payables')
@ApiBearerAuth()
@Controller('api/finance/payables')
export class PayablesController {
  constructor(
    private readonly finance: FinanceHandlers,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles(...REQUESTERS)
  request(@Body() dto: RequestPayableDto, @Ctx() ctx: CallerContext) {
    const payableId = newId();
    return this.finance.onPayable(
      payableId,
      {
        type: 'RequestPayable',
        data: {
          payableId, vendor: { ...dto.vendor }, source: null, milestone: dto.milestone, amountFen: dto.amountFen, currency: dto.currency,
          dueDate: dto.dueDate ?? null, purpose: dto.purpose, requestedBy: ctx.actor,
          executiveThresholdFen: this.finance.config.finance.payableExecutiveThresholdFen, at: this.finance.now(), by: ctx.actor,
        },
      },
      ctx,
    );
  }

  @Post(':payableId/approve')
  @HttpCode(200)
  @Roles('finance', 'executive')
  approve(@Param('payableId') id: string, @Body() _dto: EmptyDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.finance.onPayable(id, { type: 'ApprovePayable', data: { payableId: id, at: this.finance.now(), by: ctx.actor } }, { ...ctx, expectedRevision });
  }

  @Post(':payableId/reject')
  @HttpCode(200)
  @Roles('finance', 'executive')
  reject(@Param('payableId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.finance.onPayable(id, { type: 'RejectPayable', data: { payableId: id, reason: dto.reason, at: this.finance.now(), by: ctx.actor } }, { ...ctx, expectedRevision });
  }

  @Post(':payableId/pay')
  @HttpCode(200)
  @Roles('finance')
  pay(@Param('payableId') id: string, @Body() dto: PayDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.finance.onPayable(
      id,
      { type: 'PayPayable', data: { payableId: id, paymentReference: dto.paymentReference, paidOn: dto.paidOn, at: this.finance.now(), by: ctx.actor } },
      { ...ctx, expectedRevision },
    );
  }

  @Get()
  @ApiOkResponse({ type: PayablePageDto })
  @Roles(...READERS)
  list(@Query() q: FinanceListQueryDto) {
    const filter: Filter = q.status ? { status: q.status } : {};
    return this.readModels.find(PAYABLES, { filter, sort: { field: 'requestedAt', direction: 'desc' }, limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get(':payableId')
  @ApiOkResponse({ type: PayableViewDto })
  @Roles(...READERS)
  async get(@Param('payableId') id: string) {
    const found = await this.readModels.get(PAYABLES, id);
    if (!found) throw notFound('PAYABLE_NOT_FOUND', `No payable ${id}`);
    return found.doc;
  }

  @Get(':payableId/history')
  @ApiOkResponse({ type: PayableHistoryDto })
  @Roles(...READERS)
  async history(@Param('payableId') id: string) {
    const events = await this.store.readStream(payableStream(id));
    if (events.length === 0) throw notFound('PAYABLE_NOT_FOUND', `No payable ${id}`);
    return { payableId: id, items: events.map(historyEntry) };
  }
}
