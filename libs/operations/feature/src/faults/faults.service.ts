import { Injectable } from '@nestjs/common';
import { deterministicId, newId, type Actor } from '@ooh/eventing';
import { EvidenceResolver, type CallerContext, type RequestContext } from '@ooh/http-kit';
import { faultStream, type FaultCommand, type FaultSource, type Severity } from '@ooh/operations-domain';
import { OperationsHandlers } from '../shared/operations-handlers';
import type { AcknowledgeFaultDto, CloseFaultDto, OpenFaultDto, RejectResolutionDto, ResolveFaultDto } from './fault.dto';

export const SCHEDULER_ACTOR: Actor = { userId: 'system:scheduler', role: 'system' };

@Injectable()
export class FaultsService {
  constructor(
    private readonly handlers: OperationsHandlers,
    private readonly evidence: EvidenceResolver,
  ) {}

  async open(dto: OpenFaultDto, ctx: CallerContext) {
    const photos = await this.evidence.resolve('photos', dto.photos);
    return this.openFault({ faultId: newId(), siteId: dto.siteId, severity: dto.severity, description: dto.description, photos, source: { kind: 'manual' }, at: this.handlers.now() }, ctx);
  }

  /** Used for manual tickets and for the ones an inspection's problems open (with derived ids). */
  async openFault(
    f: { faultId: string; siteId: string; severity: Severity; description: string; photos: Awaited<ReturnType<EvidenceResolver['resolve']>>; source: FaultSource; at: string },
    ctx: CallerContext & { causationId?: string; eventIds?: (i: number) => string },
  ) {
    const site = await this.handlers.siteSnapshot(f.siteId);
    return this.run(f.faultId, { type: 'OpenFault', data: { ...f, site, sla: this.handlers.config.sla, by: ctx.actor } }, ctx);
  }

  acknowledge(faultId: string, _dto: AcknowledgeFaultDto, ctx: RequestContext) {
    return this.run(faultId, { type: 'AcknowledgeFault', data: { faultId, at: this.handlers.now(), by: ctx.actor } }, ctx);
  }

  async resolve(faultId: string, dto: ResolveFaultDto, ctx: RequestContext) {
    const photos = await this.evidence.resolve('photos', dto.photos);
    return this.run(faultId, { type: 'ResolveFault', data: { faultId, action: dto.action, photos, at: this.handlers.now(), by: ctx.actor } }, ctx);
  }

  rejectResolution(faultId: string, dto: RejectResolutionDto, ctx: RequestContext) {
    return this.run(faultId, { type: 'RejectFaultResolution', data: { faultId, reason: dto.reason, at: this.handlers.now(), by: ctx.actor } }, ctx);
  }

  close(faultId: string, dto: CloseFaultDto, ctx: RequestContext) {
    return this.run(faultId, { type: 'CloseFault', data: { faultId, note: dto.note, at: this.handlers.now(), by: ctx.actor } }, ctx);
  }

  /** Issued by the scheduler: the same fault never gets two breach events, however often it runs. */
  recordSlaBreach(faultId: string, now: Date) {
    const at = now.toISOString();
    return this.run(
      faultId,
      { type: 'RecordSlaBreach', data: { faultId, at, by: SCHEDULER_ACTOR } },
      { actor: SCHEDULER_ACTOR, correlationId: deterministicId('sla-breach', faultId), eventIds: (i) => deterministicId('sla-breach', faultId, String(i)) },
    );
  }

  private async run(
    faultId: string,
    command: FaultCommand,
    ctx: Partial<RequestContext> & CallerContext & { causationId?: string; eventIds?: (i: number) => string },
  ) {
    const result = await this.handlers.fault(faultStream(faultId), command, {
      actor: ctx.actor,
      correlationId: ctx.correlationId,
      causationId: ctx.causationId,
      occurredAt: command.data.at,
      expectedRevision: ctx.expectedRevision,
      eventIds: ctx.eventIds,
    });
    return { id: faultId, revision: result.revision, events: result.events.map((e) => e.type) };
  }
}
