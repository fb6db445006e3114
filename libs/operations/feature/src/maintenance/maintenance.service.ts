import { Injectable } from '@nestjs/common';
import { newId } from '@ooh/eventing';
import { EvidenceResolver, type CallerContext } from '@ooh/http-kit';
import { maintenanceStream } from '@ooh/operations-domain';
import { OperationsHandlers } from '../shared/operations-handlers';
import type { RecordMaintenanceDto } from './maintenance.dto';

const iso = (value: string) => new Date(value).toISOString();

@Injectable()
export class MaintenanceService {
  constructor(
    private readonly handlers: OperationsHandlers,
    private readonly evidence: EvidenceResolver,
  ) {}

  async record(dto: RecordMaintenanceDto, ctx: CallerContext) {
    const [photos, site] = await Promise.all([this.evidence.resolve('photos', dto.photos), this.handlers.siteSnapshot(dto.siteId)]);
    const maintenanceId = newId();
    const result = await this.handlers.maintenance(
      maintenanceStream(maintenanceId),
      {
        type: 'RecordMaintenance',
        data: {
          maintenanceId,
          siteId: dto.siteId,
          site,
          performedAt: iso(dto.performedAt),
          at: this.handlers.now(),
          timeZone: this.handlers.config.timeZone,
          powerCycle: dto.powerCycle ? { offAt: iso(dto.powerCycle.offAt), onAt: iso(dto.powerCycle.onAt) } : undefined,
          cleaning: dto.cleaning,
          notes: dto.notes,
          photos,
          by: ctx.actor,
        },
      },
      { actor: ctx.actor, correlationId: ctx.correlationId, occurredAt: iso(dto.performedAt) },
    );
    return { id: maintenanceId, revision: result.revision, events: result.events.map((e) => e.type) };
  }
}
