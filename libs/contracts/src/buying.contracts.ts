import { z } from 'zod';
import { deterministicId } from '@ooh/eventing';
import { defineContract, evidenceRef, faceRef, field, vendor } from './contract';

const fenOrZero = () => z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const clientContractSignedV1 = defineContract({
  type: 'buying.client-contract-signed',
  version: 1,
  producer: 'buying',
  consumers: ['finance', 'reporting', 'integrators'],
  description:
    'A client signed a revision of a client contract (客户合同). `billing` lists what each milestone adds to earlier revisions (everything on the first signature): Finance opens one receivable per entry.',
  data: z.strictObject({
    contractId: field.text(),
    revision: z.number().int().min(1),
    client: z.strictObject({ clientId: field.text(), name: field.text() }),
    briefId: field.text().nullable(),
    campaign: field.text(),
    currency: field.currency(),
    valueFen: field.fen(),
    billing: z.array(z.strictObject({ milestone: z.enum(['prepayment', 'balance', 'full']), amountFen: field.fen(), dueDate: field.date() })),
    signedOn: field.date(),
  }),
});
export type ClientContractSignedV1 = z.output<typeof clientContractSignedV1.data>;

export const mediaOrderSignedV1 = defineContract({
  type: 'buying.media-order-signed',
  version: 1,
  producer: 'buying',
  consumers: ['reporting', 'integrators'],
  description:
    'A media director signed a revision of a media order (媒介合同): the spend it commits for the campaign, per channel and month (the whole revision; it replaces what earlier revisions of the order committed).',
  data: z.strictObject({
    orderId: field.text(),
    revision: z.number().int().min(1),
    vendor: vendor(),
    planId: field.text(),
    planVersion: z.number().int().min(1),
    briefId: field.text(),
    clientId: field.text(),
    campaign: field.text(),
    currency: field.currency(),
    grossFen: fenOrZero(),
    netFen: fenOrZero(),
    committed: z.array(z.strictObject({ channel: field.text(), month: z.string().regex(/^\d{4}-\d{2}$/), netFen: fenOrZero() })),
    signedAt: field.instant(),
  }),
});
export type MediaOrderSignedV1 = z.output<typeof mediaOrderSignedV1.data>;

export const buyingVendorPaymentRequestedV1 = defineContract({
  type: 'buying.vendor-payment-requested',
  version: 1,
  producer: 'buying',
  consumers: ['finance', 'integrators'],
  description:
    'Buying asks Finance to pay a media vendor its prepayment on a confirmed order, per the vendor’s terms: Finance opens a payable (the balance follows the approved invoice).',
  data: z.strictObject({
    requestId: field.text(),
    source: z.strictObject({ kind: z.enum(['media-order']), id: field.text() }),
    vendor: vendor(),
    amountFen: field.fen(),
    currency: field.currency(),
    milestone: z.enum(['prepayment']),
    dueDate: field.date(),
    requestedAt: field.instant(),
    requestedBy: field.text(),
  }),
});
export type BuyingVendorPaymentRequestedV1 = z.output<typeof buyingVendorPaymentRequestedV1.data>;

export const vendorInvoiceApprovedV1 = defineContract({
  type: 'buying.vendor-invoice-approved',
  version: 1,
  producer: 'buying',
  consumers: ['finance', 'reporting', 'integrators'],
  description:
    'Finance approved a media vendor’s invoice after it was matched per unit against the order and its proof: Finance opens a payable for `payableFen` (the matched and accepted lines less the prepayment already paid).',
  data: z.strictObject({
    invoiceId: field.text(),
    orderId: field.text(),
    vendor: vendor(),
    invoiceNumber: field.text(),
    currency: field.currency(),
    linesFen: fenOrZero(),
    prepaymentDeductedFen: fenOrZero(),
    payableFen: fenOrZero(),
    withheldFen: fenOrZero(),
    dueDate: field.date(),
    approvedAt: field.instant(),
    approvedBy: field.text(),
  }),
});
export type VendorInvoiceApprovedV1 = z.output<typeof vendorInvoiceApprovedV1.data>;

