import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, notFound, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, EmptyBodyDto, filterOf, HistoryDto, Idempotent, Roles } from '@ooh/http-kit';
import { diffLines, mediaPlanAggregate, type PlanLineInput } from '@ooh/planning-domain';
import { createHash } from 'node:crypto';
import { FaceAvailability } from '../availability/face-availability';
import { Campaigns } from '../shared/campaigns';
import { PLANNING_READERS } from '../shared/readers';
import {
  ApproveVersionDto,
  ClientDecisionDto,
  CreateMediaPlanDto,
  DraftVersionDto,
  MediaPlanQueryDto,
  OverrideDto,
  RehearsalDto,
  ReturnVersionDto,
  SetLinesDto,
  type PlanLineDto,
} from './media-plan.dto';
import { MediaPlanPageDto, MediaPlanViewDto, VendorTotalDto, VersionDiffDto } from './media-plan.view.dto';
import { MEDIA_PLANS } from './media-plans.projection';
import { VersionParam, VersionParamDoc } from './version-param';

const MediaPlanHistoryDto = HistoryDto('planId', 'MediaPlanHistoryDto');
const PLANNERS = ['media-manager', 'account-manager'] as const;
const DIRECTORS = ['account-director', 'media-director'] as const;

const line = (l: PlanLineDto): PlanLineInput => ({
  lineId: l.lineId,
  channel: l.channel,
  vendor: { vendorId: l.vendor.vendorId, name: l.vendor.name },
  property: l.property,
  faces: (l.faces ?? []).map((f) => ({ siteId: f.siteId, face: f.face })),
  placement: l.placement ?? null,
  format: l.format ?? null,
  spotLengthSeconds: l.spotLengthSeconds ?? null,
  adSize: l.adSize ?? null,
  dayparts: l.dayparts ?? [],
  market: l.market,
  targetDemo: l.targetDemo ?? null,
  flight: { start: l.flight.start, end: l.flight.end },
  weeks: l.weeks.map((w) => ({ weekStart: w.weekStart, units: w.units })),
  pricing: l.pricing,
  grossRateFen: l.grossRateFen,
  commissionPercent: l.commissionPercent,
  estimates: {
    impressions: l.estimates?.impressions ?? null,
    grp: l.estimates?.grp ?? null,
    reach: l.estimates?.reach ?? null,
    frequency: l.estimates?.frequency ?? null,
  },
});

/** What a submitted version is frozen under: the sha256 of its lines, keys in a fixed order. */
const contentHash = (lines: unknown[]): string => {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value as object)
              .sort()
              .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(lines)))
    .digest('hex');
};

/**
 * Media plans (媒介策略, 排期表及预算) and their proposal (提案): versions never overwritten, submitted
 * ones frozen under their content hash, approvals by a second pair of eyes bound to that hash.
 */
