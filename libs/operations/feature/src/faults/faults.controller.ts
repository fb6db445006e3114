import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { notFound, type EventStore, type Filter, type ReadModelStore } from '@ooh/eventing';
import { EVENT_STORE, IfMatch, Idempotent, READ_MODELS, Roles, historyEntry, Ctx, type CallerContext } from '@ooh/http-kit';
import { faultStream } from '@ooh/operations-domain';
import { AcknowledgeFaultDto, CloseFaultDto, FaultQueryDto, OpenFaultDto, RejectResolutionDto, ResolveFaultDto } from './fault.dto';
import { FAULTS } from './faults.projection';
import { FaultsService } from './faults.service';
import { FaultHistoryDto, FaultPageDto, FaultViewDto } from './fault.view.dto';

const READERS = ['ops-staff', 'ops-manager', 'executive', 'admin'] as const;

@ApiTags('operations: faults')
@ApiBearerAuth()
@Controller('api/operations/faults')
export class FaultsController {
  constructor(
    private readonly faults: FaultsService,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('ops-staff', 'ops-manager')
  open(@Body() dto: OpenFaultDto, @Ctx() ctx: CallerContext) {
    return this.faults.open(dto, ctx);
  }

  @Post(':faultId/acknowledge')
  @HttpCode(200)
  @Roles('ops-staff', 'ops-manager')
  acknowledge(@Param('faultId') id: string, @Body() dto: AcknowledgeFaultDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.faults.acknowledge(id, dto, { ...ctx, expectedRevision });
  }

  @Post(':faultId/resolve')
  @HttpCode(200)
  @Roles('ops-staff', 'ops-manager')
  resolve(@Param('faultId') id: string, @Body() dto: ResolveFaultDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.faults.resolve(id, dto, { ...ctx, expectedRevision });
  }

  @Post(':faultId/reject-resolution')
  @HttpCode(200)
  @Roles('ops-manager')
  rejectResolution(@Param('faultId') id: string, @Body() dto: RejectResolutionDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.faults.rejectResolution(id, dto, { ...ctx, expectedRevision });
  }

  @Post(':faultId/close')
  @HttpCode(200)
  @Roles('ops-manager')
  close(@Param('faultId') id: string, @Body() dto: CloseFaultDto, @Ctx() ctx: CallerContext, @IfMatch() expectedRevision?: number) {
    return this.faults.close(id, dto, { ...ctx, expectedRevision });
  }

  @Get()
  @ApiOkResponse({ type: FaultPageDto })
  @Roles(...READERS)
  list(@Query() q: FaultQueryDto) {
    const filter: Filter = {};
    if (q.status) filter.status = q.status;
    if (q.severity) filter.severity = q.severity;
    if (q.siteId) filter.siteId = q.siteId;
    if (q.breached !== undefined) filter.breached = q.breached;
    return this.readModels.find(FAULTS, { filter, sort: { field: 'openedAt', direction: 'desc' }, limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get(':faultId')
  @ApiOkResponse({ type: FaultViewDto })
  @Roles(...READERS)
  async get(@Param('faultId') id: string) {
    const found = await this.readModels.get(FAULTS, id);
    if (!found) throw notFound('FAULT_NOT_FOUND', `No fault ${id}`);
    return found.doc;
  }

  @Get(':faultId/history')
  @ApiOkResponse({ type: FaultHistoryDto })
  @Roles(...READERS)
  async history(@Param('faultId') id: string) {
    const events = await this.store.readStream(faultStream(id));
    if (events.length === 0) throw notFound('FAULT_NOT_FOUND', `No fault ${id}`);
    return { faultId: id, items: events.map(historyEntry) };
  }
}