export const unitDeliveryRecordedV1 = defineContract({
  type: 'buying.unit-delivery-recorded',
  version: 1,
  producer: 'buying',
  consumers: ['reporting', 'integrators'],
  description: 'Proof of airing was recorded for units of a media order: each unit aired, preempted or missed (one message per batch of proof).',
  data: z.strictObject({
    orderId: field.text(),
    units: z
      .array(
        z.strictObject({
          unitId: field.text(),
          outcome: z.enum(['aired', 'preempted', 'missed']),
          airedAt: field.instant().nullable(),
          source: field.text(),
          late: z.boolean(),
        }),
      )
      .min(1),
    recordedAt: field.instant(),
  }),
});
export type UnitDeliveryRecordedV1 = z.output<typeof unitDeliveryRecordedV1.data>;

const audienceFigure = () => z.number().min(0).max(1e12).nullable();

export const audienceDeliveredV1 = defineContract({
  type: 'buying.audience-delivered',
  version: 1,
  producer: 'buying',
  consumers: ['reporting', 'integrators'],
  description:
    'The audience an order line delivered, measured after it ran (post-buy, 媒介效果分析): impressions, GRP, reach % and frequency from a ratings panel, ad server, traffic count or the vendor’s report. A later measurement of the same line replaces it.',
  data: z.strictObject({
    orderId: field.text(),
    planLineId: field.text(),
    channel: field.text(),
    vendor: vendor(),
    measuredOn: field.date(),
    source: z.enum(['ratings-panel', 'ad-server', 'traffic-count', 'vendor-report']),
    impressions: audienceFigure(),
    grp: audienceFigure(),
    reach: audienceFigure(),
    frequency: audienceFigure(),
    evidence: z.array(evidenceRef()).min(1),
    recordedAt: field.instant(),
  }),
});
export type AudienceDeliveredV1 = z.output<typeof audienceDeliveredV1.data>;

export const vendorCreditDueV1 = defineContract({
  type: 'buying.vendor-credit-due',
  version: 1,
  producer: 'buying',
  consumers: ['reporting', 'integrators'],
  description:
    'A vendor owes a credit for units that did not air (their makegood was rejected): the units, the amount and why. It settles those units in the order line’s reconciliation.',
  data: z.strictObject({
    orderId: field.text(),
    creditId: field.text(),
    unitIds: z.array(field.text()).min(1),
    amountFen: fenOrZero(),
    reason: field.text(),
    dueAt: field.instant(),
  }),
});
export type VendorCreditDueV1 = z.output<typeof vendorCreditDueV1.data>;

export const makegoodAcceptedV1 = defineContract({
  type: 'buying.makegood-accepted',
  version: 1,
  producer: 'buying',
  consumers: ['reporting', 'integrators'],
  description:
    'A makegood replaced missed or preempted units of a media order (a revision in force): within the value rule, or outside it by a media director with a reason.',
  data: z.strictObject({
    orderId: field.text(),
    makegoodId: field.text(),
    revision: z.number().int().min(1),
    replacedUnitIds: z.array(field.text()).min(1),
    offeredUnitIds: z.array(field.text()).min(1),
    outsideRule: z.boolean(),
    reason: z.string(),
    acceptedAt: field.instant(),
  }),
});
export type MakegoodAcceptedV1 = z.output<typeof makegoodAcceptedV1.data>;

/** The operator's booking id for an agency request: both services derive it, so neither waits on the other to learn it. */
export const agencyBookingId = (requestId: string): string => deterministicId('agency-booking', requestId);

