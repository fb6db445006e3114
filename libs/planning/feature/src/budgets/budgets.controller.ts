import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, HistoryDto, Idempotent, Roles } from '@ooh/http-kit';
import { budgetAggregate } from '@ooh/planning-domain';
import { Campaigns } from '../shared/campaigns';
import { PLANNING_READERS } from '../shared/readers';
import { AuthorizeBudgetDto, BudgetPageDto, BudgetQueryDto, BudgetViewDto, RejectBudgetDto, RequestBudgetDto } from './budget.dto';
import { BUDGETS } from './budgets.projection';

const BudgetHistoryDto = HistoryDto('authorizationId', 'BudgetHistoryDto');

/** Budget authorizations of a campaign: requested, then the client's answer recorded by an account manager with its PO. */
@ApiTags('planning: budget authorizations')
@ApiBearerAuth()
@Controller('api/planning/budgets')
export class BudgetsController {
  private readonly commands;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly campaigns: Campaigns,
  ) {
    this.commands = aggregates.commands(budgetAggregate);
    this.reads = aggregates.reads(budgetAggregate, { collection: BUDGETS, sort: { field: 'requestedAt', direction: 'desc' }, idKey: 'authorizationId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('account-manager', 'media-manager')
  async request(@Body() dto: RequestBudgetDto, @Ctx() ctx: CommandContext) {
    const buckets = dto.buckets.map((b) => ({ channel: b.channel ?? null, month: b.month ?? null, amountFen: b.amountFen }));
    return this.commands.execute(newId(), 'RequestBudget', { campaign: await this.campaigns.snapshot(dto.briefId), buckets }, ctx);
  }

  @Post(':authorizationId/authorize')
  @CommandRoute()
  @Roles('account-manager')
  authorize(@Param('authorizationId') id: string, @Body() dto: AuthorizeBudgetDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'AuthorizeBudget', { poReference: dto.poReference, evidence: dto.evidence }, ctx);
  }

  @Post(':authorizationId/reject')
  @CommandRoute()
  @Roles('account-manager')
  reject(@Param('authorizationId') id: string, @Body() dto: RejectBudgetDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'RejectBudget', { reason: dto.reason, evidence: dto.evidence ?? [] }, ctx);
  }

  @Get()
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: BudgetPageDto })
  list(@Query() q: BudgetQueryDto) {
    return this.reads.page(filterOf(q, ['briefId', 'status']), q);
  }

  @Get(':authorizationId')
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: BudgetViewDto })
  get(@Param('authorizationId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':authorizationId/history')
  @ApiOkResponse({ type: BudgetHistoryDto })
  @Roles(...PLANNING_READERS)
  history(@Param('authorizationId') id: string) {
    return this.reads.history(id);
  }
}
