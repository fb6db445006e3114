import { Injectable } from '@nestjs/common';
import { deterministicId, newId } from '@ooh/eventing';
import { EvidenceResolver, type CallerContext } from '@ooh/http-kit';
import { inspectionStream } from '@ooh/operations-domain';
import { OperationsHandlers } from '../shared/operations-handlers';
import type { RecordInspectionDto } from './inspection.dto';

/** The fault opened for problem `index` of an inspection always gets the same id. */
export const faultIdForProblem = (inspectionId: string, index: number) => deterministicId('inspection-fault', inspectionId, String(index));

@Injectable()
export class InspectionsService {
  constructor(
    private readonly handlers: OperationsHandlers,
    private readonly evidence: EvidenceResolver,
  ) {}

  async record(dto: RecordInspectionDto, ctx: CallerContext) {
    const [photos, site] = await Promise.all([this.evidence.resolve('photos', dto.photos), this.handlers.siteSnapshot(dto.siteId)]);
    const inspectionId = newId();
    const problems = dto.problems ?? [];
    const result = await this.handlers.inspection(
      inspectionStream(inspectionId),
      {
        type: 'RecordInspection',
        data: {
          inspectionId,
          siteId: dto.siteId,
          site,
          performedAt: new Date(dto.performedAt).toISOString(),
          at: this.handlers.now(),
          timeZone: this.handlers.config.timeZone,
          checks: { ...dto.checks },
          problems: problems.map((p) => ({ description: p.description, severity: p.severity })),
          notes: dto.notes,
          photos,
          by: ctx.actor,
        },
      },
      { actor: ctx.actor, correlationId: ctx.correlationId, occurredAt: new Date(dto.performedAt).toISOString() },
    );
    return {
      id: inspectionId,
      revision: result.revision,
      events: result.events.map((e) => e.type),
      faultIds: problems.map((_, i) => faultIdForProblem(inspectionId, i)),
    };
  }
}
