import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, HistoryDto, Idempotent, ReasonDto, Roles } from '@ooh/http-kit';
import { meetingAggregate } from '@ooh/planning-domain';
import { OpenMeetingDto, MeetingQueryDto } from './meeting.dto';
import { MEETINGS } from './meetings.projection';

const READERS = ['account-manager'] as const;
const MeetingHistoryDto = HistoryDto('meetingId', 'MeetingHistoryDto');

@ApiTags('planning: meetings')
@ApiBearerAuth()
@Controller('api/planning/meetings')
export class MeetingsController {
  private readonly commands;
  private readonly reads;

  constructor(aggregates: Aggregates) {
    this.commands = aggregates.commands(meetingAggregate);
    this.reads = aggregates.reads(meetingAggregate, { collection: MEETINGS, sort: { field: 'openedAt', direction: 'desc' }, idKey: 'meetingId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('account-manager')
  open(@Body() dto: OpenMeetingDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(newId(), 'OpenMeeting', dto, ctx);
  }

  @Post(':meetingId/close')
  @CommandRoute()
  @Roles('account-manager')
  close(@Param('meetingId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'CloseMeeting', dto, ctx);
  }

  @Get()
  @Roles(...READERS)
  list(@Query() q: MeetingQueryDto) {
    return this.reads.page(filterOf(q, ['status']), q);
  }

  @Get(':meetingId')
  @Roles(...READERS)
  get(@Param('meetingId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':meetingId/history')
  @ApiOkResponse({ type: MeetingHistoryDto })
  @Roles(...READERS)
  history(@Param('meetingId') id: string) {
    return this.reads.history(id);
  }
}
