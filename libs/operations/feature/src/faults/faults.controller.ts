import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newId, type CommandContext } from '@ooh/eventing';
import { Aggregates, AsOfQueryDto, CommandRoute, Ctx, filterOf, Idempotent, ReasonDto, Roles } from '@ooh/http-kit';
import { OPERATIONS_SETTINGS, type OperationsSettings } from '../operations.settings';
import { faultAggregate } from '@ooh/operations-domain';
import { SiteSnapshots } from '../sites/site-snapshots';
import { AcknowledgeFaultDto, CloseFaultDto, FaultQueryDto, OpenFaultDto, ResolveFaultDto } from './fault.dto';
import { FAULTS } from './faults.projection';
import { FaultHistoryDto, FaultPageDto, FaultViewDto } from './fault.view.dto';

const READERS = ['ops-staff', 'ops-manager', 'executive', 'admin'] as const;

@ApiTags('operations: faults')
@ApiBearerAuth()
@Controller('api/operations/faults')
export class FaultsController {
  private readonly faults;
  private readonly reads;

  constructor(
    aggregates: Aggregates,
    private readonly sites: SiteSnapshots,
    @Inject(OPERATIONS_SETTINGS) private readonly settings: OperationsSettings,
  ) {
    this.faults = aggregates.commands(faultAggregate);
    this.reads = aggregates.reads(faultAggregate, { collection: FAULTS, sort: { field: 'openedAt', direction: 'desc' }, idKey: 'faultId' });
  }

  @Post()
  @CommandRoute(201)
  @Idempotent()
  @Roles('ops-staff', 'ops-manager')
  async open(@Body() dto: OpenFaultDto, @Ctx() ctx: CommandContext) {
    const site = await this.sites.of(dto.siteId);
    return this.faults.execute(newId(), 'OpenFault', { ...dto, photos: dto.photos ?? [], site, sla: this.settings.sla, source: { kind: 'manual' } }, ctx);
  }

  @Post(':faultId/acknowledge')
  @CommandRoute()
  @Roles('ops-staff', 'ops-manager')
  acknowledge(@Param('faultId') id: string, @Body() dto: AcknowledgeFaultDto, @Ctx() ctx: CommandContext) {
    return this.faults.execute(id, 'AcknowledgeFault', dto, ctx);
  }

  @Post(':faultId/resolve')
  @CommandRoute()
  @Roles('ops-staff', 'ops-manager')
  resolve(@Param('faultId') id: string, @Body() dto: ResolveFaultDto, @Ctx() ctx: CommandContext) {
    return this.faults.execute(id, 'ResolveFault', dto, ctx);
  }

  @Post(':faultId/reject-resolution')
  @CommandRoute()
  @Roles('ops-manager')
  rejectResolution(@Param('faultId') id: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.faults.execute(id, 'RejectFaultResolution', dto, ctx);
  }

  @Post(':faultId/close')
  @CommandRoute()
  @Roles('ops-manager')
  close(@Param('faultId') id: string, @Body() dto: CloseFaultDto, @Ctx() ctx: CommandContext) {
    return this.faults.execute(id, 'CloseFault', dto, ctx);
  }

  @Get()
  @ApiOkResponse({ type: FaultPageDto })
  @Roles(...READERS)
  list(@Query() q: FaultQueryDto) {
    return this.reads.page(filterOf(q, ['status', 'severity', 'siteId', 'breached']), q);
  }

  @Get(':faultId')
  @ApiOkResponse({ type: FaultViewDto })
  @Roles(...READERS)
  get(@Param('faultId') id: string, @Query() q: AsOfQueryDto) {
    return this.reads.get(id, q.asOf);
  }

  @Get(':faultId/history')
  @ApiOkResponse({ type: FaultHistoryDto })
  @Roles(...READERS)
  history(@Param('faultId') id: string) {
    return this.reads.history(id);
  }
}
