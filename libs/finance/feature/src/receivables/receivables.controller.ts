import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, notFound, type EventStore, type Filter, type ReadModelStore } from '@ooh/eventing';
import { Ctx, EVENT_STORE, historyEntry, IfMatch, Idempotent, READ_MODELS, Roles, type CallerContext } from '@ooh/http-kit';
import { receivableStream } from '@ooh/finance-domain';
import { FinanceListQueryDto, InvoiceDto, PaymentDto } from '../finance.dto';
import { FinanceHandlers } from '../finance-handlers';
import { RECEIVABLES } from '../finance.projections';
import { ReceivableHistoryDto, ReceivablePageDto, ReceivableViewDto } from '../finance.view.dto';

const READERS = ['finance', 'executive', 'sales', 'account-manager', 'admin'] as const;

/** Receivables are opened from other contexts' payment requests; finance invoices them and records payments. */
@ApiTags('finance: receivables')
@ApiBearerAuth()
@Controller('api/finance/receivables')
export class ReceivablesController {
  constructor(
    private readonly finance: FinanceHandlers,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post(':receivableId/invoice')
  @HttpCode(200)
  @Roles('finance')
  invoice(@Param('receivableId') id: string, @Body() dto: InvoiceDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.finance.onReceivable(
      id,
      { type: 'IssueInvoice', data: { receivableId: id, invoiceNumber: dto.invoiceNumber, dueDate: dto.dueDate ?? null, at: this.finance.now(), by: ctx.actor } },
      { ...ctx, expectedRevision },
    );
  }

  @Post(':receivableId/payments')
  @HttpCode(201)
  @Idempotent()
  @Roles('finance')
  pay(@Param('receivableId') id: string, @Body() dto: PaymentDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.finance.onReceivable(
      id,
      {
        type: 'RecordPayment',
        data: { receivableId: id, paymentId: newId(), amountFen: dto.amountFen, currency: dto.currency, reference: dto.reference, receivedOn: dto.receivedOn, at: this.finance.now(), by: ctx.actor },
      },
      { ...ctx, expectedRevision },
    );
  }

  @Get()
  @ApiOkResponse({ type: ReceivablePageDto })
  @Roles(...READERS)
  list(@Query() q: FinanceListQueryDto) {
    const filter: Filter = q.status ? { status: q.status } : {};
    return this.readModels.find(RECEIVABLES, { filter, sort: { field: 'dueDate', direction: 'asc' }, limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get(':receivableId')
  @ApiOkResponse({ type: ReceivableViewDto })
  @Roles(...READERS)
  async get(@Param('receivableId') id: string) {
    const found = await this.readModels.get(RECEIVABLES, id);
    if (!found) throw notFound('RECEIVABLE_NOT_FOUND', `No receivable ${id}`);
    return found.doc;
  }

  @Get(':receivableId/history')
  @ApiOkResponse({ type: ReceivableHistoryDto })
  @Roles(...READERS)
  async history(@Param('receivableId') id: string) {
    const events = await this.store.readStream(receivableStream(id));
    if (events.length === 0) throw notFound('RECEIVABLE_NOT_FOUND', `No receivable ${id}`);
    return { receivableId: id, items: events.map(historyEntry) };
  }
}
