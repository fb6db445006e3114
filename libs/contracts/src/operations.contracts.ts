import { z } from 'zod';
import { defineContract, evidenceRef, field, vendor } from './contract';

export const bookingPaymentRequestedV1 = defineContract({
  type: 'operations.booking-payment-requested',
  version: 1,
  producer: 'operations',
  consumers: ['finance', 'integrators'],
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
  consumers: ['finance', 'integrators'],
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
  consumers: ['integrators'],
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

export const siteChangedV1 = defineContract({
  type: 'operations.site-changed',
  version: 1,
  producer: 'operations',
  consumers: ['reporting', 'integrators'],
  description:
    'An operator site was registered or changed: where it is (city, station), its kind and faces, and its status (in service, faulty, under maintenance, retired) from that instant. The whole site each time.',
  data: z.strictObject({
    siteId: field.text(),
    city: field.text(),
    station: field.text(),
    kind: z.enum(['led-screen', 'light-box', 'tablet', 'other']),
    faces: z.array(field.text()),
    status: z.enum(['in-service', 'faulty', 'under-maintenance', 'retired']),
    changedAt: field.instant(),
  }),
});
export type SiteChangedV1 = z.output<typeof siteChangedV1.data>;

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

export const bookingPostedV1 = defineContract({
  type: 'operations.booking-posted',
  version: 1,
  producer: 'operations',
  consumers: ['buying', 'reporting', 'integrators'],
  description: 'An OOH booking was posted (上刊) on its faces, with the posting photos (the posting report).',
  data: z.strictObject({
    bookingId: field.text(),
    postedOn: field.date(),
    photos: z.array(evidenceRef()),
    postedAt: field.instant(),
  }),
});
export type BookingPostedV1 = z.output<typeof bookingPostedV1.data>;

export const bookingRemovedV1 = defineContract({
  type: 'operations.booking-removed',
  version: 1,
  producer: 'operations',
  consumers: ['buying', 'reporting', 'integrators'],
  description: 'An OOH booking was removed (下刊) from its faces, with the removal photos (one shows a same-day newspaper masthead).',
  data: z.strictObject({
    bookingId: field.text(),
    removedOn: field.date(),
    earlyTermination: z.boolean(),
    photos: z.array(evidenceRef()),
    removedAt: field.instant(),
  }),
});
export type BookingRemovedV1 = z.output<typeof bookingRemovedV1.data>;

export const proofOfPlayIssuedV1 = defineContract({
  type: 'operations.proof-of-play-issued',
  version: 1,
  producer: 'operations',
  consumers: ['buying', 'reporting', 'integrators'],
  description: 'The monthly proof-of-play report (监播报告) of an advertiser: per booking and face, the days live and the inspection photos of those days.',
  data: z.strictObject({
    reportId: field.text(),
    advertiser: field.text(),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    lines: z.array(
      z.strictObject({ bookingId: field.text(), siteId: field.text(), face: field.text(), daysLive: z.array(field.date()), photos: z.array(evidenceRef()) }),
    ),
    issuedAt: field.instant(),
  }),
});
export type ProofOfPlayIssuedV1 = z.output<typeof proofOfPlayIssuedV1.data>;

export const agencyBookingRefusedV1 = defineContract({
  type: 'operations.agency-booking-refused',
  version: 1,
  producer: 'operations',
  consumers: ['buying', 'integrators'],
  description: 'Operations could not book an agency’s request (its faces taken on some days, a site out of service): the reason and every clash.',
  data: z.strictObject({
    bookingId: field.text(),
    requestId: field.text(),
    code: field.text(),
    reason: field.text(),
    conflicts: z.array(z.strictObject({ siteId: field.text(), face: field.text(), bookingId: field.text(), from: field.date(), to: field.date() })),
    refusedAt: field.instant(),
  }),
});
export type AgencyBookingRefusedV1 = z.output<typeof agencyBookingRefusedV1.data>;
