import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, HistoryDto, Idempotent, ReasonDto, Roles } from '@ooh/http-kit';
import { budgetAggregate } from '@ooh/planning-domain';
import { OpenBudgetDto, BudgetQueryDto } from './budget.dto';
import { BUDGETS } from './budgets.projection';

const READERS = ['account-manager'] as const;
const BudgetHistoryDto = HistoryDto('budgetId', 'BudgetHistoryDto');

@ApiTags('planning: budgets')
@ApiBearerAuth()
@Controller('api/planning/budgets')
export class BudgetsController {
  private readonly commands;
  private readonly reads;

  constructor(aggregates: Aggregates) {
    this.commands = aggregates.commands(budgetAggregate);
    this.reads = aggregates.reads(budgetAggregate, { collection: BUDGETS, sort: { field: 'openedAt', direction: 'desc' }, idKey: 'budgetId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('account-manager')
  open(@Body() dto: OpenBudgetDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(newId(), 'OpenBudget', dto, ctx);
  }

  @Post(':budgetId/close')
  @CommandRoute()
  @Roles('account-manager')
  close(@Param('budgetId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'CloseBudget', dto, ctx);
  }

  @Get()
  @Roles(...READERS)
  list(@Query() q: BudgetQueryDto) {
    return this.reads.page(filterOf(q, ['status']), q);
  }

  @Get(':budgetId')
  @Roles(...READERS)
  get(@Param('budgetId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':budgetId/history')
  @ApiOkResponse({ type: BudgetHistoryDto })
  @Roles(...READERS)
  history(@Param('budgetId') id: string) {
    return this.reads.history(id);
  }
}
