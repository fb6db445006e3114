import { mediaOrderUnitsV1, vendorInvoiceLinesV1 } from '@ooh/contracts';
import { integrationEnvelope, type RecordedEvent } from '@ooh/eventing';
import type { StateRelayDefinition } from '@ooh/http-kit';
import { mediaOrderDecider, payableOf, signedRevisionOf, vendorInvoiceDecider, type MediaOrderState, type VendorInvoiceState } from '@ooh/buying-domain';

/** A second public message of the same event: its own id. */
const envelopeOf = (event: RecordedEvent, suffix: string) => ({ ...integrationEnvelope(event), messageId: `${event.eventId}:${suffix}` });

/** The units of the revision in force, whenever one comes into force (a signature, an accepted makegood). */
export const orderUnitsRelay: StateRelayDefinition<MediaOrderState> = {
  name: 'buying.media-order-units',
  category: 'buying.media_order',
  decider: mediaOrderDecider,
  map(event, _before, after) {
    if (event.type !== 'MediaOrderSigned' && event.type !== 'MakegoodAccepted') return undefined;
    const revision = signedRevisionOf(after);
    if (!revision || !after.plan || !after.vendor) return undefined;
    return mediaOrderUnitsV1.message(
      {
        orderId: after.orderId,
        revision: revision.revision,
        briefId: after.plan.briefId,
        vendor: { vendorId: after.vendor.vendorId, name: after.vendor.name },
        currency: after.plan.currency,
        lines: revision.lines.map((l) => ({
          planLineId: l.planLineId,
          channel: l.channel,
          units: l.units.map((u) => ({
            unitId: u.unitId,
            date: u.date,
            endDate: u.endDate,
            quantity: u.quantity,
            netFen: u.netFen,
            face: u.face,
            makegoodFor: u.makegoodFor,
            replacedBy: u.replacedBy,
          })),
        })),
        inForceAt: event.recordedAt,
      },
      envelopeOf(event, 'units'),
    );
  },
};

/** An approved invoice's lines as they were matched: what reconciliation compares per unit. */
export const invoiceLinesRelay: StateRelayDefinition<VendorInvoiceState> = {
  name: 'buying.vendor-invoice-lines',
  category: 'buying.vendor_invoice',
  decider: vendorInvoiceDecider,
  map(event, _before, after) {
    if (event.type !== 'VendorInvoiceApproved') return undefined;
    return vendorInvoiceLinesV1.message(
      {
        invoiceId: after.invoiceId,
        orderId: after.orderId,
        invoiceNumber: after.invoiceNumber,
        currency: after.currency,
        lines: after.matches.map((m) => ({
          lineNo: m.lineNo,
          unitId: m.unitId,
          result: m.result,
          invoicedFen: m.invoicedFen,
          orderedNetFen: m.orderedNetFen,
          acceptedFen: payableOf(m),
          disposition: m.disposition?.kind ?? null,
        })),
        approvedAt: event.recordedAt,
      },
      envelopeOf(event, 'lines'),
    );
  },
};
