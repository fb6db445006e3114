import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, notFound, type EventStore, type Filter, type ReadModelStore } from '@ooh/eventing';
import { Ctx, EVENT_STORE, EvidenceResolver, historyEntry, IfMatch, Idempotent, READ_MODELS, ROLES, Roles, type CallerContext } from '@ooh/http-kit';
import { expenseStream } from '@ooh/finance-domain';
import { EmptyDto, FinanceListQueryDto, IncurredDto, ReasonDto, ReimburseDto, RequestExpenseDto } from '../finance.dto';
import { FinanceHandlers } from '../finance-handlers';
import { EXPENSES } from '../finance.projections';
import { ExpenseHistoryDto, ExpensePageDto, ExpenseViewDto } from '../finance.view.dto';

/** 账务开销: every expense is approved before it is spent, then incurred with a receipt and reimbursed. */
@ApiTags('finance: expenses')
@ApiBearerAuth()
@Controller('api/finance/expenses')
export class ExpensesController {
  constructor(
    private readonly finance: FinanceHandlers,
    private readonly evidence: EvidenceResolver,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles(...ROLES)
  request(@Body() dto: RequestExpenseDto, @Ctx() ctx: CallerContext) {
    const expenseId = newId();
    return this.finance.onExpense(
      expenseId,
      {
        type: 'RequestExpense',
        data: {
          expenseId, department: dto.department, category: dto.category, amountFen: dto.amountFen, currency: dto.currency, purpose: dto.purpose,
          executiveThresholdFen: this.finance.config.finance.expenseExecutiveThresholdFen, at: this.finance.now(), by: ctx.actor,
        },
      },
      ctx,
    );
  }

  @Post(':expenseId/approve')
  @HttpCode(200)
  @Roles('finance', 'executive')
  approve(@Param('expenseId') id: string, @Body() _dto: EmptyDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.finance.onExpense(id, { type: 'ApproveExpense', data: { expenseId: id, at: this.finance.now(), by: ctx.actor } }, { ...ctx, expectedRevision });
  }

  @Post(':expenseId/reject')
  @HttpCode(200)
  @Roles('finance', 'executive')
  reject(@Param('expenseId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.finance.onExpense(id, { type: 'RejectExpense', data: { expenseId: id, reason: dto.reason, at: this.finance.now(), by: ctx.actor } }, { ...ctx, expectedRevision });
  }

  @Post(':expenseId/incurred')
  @HttpCode(200)
  @Roles(...ROLES)
  async incurred(@Param('expenseId') id: string, @Body() dto: IncurredDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    const receipt = await this.evidence.resolve('receipt', dto.receipt);
    return this.finance.onExpense(
      id,
      { type: 'RecordExpenseIncurred', data: { expenseId: id, amountFen: dto.amountFen, currency: dto.currency, incurredOn: dto.incurredOn, receipt, at: this.finance.now(), by: ctx.actor } },
      { ...ctx, expectedRevision },
    );
  }

  @Post(':expenseId/reimburse')
  @HttpCode(200)
  @Roles('finance')
  reimburse(@Param('expenseId') id: string, @Body() dto: ReimburseDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.finance.onExpense(id, { type: 'ReimburseExpense', data: { expenseId: id, paymentReference: dto.paymentReference, at: this.finance.now(), by: ctx.actor } }, { ...ctx, expectedRevision });
  }

  @Get()
  @ApiOkResponse({ type: ExpensePageDto })
  @Roles('finance', 'executive', 'admin')
  list(@Query() q: FinanceListQueryDto) {
    const filter: Filter = q.status ? { status: q.status } : {};
    return this.readModels.find(EXPENSES, { filter, sort: { field: 'requestedAt', direction: 'desc' }, limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get(':expenseId')
  @ApiOkResponse({ type: ExpenseViewDto })
  @Roles('finance', 'executive', 'admin')
  async get(@Param('expenseId') id: string) {
    const found = await this.readModels.get(EXPENSES, id);
    if (!found) throw notFound('EXPENSE_NOT_FOUND', `No expense ${id}`);
    return found.doc;
  }

  @Get(':expenseId/history')
  @ApiOkResponse({ type: ExpenseHistoryDto })
  @Roles('finance', 'executive', 'admin')
  async history(@Param('expenseId') id: string) {
    const events = await this.store.readStream(expenseStream(id));
    if (events.length === 0) throw notFound('EXPENSE_NOT_FOUND', `No expense ${id}`);
    return { expenseId: id, items: events.map(historyEntry) };
  }
}
