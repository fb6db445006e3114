import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, Idempotent, PLATFORM_CONFIG, Roles, type PlatformConfig } from '@ooh/http-kit';
import { receivableAggregate } from '@ooh/finance-domain';
import { InvoiceDto, PaymentDto, ReceivableQueryDto } from '../finance.dto';
import { RECEIVABLES } from '../finance.projections';
import { ReceivableHistoryDto, ReceivablePageDto, ReceivableViewDto } from '../finance.view.dto';

const READERS = ['finance', 'executive', 'sales', 'account-manager', 'admin'] as const;

/** Receivables are opened from other contexts' payment requests; finance invoices them and records payments. */
@ApiTags('finance: receivables')
@ApiBearerAuth()
@Controller('api/finance/receivables')
export class ReceivablesController {
  private readonly receivables;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.receivables = aggregates.commands(receivableAggregate);
    this.reads = aggregates.reads(receivableAggregate, { collection: RECEIVABLES, sort: { field: 'dueDate', direction: 'asc' }, idKey: 'receivableId' });
  }

  @Post(':receivableId/invoice')
  @CommandRoute()
  @Roles('finance')
  invoice(@Param('receivableId') id: string, @Body() dto: InvoiceDto, @Ctx() ctx: CommandContext) {
    return this.receivables.execute(id, 'IssueInvoice', { invoiceNumber: dto.invoiceNumber, dueDate: dto.dueDate ?? null }, ctx);
  }

  @Post(':receivableId/payments')
  @CommandRoute(201)
  @Idempotent()
  @Roles('finance')
  pay(@Param('receivableId') id: string, @Body() dto: PaymentDto, @Ctx() ctx: CommandContext) {
    return this.receivables.execute(id, 'RecordPayment', { ...dto, paymentId: newId(), timeZone: this.config.timeZone }, ctx);
  }

  @Get()
  @ApiOkResponse({ type: ReceivablePageDto })
  @Roles(...READERS)
  list(@Query() q: ReceivableQueryDto) {
    return this.reads.page(filterOf(q, { status: 'status', sourceId: 'source.id', sourceKind: 'source.kind' }), q);
  }

  @Get(':receivableId')
  @ApiOkResponse({ type: ReceivableViewDto })
  @Roles(...READERS)
  get(@Param('receivableId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':receivableId/history')
  @ApiOkResponse({ type: ReceivableHistoryDto })
  @Roles(...READERS)
  history(@Param('receivableId') id: string) {
    return this.reads.history(id);
  }
}
