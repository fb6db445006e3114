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
  STAFF_ROLES,
  Roles,
  PLATFORM_CONFIG,
  type PlatformConfig,
} from '@ooh/http-kit';
import { FINANCE_SETTINGS, type FinanceSettings } from '../finance.settings';
import { expenseAggregate } from '@ooh/finance-domain';
import { FinanceListQueryDto, IncurredDto, ReimburseDto, RequestExpenseDto } from '../finance.dto';
import { EXPENSES } from '../finance.projections';
import { ExpenseHistoryDto, ExpensePageDto, ExpenseViewDto } from '../finance.view.dto';

const READERS = ['finance', 'executive', 'admin'] as const;

/** 账务开销: every expense is approved before it is spent, then incurred with a receipt and reimbursed. */
@ApiTags('finance: expenses')
@ApiBearerAuth()
@Controller('api/finance/expenses')
export class ExpensesController {
  private readonly expenses;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    @Inject(FINANCE_SETTINGS) private readonly settings: FinanceSettings,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.expenses = aggregates.commands(expenseAggregate);
    this.reads = aggregates.reads(expenseAggregate, { collection: EXPENSES, sort: { field: 'requestedAt', direction: 'desc' }, idKey: 'expenseId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles(...STAFF_ROLES)
  request(@Body() dto: RequestExpenseDto, @Ctx() ctx: CommandContext) {
    return this.expenses.execute(newId(), 'RequestExpense', { ...dto, executiveThresholdFen: this.settings.expenseExecutiveThresholdFen }, ctx);
  }

  @Post(':expenseId/approve')
  @CommandRoute()
  @Roles('finance', 'executive')
  approve(@Param('expenseId') id: string, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.expenses.execute(id, 'ApproveExpense', {}, ctx);
  }

  @Post(':expenseId/reject')
  @CommandRoute()
  @Roles('finance', 'executive')
  reject(@Param('expenseId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.expenses.execute(id, 'RejectExpense', dto, ctx);
  }

  @Post(':expenseId/withdraw')
  @CommandRoute()
  @Roles(...STAFF_ROLES)
  withdraw(@Param('expenseId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.expenses.execute(id, 'WithdrawExpense', dto, ctx);
  }

  @Post(':expenseId/incurred')
  @CommandRoute()
  @Roles(...STAFF_ROLES)
  incurred(@Param('expenseId') id: string, @Body() dto: IncurredDto, @Ctx() ctx: CommandContext) {
    return this.expenses.execute(id, 'RecordExpenseIncurred', { ...dto, timeZone: this.config.timeZone }, ctx);
  }

  @Post(':expenseId/reimburse')
  @CommandRoute()
  @Roles('finance')
  reimburse(@Param('expenseId') id: string, @Body() dto: ReimburseDto, @Ctx() ctx: CommandContext) {
    return this.expenses.execute(id, 'ReimburseExpense', dto, ctx);
  }

  @Get()
  @ApiOkResponse({ type: ExpensePageDto })
  @Roles(...READERS)
  list(@Query() q: FinanceListQueryDto) {
    return this.reads.page(filterOf(q, ['status']), q);
  }

  @Get(':expenseId')
  @ApiOkResponse({ type: ExpenseViewDto })
  @Roles(...READERS)
  get(@Param('expenseId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':expenseId/history')
  @ApiOkResponse({ type: ExpenseHistoryDto })
  @Roles(...READERS)
  history(@Param('expenseId') id: string) {
    return this.reads.history(id);
  }
}
