import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, HistoryDto, Idempotent, ReasonDto, Roles } from '@ooh/http-kit';
import { mediaPlanAggregate } from '@ooh/planning-domain';
import { OpenMediaPlanDto, MediaPlanQueryDto } from './media-plan.dto';
import { MEDIA_PLANS } from './media-plans.projection';

const READERS = ['account-manager', 'media-manager'] as const;
const MediaPlanHistoryDto = HistoryDto('mediaPlanId', 'MediaPlanHistoryDto');

@ApiTags('planning: media plans')
@ApiBearerAuth()
@Controller('api/planning/media-plans')
export class MediaPlansController {
  private readonly commands;
  private readonly reads;

  constructor(aggregates: Aggregates) {
    this.commands = aggregates.commands(mediaPlanAggregate);
    this.reads = aggregates.reads(mediaPlanAggregate, { collection: MEDIA_PLANS, sort: { field: 'openedAt', direction: 'desc' }, idKey: 'mediaPlanId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('account-manager', 'media-manager')
  open(@Body() dto: OpenMediaPlanDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(newId(), 'OpenMediaPlan', dto, ctx);
  }

  @Post(':mediaPlanId/close')
  @CommandRoute()
  @Roles('account-manager', 'media-manager')
  close(@Param('mediaPlanId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'CloseMediaPlan', dto, ctx);
  }

  @Get()
  @Roles(...READERS)
  list(@Query() q: MediaPlanQueryDto) {
    return this.reads.page(filterOf(q, ['status']), q);
  }

  @Get(':mediaPlanId')
  @Roles(...READERS)
  get(@Param('mediaPlanId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':mediaPlanId/history')
  @ApiOkResponse({ type: MediaPlanHistoryDto })
  @Roles(...READERS)
  history(@Param('mediaPlanId') id: string) {
    return this.reads.history(id);
  }
}
