import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { mediaPlanEstimatesV1, type MediaPlanEstimatesV1 } from '@ooh/contracts';
import type { ReadModelStore } from '@ooh/eventing';
import { BusContext, Consumes, Delivery, READ_MODELS } from '@ooh/http-kit';

export const PLAN_ESTIMATES = 'buying_plan_estimates';

export interface PlanLineEstimate {
  [key: string]: unknown;
  planId: string;
  version: number;
  lineId: string;
  vendorId: string;
  impressions: number | null;
  grp: number | null;
}

/** What each client-approved plan line promised (planning's feed), for the audience side of a vendor's evaluation. */
@Controller()
export class PlanEstimatesConsumer {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelStore) {}

  @Consumes(mediaPlanEstimatesV1, { group: 'buying.plan-estimates' })
  async estimates(@Payload() d: MediaPlanEstimatesV1, @Delivery() _context: BusContext): Promise<void> {
    for (const line of d.lines) {
      const id = `${d.planId}:${line.lineId}`;
      const stored = await this.readModels.get<PlanLineEstimate>(PLAN_ESTIMATES, id);
      if (stored && stored.doc.version >= d.version) continue;
      const doc: PlanLineEstimate = {
        planId: d.planId,
        version: d.version,
        lineId: line.lineId,
        vendorId: line.vendor.vendorId,
        impressions: line.estimates.impressions,
        grp: line.estimates.grp,
      };
      await this.readModels.commit([{ op: 'put', collection: PLAN_ESTIMATES, id, doc, position: (stored?.position ?? 0) + 1 }]);
    }
  }
}
