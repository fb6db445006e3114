import { Injectable } from '@nestjs/common';
import { EvidenceResolver, type RequestContext } from '@ooh/http-kit';
import { siteStream, type SiteCommand } from '@ooh/operations-domain';
import { OperationsHandlers } from '../shared/operations-handlers';
import type { RegisterSiteDto, RetireSiteDto, ReturnToServiceDto, TakeOutOfServiceDto, UpdateSiteDto } from './site.dto';

export interface CommandOutcome {
  id: string;
  revision: number;
  events: string[];
}

/** Turns validated requests into site commands (time, actor and evidence filled in here) and runs them. */
@Injectable()
export class SitesService {
  constructor(
    private readonly handlers: OperationsHandlers,
    private readonly evidence: EvidenceResolver,
  ) {}

  async register(dto: RegisterSiteDto, ctx: RequestContext): Promise<CommandOutcome> {
    const photos = await this.evidence.resolve('photos', dto.photos);
    const { photos: _ignored, ...details } = dto;
    return this.run(dto.siteId, { type: 'RegisterSite', data: { ...details, photos, at: this.handlers.now(), by: ctx.actor } }, ctx);
  }

  async update(siteId: string, dto: UpdateSiteDto, ctx: RequestContext): Promise<CommandOutcome> {
    const { photos, ...rest } = dto;
    const changes = { ...rest, ...(photos ? { photos: await this.evidence.resolve('photos', photos) } : {}) };
    return this.run(siteId, { type: 'UpdateSite', data: { siteId, changes, at: this.handlers.now(), by: ctx.actor } }, ctx);
  }

  takeOutOfService(siteId: string, dto: TakeOutOfServiceDto, ctx: RequestContext) {
    return this.run(siteId, { type: 'TakeSiteOutOfService', data: { siteId, reason: dto.reason, note: dto.note, at: this.handlers.now(), by: ctx.actor } }, ctx);
  }

  returnToService(siteId: string, dto: ReturnToServiceDto, ctx: RequestContext) {
    return this.run(siteId, { type: 'ReturnSiteToService', data: { siteId, note: dto.note ?? '', at: this.handlers.now(), by: ctx.actor } }, ctx);
  }

  retire(siteId: string, dto: RetireSiteDto, ctx: RequestContext) {
    return this.run(siteId, { type: 'RetireSite', data: { siteId, reason: dto.reason, at: this.handlers.now(), by: ctx.actor } }, ctx);
  }

  private async run(siteId: string, command: SiteCommand, ctx: RequestContext): Promise<CommandOutcome> {
    const result = await this.handlers.site(siteStream(siteId), command, {
      actor: ctx.actor,
      correlationId: ctx.correlationId,
      occurredAt: command.data.at,
      expectedRevision: ctx.expectedRevision,
    });
    return { id: siteId, revision: result.revision, events: result.events.map((e) => e.type) };
  }
}
