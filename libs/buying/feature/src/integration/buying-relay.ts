import { buyingVendorPaymentRequestedV1, clientContractSignedV1, mediaOrderSignedV1 } from '@ooh/contracts';
import { integrationEnvelope, type IntegrationMessage, type RecordedEvent } from '@ooh/eventing';
import type { RelayDefinition } from '@ooh/http-kit';
import type { ClientContractSigned, MediaOrderSigned, VendorPaymentRequested } from '@ooh/buying-domain';

/** Which buying facts are public, and in which contract version. Everything else stays private. */
export function toIntegrationMessage(event: RecordedEvent): IntegrationMessage | undefined {
  const envelope = integrationEnvelope(event);
  switch (event.type) {
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
    default:
      return undefined;
  }
}

export const buyingRelay: RelayDefinition = { name: 'buying', filter: { streamPrefix: 'buying.' }, map: toIntegrationMessage };
