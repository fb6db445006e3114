import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, HistoryDto, Idempotent, Roles } from '@ooh/http-kit';
import { briefAggregate, type BriefContent } from '@ooh/planning-domain';
import { ClientSnapshots } from '../shared/client-snapshots';
import { PLANNING_READERS } from '../shared/readers';
import { BriefPageDto, BriefQueryDto, BriefViewDto, CreateBriefDto, ReviseBriefDto, type BriefContentDto } from './brief.dto';
import { BRIEFS } from './briefs.projection';

const BriefHistoryDto = HistoryDto('briefId', 'BriefHistoryDto');

const content = (dto: BriefContentDto): BriefContent => ({
  campaign: dto.campaign,
  objectives: dto.objectives,
  kpis: (dto.kpis ?? []).map((k) => ({ metric: k.metric, channel: k.channel ?? null, target: k.target })),
  audience: { ageBands: dto.audience.ageBands, gender: dto.audience.gender, regions: dto.audience.regions, habits: dto.audience.habits },
  markets: dto.markets,
  budget: { amountFen: dto.budget.amountFen, currency: dto.budget.currency },
  period: { start: dto.period.start, end: dto.period.end },
  research: { competitors: dto.research.competitors, trends: dto.research.trends },
  mandatoryItems: dto.mandatoryItems,
});

/** Campaign briefs, versioned: a brief names the campaign its budget authorizations and media plans belong to. */
@ApiTags('planning: briefs')
@ApiBearerAuth()
@Controller('api/planning/briefs')
export class BriefsController {
  private readonly commands;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly clients: ClientSnapshots,
  ) {
    this.commands = aggregates.commands(briefAggregate);
    this.reads = aggregates.reads(briefAggregate, { collection: BRIEFS, sort: { field: 'updatedAt', direction: 'desc' }, idKey: 'briefId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('account-manager')
  async create(@Body() dto: CreateBriefDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(newId(), 'CreateBrief', { client: await this.clients.of(dto.clientId), content: content(dto) }, ctx);
  }

  @Post(':briefId/revisions')
  @CommandRoute()
  @Roles('account-manager')
  revise(@Param('briefId') id: string, @Body() dto: ReviseBriefDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ReviseBrief', { content: content(dto), note: dto.note }, ctx);
  }

  @Get()
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: BriefPageDto })
  list(@Query() q: BriefQueryDto) {
    return this.reads.page(filterOf(q, ['clientId']), q);
  }

  @Get(':briefId')
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: BriefViewDto })
  get(@Param('briefId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':briefId/history')
  @ApiOkResponse({ type: BriefHistoryDto })
  @Roles(...PLANNING_READERS)
  history(@Param('briefId') id: string) {
    return this.reads.history(id);
  }
}
