import { Injectable } from '@nestjs/common';
import { commandHandler, newId } from '@ooh/eventing';
import { EvidenceResolver, type RequestContext } from '@ooh/http-kit';
import { installationDecider, installationStream, type InstallationCommand } from '@ooh/operations-domain';
import { OperationsHandlers } from '../shared/operations-handlers';
import type { CancelInstallationDto, ChooseVendorDto, CompleteInstallationDto, OpenInstallationJobDto, RecordQuoteDto, SafetyAgreementDto } from './installation.dto';

/** Light-box production and installation by a vendor: quotes compared, safety agreement before work. */
@Injectable()
export class InstallationsService {
  private readonly handle;

  constructor(
    private readonly handlers: OperationsHandlers,
    private readonly evidence: EvidenceResolver,
  ) {
    this.handle = commandHandler(handlers.store, installationDecider);
  }

  async open(dto: OpenInstallationJobDto, ctx: RequestContext) {
    await this.handlers.siteSnapshot(dto.siteId);
    const jobId = newId();
    return this.run(jobId, { type: 'OpenInstallationJob', data: { jobId, siteId: dto.siteId, faces: dto.faces, bookingId: dto.bookingId ?? null, description: dto.description, ...this.stamp(ctx) } }, ctx);
  }

  async recordQuote(jobId: string, dto: RecordQuoteDto, ctx: RequestContext) {
    const evidence = await this.evidence.resolve('evidence', dto.evidence);
    const quoteId = newId();
    const result = await this.run(
      jobId,
      { type: 'RecordQuote', data: { jobId, quoteId, vendor: { ...dto.vendor }, amountFen: dto.amountFen, currency: dto.currency, notes: dto.notes ?? null, evidence, ...this.stamp(ctx) } },
      ctx,
    );
    return { ...result, quoteId };
  }

  chooseVendor(jobId: string, dto: ChooseVendorDto, ctx: RequestContext) {
    return this.run(jobId, { type: 'ChooseVendor', data: { jobId, quoteId: dto.quoteId, reasonForFewerQuotes: dto.reasonForFewerQuotes ?? null, ...this.stamp(ctx) } }, ctx);
  }

  async recordSafetyAgreement(jobId: string, dto: SafetyAgreementDto, ctx: RequestContext) {
    const evidence = await this.evidence.resolve('evidence', dto.evidence);
    return this.run(jobId, { type: 'RecordSafetyAgreement', data: { jobId, signedBy: dto.signedBy, evidence, ...this.stamp(ctx) } }, ctx);
  }

  startWork(jobId: string, ctx: RequestContext) {
    return this.run(jobId, { type: 'StartWork', data: { jobId, ...this.stamp(ctx) } }, ctx);
  }

  async complete(jobId: string, dto: CompleteInstallationDto, ctx: RequestContext) {
    const photos = await this.evidence.resolve('photos', dto.photos);
    return this.run(jobId, { type: 'CompleteInstallation', data: { jobId, photos, notes: dto.notes ?? null, ...this.stamp(ctx) } }, ctx);
  }

  cancel(jobId: string, dto: CancelInstallationDto, ctx: RequestContext) {
    return this.run(jobId, { type: 'CancelInstallationJob', data: { jobId, reason: dto.reason, ...this.stamp(ctx) } }, ctx);
  }

  private stamp(ctx: RequestContext) {
    return { at: this.handlers.now(), by: ctx.actor };
  }

  private async run(jobId: string, command: InstallationCommand, ctx: RequestContext) {
    const result = await this.handle(installationStream(jobId), command, {
      actor: ctx.actor,
      correlationId: ctx.correlationId,
      occurredAt: command.data.at,
      expectedRevision: ctx.expectedRevision,
    });
    return { id: jobId, revision: result.revision, events: result.events.map((e) => e.type), status: result.state.status };
  }
}
