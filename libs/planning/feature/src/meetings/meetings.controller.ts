import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { dayBounds, requireDayRange } from '@ooh/calendar';
import { newId, readAll, type CommandContext, type Filter, type ReadModelStore } from '@ooh/eventing';
import {
  Aggregates,
  AsOfQueryDto,
  CommandRoute,
  Ctx,
  filterOf,
  HistoryDto,
  Idempotent,
  PLATFORM_CONFIG,
  READ_MODELS,
  ReasonDto,
  Roles,
  utcInstant,
  type PlatformConfig,
} from '@ooh/http-kit';
import { meetingAggregate, missingSteps, type ChecklistStep, type MeetingState } from '@ooh/planning-domain';
import { ClientSnapshots } from '../shared/client-snapshots';
import { PLANNING_READERS } from '../shared/readers';
import {
  HoldMeetingDto,
  MeetingPageDto,
  MeetingQueryDto,
  MeetingsReportDto,
  MeetingsReportQueryDto,
  MeetingStepDto,
  MeetingViewDto,
  RescheduleMeetingDto,
  ScheduleMeetingDto,
} from './meeting.dto';
import { MEETINGS } from './meetings.projection';

const MeetingHistoryDto = HistoryDto('meetingId', 'MeetingHistoryDto');
const MAX_REPORT_DAYS = 366;

