import {
  agencyBookingRefusedV1,
  bookingPaymentRequestedV1,
  bookingPostedV1,
  bookingRemovedV1,
  faceHoldChangedV1,
  faultSlaBreachedV1,
  proofOfPlayIssuedV1,
  vendorPaymentRequestedV1,
  type FaceHoldChangedV1,
} from '@ooh/contracts';
import { integrationEnvelope, type EvidenceRef, type IntegrationMessage, type RecordedEvent } from '@ooh/eventing';
import type {
  AgencyRequestRefused,
  FaceHeld,
  FaceReleased,
  FaultSlaBreached,
  HoldExtended,
  PaymentRequested,
  Posted,
  ProofOfPlayGenerated,
  Removed,
  VendorPaymentRequested,
} from '@ooh/operations-domain';

/** Evidence as the public feed names it: the blob, its hash and type. */
const published = (photos: EvidenceRef[]) => photos.map((p) => ({ blobId: p.blobId, sha256: p.sha256, contentType: p.contentType }));
import type { RelayDefinition } from '@ooh/http-kit';

/** Which operations facts are public, and in which contract version. Everything else stays private. */
export function toIntegrationMessage(event: RecordedEvent): IntegrationMessage | undefined {
  switch (event.type) {
    case 'FaultSlaBreached': {
      const d = event.data as FaultSlaBreached['data'];
      return faultSlaBreachedV1.message(
        { faultId: d.faultId, siteId: d.siteId, severity: d.severity, slaDeadline: d.slaDeadline, detectedAt: d.detectedAt },
        integrationEnvelope(event),
      );
    }
    case 'PaymentRequested': {
      const d = event.data as PaymentRequested['data'];
      return bookingPaymentRequestedV1.message(
        {
          bookingId: d.bookingId,
          advertiser: { name: d.advertiser.name, clientId: d.advertiser.clientId },
          amountFen: d.amountFen,
          currency: d.currency,
          milestone: 'full',
          description: `OOH booking ${d.bookingId} for ${d.advertiser.name}`,
          requestedAt: d.at,
        },
        integrationEnvelope(event),
      );
    }
    case 'VendorPaymentRequested': {
      const d = event.data as VendorPaymentRequested['data'];
      return vendorPaymentRequestedV1.message(
        {
          requestId: d.jobId,
          source: { kind: 'installation-job', id: d.jobId },
          vendor: { vendorId: d.vendor.vendorId, name: d.vendor.name },
          amountFen: d.amountFen,
          currency: d.currency,
          milestone: d.milestone,
          requestedAt: d.at,
          requestedBy: d.by.userId,
        },
        integrationEnvelope(event),
      );
    }
    case 'Posted': {
      const d = event.data as Posted['data'];
      return bookingPostedV1.message({ bookingId: d.bookingId, postedOn: d.postedOn, photos: published(d.photos), postedAt: d.at }, integrationEnvelope(event));
    }
    case 'Removed': {
      const d = event.data as Removed['data'];
      return bookingRemovedV1.message(
        { bookingId: d.bookingId, removedOn: d.removedOn, earlyTermination: d.earlyTermination, photos: published(d.photos), removedAt: d.at },
        integrationEnvelope(event),
      );
    }
    case 'ProofOfPlayGenerated': {
      const d = event.data as ProofOfPlayGenerated['data'];
      const lines = d.lines.map((l) => ({
        bookingId: l.bookingId,
        siteId: l.siteId,
        face: l.face,
        daysLive: l.daysLive,
        photos: published(l.inspections.flatMap((i) => i.photos)),
      }));
      return proofOfPlayIssuedV1.message({ reportId: d.reportId, advertiser: d.advertiser, month: d.month, lines, issuedAt: d.at }, integrationEnvelope(event));
    }
    case 'AgencyRequestRefused': {
      const d = event.data as AgencyRequestRefused['data'];
      return agencyBookingRefusedV1.message(
        { bookingId: d.bookingId, requestId: d.agencyOrder.requestId, code: d.code, reason: d.reason, conflicts: d.conflicts, refusedAt: d.at },
        integrationEnvelope(event),
      );
    }
    case 'FaceHeld': {
      const d = event.data as FaceHeld['data'];
      return faceHoldMessage(event, d, { change: 'held', start: d.start, end: d.end, releasedFrom: null });
    }
    case 'HoldExtended': {
      const d = event.data as HoldExtended['data'];
      return faceHoldMessage(event, d, { change: 'extended', start: null, end: d.newEnd, releasedFrom: null });
    }
    case 'FaceReleased': {
      const d = event.data as FaceReleased['data'];
      return faceHoldMessage(event, d, { change: 'released', start: null, end: null, releasedFrom: d.from });
    }
    default:
      return undefined;
  }
}

/** The availability calendar's changes, as one public event with what each change says. */
function faceHoldMessage(
  event: RecordedEvent,
  d: { siteId: string; face: string; bookingId: string; at: string },
  change: Pick<FaceHoldChangedV1, 'change' | 'start' | 'end' | 'releasedFrom'>,
): IntegrationMessage {
  return faceHoldChangedV1.message({ siteId: d.siteId, face: d.face, bookingId: d.bookingId, ...change, changedAt: d.at }, integrationEnvelope(event));
}

export const operationsRelay: RelayDefinition = {
  name: 'operations',
  filter: { streamPrefix: 'operations.' },
  map: toIntegrationMessage,
};
