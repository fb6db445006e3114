import { Payload } from '@nestjs/microservices';
import { Controller, Inject } from '@nestjs/common';
import { addDays } from '@ooh/calendar';
import { faceHoldChangedV1, type FaceHoldChangedV1 } from '@ooh/contracts';
import type { ReadModelStore } from '@ooh/eventing';
import { BusContext, Consumes, Delivery, READ_MODELS } from '@ooh/http-kit';

export const FACE_HOLDS = 'planning_face_holds';

export interface FaceHold {
  [key: string]: unknown;
  siteId: string;
  face: string;
  bookingId: string;
  start: string;
  end: string;
  /** Released as a whole: kept (never deleted), no longer taking the face. */
  released: boolean;
}

/**
 * The operator's availability as planning knows it: every face a booking holds, and for which days,
 * projected from operations' public `operations.face-hold-changed` feed (the services share no database).
 */
@Controller()
export class FaceHoldsConsumer {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelStore) {}

  @Consumes(faceHoldChangedV1, { group: 'planning.face-holds' })
  async changed(@Payload() d: FaceHoldChangedV1, @Delivery() _context: BusContext): Promise<void> {
    const id = `${d.siteId}:${d.face}|${d.bookingId}`;
    const stored = await this.readModels.get<FaceHold>(FACE_HOLDS, id);
    // One message per hold at a time, in order (the feed is keyed by face): each write is the next position of its document.
    const position = (stored?.position ?? 0) + 1;
    const put = (doc: FaceHold) => this.readModels.commit([{ op: 'put', collection: FACE_HOLDS, id, doc, position }]);
    if (d.change === 'held' && d.start && d.end) {
      await put({ siteId: d.siteId, face: d.face, bookingId: d.bookingId, start: d.start, end: d.end, released: false });
    } else if (d.change === 'extended' && stored && d.end) {
      await put({ ...stored.doc, end: d.end });
    } else if (d.change === 'released' && stored) {
      const end = d.releasedFrom ? addDays(d.releasedFrom, -1) : null;
      await put(end && end >= stored.doc.start ? { ...stored.doc, end } : { ...stored.doc, released: true });
    }
  }
}