/** New-client meetings (新客户接洽): each checklist step a command of its own, recorded with who and when. */
@ApiTags('planning: meetings')
@ApiBearerAuth()
@Controller('api/planning')
export class MeetingsController {
  private readonly commands;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly clients: ClientSnapshots,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.commands = aggregates.commands(meetingAggregate);
    this.reads = aggregates.reads(meetingAggregate, { collection: MEETINGS, sort: { field: 'startsAt', direction: 'asc' }, idKey: 'meetingId' });
  }

  @Post('meetings')
  @CommandRoute(201)
  @Idempotent()
  @Roles('account-manager')
  async schedule(@Body() dto: ScheduleMeetingDto, @Ctx() ctx: CommandContext) {
    const data = {
      client: await this.clients.of(dto.clientId),
      startsAt: utcInstant(dto.startsAt),
      place: dto.place,
      attendees: dto.attendees,
      agenda: dto.agenda,
    };
    return this.commands.execute(newId(), 'ScheduleMeeting', data, ctx);
  }

  private step(id: string, step: ChecklistStep, dto: MeetingStepDto, ctx: CommandContext) {
    return this.commands.execute(id, 'CompleteMeetingStep', { step, note: dto.note ?? null, evidence: dto.evidence ?? [] }, ctx);
  }

  /** 向客户发出会议通知和议程安排 */
  @Post('meetings/:meetingId/notice-sent')
  @CommandRoute()
  @Roles('account-manager')
  noticeSent(@Param('meetingId') id: string, @Body() dto: MeetingStepDto, @Ctx() ctx: CommandContext) {
    return this.step(id, 'noticeSent', dto, ctx);
  }

  /** 要求客户确认会议安排: the client's confirmation, recorded by the account manager (with its evidence). */
  @Post('meetings/:meetingId/client-confirmed')
  @CommandRoute()
  @Roles('account-manager')
  clientConfirmed(@Param('meetingId') id: string, @Body() dto: MeetingStepDto, @Ctx() ctx: CommandContext) {
    return this.step(id, 'clientConfirmed', dto, ctx);
  }

  /** 准备公司介绍和相关会议材料 */
  @Post('meetings/:meetingId/materials-prepared')
  @CommandRoute()
  @Roles('account-manager')
  materialsPrepared(@Param('meetingId') id: string, @Body() dto: MeetingStepDto, @Ctx() ctx: CommandContext) {
    return this.step(id, 'materialsPrepared', dto, ctx);
  }

  /** 安排交通工具 */
  @Post('meetings/:meetingId/transport-arranged')
  @CommandRoute()
  @Roles('account-manager')
  transportArranged(@Param('meetingId') id: string, @Body() dto: MeetingStepDto, @Ctx() ctx: CommandContext) {
    return this.step(id, 'transportArranged', dto, ctx);
  }

  @Post('meetings/:meetingId/reschedule')
  @CommandRoute()
  @Roles('account-manager')
  reschedule(@Param('meetingId') id: string, @Body() dto: RescheduleMeetingDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'RescheduleMeeting', { startsAt: utcInstant(dto.startsAt), place: dto.place ?? null, reason: dto.reason }, ctx);
  }

  /** 会议进行: minutes and decisions with owners and due dates; only once the client confirmed. */
  @Post('meetings/:meetingId/held')
  @CommandRoute()
  @Roles('account-manager')
  held(@Param('meetingId') id: string, @Body() dto: HoldMeetingDto, @Ctx() ctx: CommandContext) {
    const data = { heldAt: utcInstant(dto.heldAt), minutes: dto.minutes, decisions: dto.decisions, evidence: dto.evidence ?? [] };
    return this.commands.execute(id, 'HoldMeeting', data, { ...ctx, occurredAt: data.heldAt });
  }

  @Post('meetings/:meetingId/cancel')
  @CommandRoute()
  @Roles('account-manager')
  cancel(@Param('meetingId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'CancelMeeting', dto, ctx);
  }

  @Get('meetings')
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: MeetingPageDto })
  list(@Query() q: MeetingQueryDto) {
    const filter: Filter = { ...filterOf(q, ['status', 'clientId']), ...(q.flagged ? { flagged: q.flagged === 'true' } : {}) };
    if (q.from || q.to) {
      filter.startsAt = {
        ...(q.from ? { $gte: new Date(dayBounds(q.from, this.config.timeZone)[0]).toISOString() } : {}),
        ...(q.to ? { $lt: new Date(dayBounds(q.to, this.config.timeZone)[1]).toISOString() } : {}),
      };
    }
    return this.reads.page(filter, q);
  }

  @Get('meetings/:meetingId')
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: MeetingViewDto })
  get(@Param('meetingId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get('meetings/:meetingId/history')
  @ApiOkResponse({ type: MeetingHistoryDto })
  @Roles(...PLANNING_READERS)
  history(@Param('meetingId') id: string) {
    return this.reads.history(id);
  }

  /** Meetings in a range of local days: how many per status, those still due with what they miss, those flagged. */
  @Get('reports/meetings')
  @HttpCode(200)
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: MeetingsReportDto })
  async report(@Query() q: MeetingsReportQueryDto): Promise<MeetingsReportDto> {
    requireDayRange(q.from, q.to, MAX_REPORT_DAYS, 'report');
    const range = {
      $gte: new Date(dayBounds(q.from, this.config.timeZone)[0]).toISOString(),
      $lt: new Date(dayBounds(q.to, this.config.timeZone)[1]).toISOString(),
    };
    const meetings = await readAll<MeetingState & { flagged: boolean }>(this.readModels, MEETINGS, { startsAt: range });
    const row = (m: MeetingState) => ({
      meetingId: m.meetingId,
      clientName: m.clientName,
      startsAt: m.startsAt,
      status: m.status,
      missing: m.status === 'scheduled' ? missingSteps(m.checklist) : [],
      flaggedAt: m.flaggedAt,
    });
    const count = (status: string) => meetings.filter((m) => m.status === status).length;
    const soonest = (a: MeetingState, b: MeetingState) => a.startsAt.localeCompare(b.startsAt);
    return {
      from: q.from,
      to: q.to,
      counts: { scheduled: count('scheduled'), held: count('held'), cancelled: count('cancelled'), flagged: meetings.filter((m) => m.flagged).length },
      due: meetings
        .filter((m) => m.status === 'scheduled')
        .sort(soonest)
        .map(row),
      flagged: meetings
        .filter((m) => m.flagged)
        .sort(soonest)
        .map(row),
    };
  }
}
