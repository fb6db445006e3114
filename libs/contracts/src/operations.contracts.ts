import { z } from 'zod';
import { defineContract, field, vendor } from './contract';

export const bookingPaymentRequestedV1 = defineContract({
  type: 'operations.booking-payment-requested',
  version: 1,
  producer: 'operations',
  consumers: ['finance'],
  description: 'An OOH booking passed internal and landlord review; the client must pay before posting can be scheduled.',
  data: z.strictObject({
    bookingId: field.text(),
    advertiser: z.strictObject({ name: field.text(), clientId: z.string().nullable() }),
    amountFen: field.fen(),
    currency: field.currency(),
    milestone: z.enum(['full']),
    description: z.string(),
    requestedAt: field.instant(),
  }),
});
export type BookingPaymentRequestedV1 = z.output<typeof bookingPaymentRequestedV1.data>;

export const vendorPaymentRequestedV1 = defineContract({
  type: 'operations.vendor-payment-requested',
  version: 1,
  producer: 'operations',
  consumers: ['finance'],
  description: 'Operations chose a vendor (e.g. light-box production and installation) and asks Finance to pay it.',
  data: z.strictObject({
    requestId: field.text(),
    source: z.strictObject({ kind: z.enum(['installation-job']), id: field.text() }),
    vendor: vendor(),
    amountFen: field.fen(),
    currency: field.currency(),
    milestone: z.enum(['full', 'prepayment', 'balance']),
    requestedAt: field.instant(),
    requestedBy: field.text(),
  }),
});
export type VendorPaymentRequestedV1 = z.output<typeof vendorPaymentRequestedV1.data>;

export const faultSlaBreachedV1 = defineContract({
  type: 'operations.fault-sla-breached',
  version: 1,
  producer: 'operations',
  consumers: ['reporting', 'integrators'],
  description: 'A fault ticket passed its restoration deadline (minor 8 h, major 48 h by default) without being resolved.',
  data: z.strictObject({
    faultId: field.text(),
    siteId: field.text(),
    severity: z.enum(['minor', 'major']),
    slaDeadline: field.instant(),
    detectedAt: field.instant(),
  }),
});
export type FaultSlaBreachedV1 = z.output<typeof faultSlaBreachedV1.data>;

export const faceHoldChangedV1 = defineContract({
  type: 'operations.face-hold-changed',
  version: 1,
  producer: 'operations',
  consumers: ['planning', 'reporting', 'integrators'],
  description:
    'A booking took, extended or released an operator face for some days (the availability calendar, 销控): `held` with start and end, `extended` with the new end, `released` from a day on (null: the whole hold).',
  data: z.strictObject({
    siteId: field.text(),
    face: field.text(),
    bookingId: field.text(),
    change: z.enum(['held', 'extended', 'released']),
    start: field.date().nullable(),
    end: field.date().nullable(),
    releasedFrom: field.date().nullable(),
    changedAt: field.instant(),
  }),
});
export type FaceHoldChangedV1 = z.output<typeof faceHoldChangedV1.data>;
