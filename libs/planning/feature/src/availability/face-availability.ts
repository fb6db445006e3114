import { Inject, Injectable } from '@nestjs/common';
import { readAll, type Clock, type ReadModelStore } from '@ooh/eventing';
import { CLOCK, READ_MODELS } from '@ooh/http-kit';
import { faceRequests, type AvailabilityCheck, type PlanLine } from '@ooh/planning-domain';
import { FACE_HOLDS, type FaceHold } from './face-holds.consumer';

/** Checks a version's OOH lines against the faces bookings hold, as the operator's feed reported them. */
@Injectable()
export class FaceAvailability {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async check(lines: PlanLine[]): Promise<AvailabilityCheck> {
    const requests = lines.flatMap((line) => faceRequests(line).map((r) => ({ ...r, lineId: line.lineId })));
    const checkedAt = this.clock.now().toISOString();
    if (requests.length === 0) return { checkedAt, result: 'no-ooh-lines', clashes: [] };
    const holds = await readAll<FaceHold>(this.readModels, FACE_HOLDS, { siteId: { $in: [...new Set(requests.map((r) => r.siteId))] }, released: false });
    const clashes = requests.flatMap((r) =>
      holds
        .filter((h) => h.siteId === r.siteId && h.face === r.face && h.start <= r.end && h.end >= r.start)
        .map((h) => ({
          lineId: r.lineId,
          siteId: r.siteId,
          face: r.face,
          start: r.start,
          end: r.end,
          bookingId: h.bookingId,
          holdStart: h.start,
          holdEnd: h.end,
        })),
    );
    return { checkedAt, result: clashes.length > 0 ? 'clashing' : 'free', clashes };
  }
}