@ApiTags('planning: media plans')
@ApiBearerAuth()
@ApiExtraModels(VendorTotalDto)
@Controller('api/planning/media-plans')
export class MediaPlansController {
  private readonly commands;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly campaigns: Campaigns,
    private readonly availability: FaceAvailability,
  ) {
    this.commands = aggregates.commands(mediaPlanAggregate);
    this.reads = aggregates.reads(mediaPlanAggregate, { collection: MEDIA_PLANS, sort: { field: 'createdAt', direction: 'desc' }, idKey: 'planId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('media-manager')
  async create(@Body() dto: CreateMediaPlanDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(
      newId(),
      'CreateMediaPlan',
      { campaign: await this.campaigns.forPlan(dto.briefId), name: dto.name, lines: dto.lines.map(line) },
      ctx,
    );
  }

  /** Replaces the lines of a draft version (a submitted version never changes). */
  @Put(':planId/versions/:version/lines')
  @VersionParamDoc('version')
  @CommandRoute()
  @Roles('media-manager')
  setLines(@Param('planId') id: string, @VersionParam() version: number, @Body() dto: SetLinesDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'SetDraftLines', { version, lines: dto.lines.map(line) }, ctx);
  }

  /** A new draft version whose parent is `fromVersion` (after a return, rehearsal feedback, the client's rejection, or a revision). */
  @Post(':planId/versions')
  @CommandRoute()
  @Roles('media-manager')
  draft(@Param('planId') id: string, @Body() dto: DraftVersionDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'DraftNewVersion', { fromVersion: dto.fromVersion, resolves: dto.resolves ?? [] }, ctx);
  }

  @Post(':planId/versions/:version/budget-override')
  @VersionParamDoc('version')
  @CommandRoute()
  @Roles('account-director')
  async override(@Param('planId') id: string, @VersionParam() version: number, @Body() dto: OverrideDto, @Ctx() ctx: CommandContext) {
    const { state } = await this.commands.require(id);
    return this.commands.execute(id, 'GrantBudgetOverride', { version, reason: dto.reason, campaign: await this.campaigns.forPlan(state.briefId) }, ctx);
  }

  /** Freezes the draft under its content hash, held against the budgets and the operator's availability (recorded on it). */
  @Post(':planId/versions/:version/submit')
  @VersionParamDoc('version')
  @CommandRoute()
  @Roles('media-manager')
  async submit(@Param('planId') id: string, @VersionParam() version: number, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    const { state } = await this.commands.require(id);
    const draft = state.versions.find((v) => v.version === version);
    if (!draft) throw notFound('VERSION_NOT_FOUND', `Media plan ${id} has no version ${version}`);
    const data = {
      version,
      contentHash: contentHash(draft.lines),
      campaign: await this.campaigns.forPlan(state.briefId),
      availability: await this.availability.check(draft.lines),
    };
    return this.commands.execute(id, 'SubmitPlanVersion', data, ctx);
  }

  @Post(':planId/versions/:version/return')
  @VersionParamDoc('version')
  @CommandRoute()
  @Roles(...DIRECTORS)
  returnVersion(@Param('planId') id: string, @VersionParam() version: number, @Body() dto: ReturnVersionDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ReturnPlanVersion', { version, reasons: dto.reasons }, ctx);
  }

  @Post(':planId/versions/:version/approve')
  @VersionParamDoc('version')
  @CommandRoute()
  @Roles(...DIRECTORS)
  approve(@Param('planId') id: string, @VersionParam() version: number, @Body() dto: ApproveVersionDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'ApprovePlanVersion', { version, contentHash: dto.contentHash }, ctx);
  }

  /** 策略提案预演: the internal rehearsal, with feedback items a later version resolves. */
  @Post(':planId/versions/:version/rehearsal')
  @VersionParamDoc('version')
  @CommandRoute()
  @Roles(...PLANNERS)
  rehearsal(@Param('planId') id: string, @VersionParam() version: number, @Body() dto: RehearsalDto, @Ctx() ctx: CommandContext) {
    const feedback = dto.feedback.map((text, i) => ({ feedbackId: `v${version}-${i + 1}`, text }));
    return this.commands.execute(id, 'RecordRehearsal', { version, feedback }, ctx);
  }

  @Post(':planId/versions/:version/present')
  @VersionParamDoc('version')
  @CommandRoute()
  @Roles('account-manager')
  present(@Param('planId') id: string, @VersionParam() version: number, @Body() _dto: EmptyBodyDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(id, 'PresentPlan', { version }, ctx);
  }

  /** The client's decision on the presented version, recorded by the account manager with its evidence. */
  @Post(':planId/versions/:version/client-decision')
  @VersionParamDoc('version')
  @CommandRoute()
  @Roles('account-manager')
  clientDecision(@Param('planId') id: string, @VersionParam() version: number, @Body() dto: ClientDecisionDto, @Ctx() ctx: CommandContext) {
    const data = { version, contentHash: dto.contentHash, outcome: dto.outcome, feedback: dto.feedback ?? [], evidence: dto.evidence };
    return this.commands.execute(id, 'RecordClientDecision', data, ctx);
  }

  @Get()
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: MediaPlanPageDto })
  list(@Query() q: MediaPlanQueryDto) {
    return this.reads.page(filterOf(q, ['briefId', 'clientId', 'status']), q);
  }

  @Get(':planId')
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: MediaPlanViewDto })
  get(@Param('planId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  /** Lines added, removed and changed from version `a` to version `b`, and the totals before and after. */
  @Get(':planId/versions/:a/diff/:b')
  @VersionParamDoc('a', 'b')
  @Roles(...PLANNING_READERS)
  @ApiOkResponse({ type: VersionDiffDto })
  async diff(@Param('planId') id: string, @VersionParam('a') a: number, @VersionParam('b') b: number) {
    const { state } = await this.commands.require(id);
    const [from, to] = [a, b].map((n) => {
      const found = state.versions.find((v) => v.version === n);
      if (!found) throw notFound('VERSION_NOT_FOUND', `Media plan ${id} has no version ${n}`);
      return found;
    });
    return { planId: id, from: a, to: b, ...diffLines(from.lines, to.lines) };
  }

  @Get(':planId/history')
  @ApiOkResponse({ type: MediaPlanHistoryDto })
  @Roles(...PLANNING_READERS)
  history(@Param('planId') id: string) {
    return this.reads.history(id);
  }
}
