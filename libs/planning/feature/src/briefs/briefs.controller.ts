import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, HistoryDto, Idempotent, ReasonDto, Roles } from '@ooh/http-kit';
import { briefAggregate } from '@ooh/planning-domain';
import { OpenBriefDto, BriefQueryDto } from './brief.dto';
import { BRIEFS } from './briefs.projection';

const READERS = ['account-manager'] as const;
const BriefHistoryDto = HistoryDto('briefId', 'BriefHistoryDto');

@ApiTags('planning: briefs')
@ApiBearerAuth()
@Controller('api/planning/briefs')
export class BriefsController {
  private readonly commands;
  private readonly reads;

  constructor(aggregates: Aggregates) {
    this.commands = aggregates.commands(briefAggregate);
    this.reads = aggregates.reads(briefAggregate, { collection: BRIEFS, sort: { field: 'openedAt', direction: 'desc' }, idKey: 'briefId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('account-manager')
  open(@Body() dto: OpenBriefDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(newId(), 'OpenBrief', dto, ctx);
  }

  @Post(':briefId/close')
  @CommandRoute()
  @Roles('account-manager')
  close(@Param('briefId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'CloseBrief', dto, ctx);
  }

  @Get()
  @Roles(...READERS)
  list(@Query() q: BriefQueryDto) {
    return this.reads.page(filterOf(q, ['status']), q);
  }

  @Get(':briefId')
  @Roles(...READERS)
  get(@Param('briefId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':briefId/history')
  @ApiOkResponse({ type: BriefHistoryDto })
  @Roles(...READERS)
  history(@Param('briefId') id: string) {
    return this.reads.history(id);
  }
}