export const oohBookingRequestedV1 = defineContract({
  type: 'buying.ooh-booking-requested',
  version: 1,
  producer: 'buying',
  consumers: ['operations', 'reporting', 'integrators'],
  description:
    'A media order sent to the operator buys its own faces: one booking request per order line (faces, period, price, the creative sent as materials). Operations books each as requested by the agency (`bookingId` is `agencyBookingId(requestId)`); the usual reviews, payment gate and posting apply.',
  data: z.strictObject({
    orderId: field.text(),
    revision: z.number().int().min(1),
    advertiser: z.strictObject({ name: field.text(), clientId: field.text() }),
    currency: field.currency(),
    creative: z.strictObject({
      creativeId: field.text(),
      description: field.text(),
      kind: z.enum(['video', 'light-box', 'other']),
      files: z.array(evidenceRef()).min(1),
    }),
    requests: z
      .array(
        z.strictObject({
          requestId: field.text(),
          bookingId: field.text(),
          planLineId: field.text(),
          faces: z.array(faceRef()).min(1),
          period: z.strictObject({ start: field.date(), end: field.date() }),
          amountFen: field.fen(),
        }),
      )
      .min(1),
    requestedAt: field.instant(),
    requestedBy: field.text(),
  }),
});
export type OohBookingRequestedV1 = z.output<typeof oohBookingRequestedV1.data>;

export const vendorChangedV1 = defineContract({
  type: 'buying.vendor-changed',
  version: 1,
  producer: 'buying',
  consumers: ['production', 'integrators'],
  description:
    'The vendor library (媒介资源库) changed: a vendor registered or updated (its name and kind), deactivated or reactivated. Production invites only known, active vendors to quote.',
  data: z.strictObject({
    vendorId: field.text(),
    change: z.enum(['registered', 'updated', 'deactivated', 'reactivated']),
    name: field.text().nullable(),
    kind: z.enum(['media-owner', 'rep-firm', 'production-house', 'printer', 'installer']).nullable(),
    changedAt: field.instant(),
  }),
});
export type VendorChangedV1 = z.output<typeof vendorChangedV1.data>;

export const mediaOrderUnitsV1 = defineContract({
  type: 'buying.media-order-units',
  version: 1,
  producer: 'buying',
  consumers: ['reporting', 'integrators'],
  description:
    'The units of the revision of a media order now in force (signed, or amended by an accepted makegood), line by line: what each costs net, which makegood offered it and which replaced it. The whole revision: it replaces what earlier messages of the order said.',
  data: z.strictObject({
    orderId: field.text(),
    revision: z.number().int().min(1),
    briefId: field.text(),
    vendor: vendor(),
    currency: field.currency(),
    lines: z.array(
      z.strictObject({
        planLineId: field.text(),
        channel: field.text(),
        units: z.array(
          z.strictObject({
            unitId: field.text(),
            date: field.date(),
            endDate: field.date(),
            quantity: z.number().int().min(1),
            netFen: fenOrZero(),
            face: faceRef().nullable(),
            makegoodFor: z.string().nullable(),
            replacedBy: z.string().nullable(),
          }),
        ),
      }),
    ),
    inForceAt: field.instant(),
  }),
});
export type MediaOrderUnitsV1 = z.output<typeof mediaOrderUnitsV1.data>;

export const vendorInvoiceLinesV1 = defineContract({
  type: 'buying.vendor-invoice-lines',
  version: 1,
  producer: 'buying',
  consumers: ['reporting', 'integrators'],
  description:
    'The lines of an approved media vendor invoice as they were matched per unit: what was invoiced, what the order says the unit costs, the match result, the disposition of a difference, and what the approval accepted.',
  data: z.strictObject({
    invoiceId: field.text(),
    orderId: field.text(),
    invoiceNumber: field.text(),
    currency: field.currency(),
    lines: z.array(
      z.strictObject({
        lineNo: z.number().int().min(1),
        unitId: z.string().nullable(),
        result: z.enum(['matched', 'ordered-not-run', 'run-not-ordered', 'rate-discrepancy', 'time-discrepancy', 'length-discrepancy']),
        invoicedFen: fenOrZero(),
        orderedNetFen: fenOrZero(),
        acceptedFen: fenOrZero(),
        disposition: z.enum(['makegood', 'credit', 'accept-as-bonus', 'dispute']).nullable(),
      }),
    ),
    approvedAt: field.instant(),
  }),
});
export type VendorInvoiceLinesV1 = z.output<typeof vendorInvoiceLinesV1.data>;
