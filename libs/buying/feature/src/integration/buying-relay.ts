import {
  audienceDeliveredV1,
  vendorCreditDueV1,
  buyingVendorPaymentRequestedV1,
  clientContractSignedV1,
  makegoodAcceptedV1,
  agencyBookingId,
  mediaOrderSignedV1,
  oohBookingRequestedV1,
  unitDeliveryRecordedV1,
  vendorChangedV1,
  vendorInvoiceApprovedV1,
} from '@ooh/contracts';
import { integrationEnvelope, type IntegrationMessage, type RecordedEvent } from '@ooh/eventing';
import type { RelayDefinition } from '@ooh/http-kit';
import type {
  AudienceDeliveryRecorded,
  MakegoodRejected,
  ClientContractSigned,
  MakegoodAccepted,
  MediaOrderSigned,
  MediaOrderSent,
  UnitProofsRecorded,
  VendorInvoiceApproved,
  VendorDeactivated,
  VendorPaymentRequested,
  VendorProfileUpdated,
  VendorReactivated,
  VendorRegistered,
} from '@ooh/buying-domain';

/** Which buying facts are public, and in which contract version. Everything else stays private. */
export function toIntegrationMessage(event: RecordedEvent): IntegrationMessage | undefined {
  const envelope = integrationEnvelope(event);
  switch (event.type) {
    case 'VendorRegistered':
    case 'VendorProfileUpdated': {
      const d = event.data as (VendorRegistered | VendorProfileUpdated)['data'];
      const change = event.type === 'VendorRegistered' ? 'registered' : 'updated';
      return vendorChangedV1.message({ vendorId: d.vendorId, change, name: d.profile.name, kind: d.profile.kind, changedAt: d.at }, envelope);
    }
    case 'VendorDeactivated':
    case 'VendorReactivated': {
      const d = event.data as (VendorDeactivated | VendorReactivated)['data'];
      const change = event.type === 'VendorDeactivated' ? 'deactivated' : 'reactivated';
      return vendorChangedV1.message({ vendorId: d.vendorId, change, name: null, kind: null, changedAt: d.at }, envelope);
    }
    case 'ClientContractSigned': {
      const d = event.data as ClientContractSigned['data'];
      const { terms } = d;
      return clientContractSignedV1.message(
        {
          contractId: d.contractId,
          revision: d.revision,
          client: { clientId: terms.clientId, name: terms.clientName },
          briefId: terms.briefId,
          campaign: terms.campaign,
          currency: terms.currency,
          valueFen: terms.valueFen,
          billing: d.billing.map((b) => ({ milestone: b.kind, amountFen: b.amountFen, dueDate: b.dueDate })),
          signedOn: d.signedOn,
        },
        envelope,
      );
    }
    case 'MediaOrderSigned': {
      const d = event.data as MediaOrderSigned['data'];
      const { plan } = d;
      return mediaOrderSignedV1.message(
        {
          orderId: d.orderId,
          revision: d.revision,
          vendor: { vendorId: d.vendor.vendorId, name: d.vendor.name },
          planId: plan.planId,
          planVersion: plan.version,
          briefId: plan.briefId,
          clientId: plan.clientId,
          campaign: plan.campaign,
          currency: plan.currency,
          grossFen: d.totals.grossFen,
          netFen: d.totals.netFen,
          committed: d.committed,
          signedAt: d.at,
        },
        envelope,
      );
    }
    case 'VendorPaymentRequested': {
      const d = event.data as VendorPaymentRequested['data'];
      return buyingVendorPaymentRequestedV1.message(
        {
          requestId: d.requestId,
          source: { kind: 'media-order', id: d.orderId },
          vendor: { vendorId: d.vendor.vendorId, name: d.vendor.name },
          amountFen: d.amountFen,
          currency: d.currency,
          milestone: d.milestone,
          dueDate: d.dueDate,
          requestedAt: d.at,
          requestedBy: d.by.userId,
        },
        envelope,
      );
    }
    case 'MediaOrderSent': {
      const d = event.data as MediaOrderSent['data'];
      if (!d.ooh) return undefined;
      const { advertiser, creative } = d.ooh;
      return oohBookingRequestedV1.message(
        {
          orderId: d.orderId,
          revision: d.revision,
          advertiser,
          currency: d.ooh.currency,
          creative: {
            creativeId: `${d.orderId}-r${d.revision}`,
            description: creative.description,
            kind: creative.kind,
            files: creative.files.map((f) => ({ blobId: f.blobId, sha256: f.sha256, contentType: f.contentType })),
          },
          requests: d.ooh.requests.map((r) => ({ ...r, bookingId: agencyBookingId(r.requestId) })),
          requestedAt: d.at,
          requestedBy: d.by.userId,
        },
        envelope,
      );
    }
    case 'VendorInvoiceApproved': {
      const d = event.data as VendorInvoiceApproved['data'];
      const { invoiceId, orderId, vendor, invoiceNumber, currency, linesFen, prepaymentDeductedFen, payableFen, withheldFen, dueDate } = d;
      return vendorInvoiceApprovedV1.message(
        {
          invoiceId,
          orderId,
          vendor,
          invoiceNumber,
          currency,
          linesFen,
          prepaymentDeductedFen,
          payableFen,
          withheldFen,
          dueDate,
          approvedAt: d.at,
          approvedBy: d.by.userId,
        },
        envelope,
      );
    }
    case 'UnitProofsRecorded': {
      const d = event.data as UnitProofsRecorded['data'];
      const units = d.proofs.map((p) => ({ unitId: p.unitId, outcome: p.outcome, airedAt: p.airedAt, source: p.source, late: p.late }));
      return unitDeliveryRecordedV1.message({ orderId: d.orderId, units, recordedAt: d.at }, envelope);
    }
    case 'MakegoodRejected': {
      const { orderId, credit } = event.data as MakegoodRejected['data'];
      return vendorCreditDueV1.message(
        { orderId, creditId: credit.creditId, unitIds: credit.unitIds, amountFen: credit.amountFen, reason: credit.reason, dueAt: credit.at },
        envelope,
      );
    }
    case 'AudienceDeliveryRecorded': {
      const d = event.data as AudienceDeliveryRecorded['data'];
      const m = d.measurement;
      return audienceDeliveredV1.message(
        {
          orderId: d.orderId,
          planLineId: m.planLineId,
          channel: m.channel,
          vendor: { vendorId: m.vendor.vendorId, name: m.vendor.name },
          measuredOn: m.measuredOn,
          source: m.source,
          impressions: m.impressions,
          grp: m.grp,
          reach: m.reach,
          frequency: m.frequency,
          evidence: m.evidence.map((e) => ({ blobId: e.blobId, sha256: e.sha256, contentType: e.contentType })),
          recordedAt: m.recordedAt,
        },
        envelope,
      );
    }
    case 'MakegoodAccepted': {
      const d = event.data as MakegoodAccepted['data'];
      const units = d.lines.flatMap((l) => l.units);
      return makegoodAcceptedV1.message(
        {
          orderId: d.orderId,
          makegoodId: d.makegoodId,
          revision: d.revision,
          replacedUnitIds: units.filter((u) => u.replacedBy === d.makegoodId).map((u) => u.unitId),
          offeredUnitIds: units.filter((u) => u.makegoodFor === d.makegoodId).map((u) => u.unitId),
          outsideRule: d.outsideRule,
          reason: d.reason,
          acceptedAt: d.at,
        },
        envelope,
      );
    }
    default:
      return undefined;
  }
}

export const buyingRelay: RelayDefinition = { name: 'buying', filter: { streamPrefix: 'buying.' }, map: toIntegrationMessage };
