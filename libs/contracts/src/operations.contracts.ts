import { defineContract, money, vendorSchema } from './contract';

export interface BookingPaymentRequestedV1 {
  bookingId: string;
  advertiser: { name: string; clientId: string | null };
  amountFen: number;
  currency: string;
  milestone: 'full';
  description: string;
  requestedAt: string;
}

export const bookingPaymentRequestedV1 = defineContract<BookingPaymentRequestedV1>({
  type: 'operations.booking-payment-requested',
  version: 1,
  producer: 'operations',
  consumers: ['finance'],
  description: 'An OOH booking passed internal and landlord review; the client must pay before posting can be scheduled.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['bookingId', 'advertiser', 'amountFen', 'currency', 'milestone', 'description', 'requestedAt'],
    properties: {
      bookingId: { type: 'string', minLength: 1 },
      advertiser: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'clientId'],
        properties: { name: { type: 'string', minLength: 1 }, clientId: { type: ['string', 'null'] } },
      },
      ...money,
      milestone: { enum: ['full'] },
      description: { type: 'string' },
      requestedAt: { type: 'string', format: 'date-time' },
    },
  },
});

export interface VendorPaymentRequestedV1 {
  requestId: string;
  source: { kind: 'installation-job'; id: string };
  vendor: { vendorId: string; name: string };
  amountFen: number;
  currency: string;
  milestone: 'full' | 'prepayment' | 'balance';
  requestedAt: string;
  requestedBy: string;
}

export const vendorPaymentRequestedV1 = defineContract<VendorPaymentRequestedV1>({
  type: 'operations.vendor-payment-requested',
  version: 1,
  producer: 'operations',
  consumers: ['finance'],
  description: 'Operations chose a vendor (e.g. light-box production and installation) and asks Finance to pay it.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['requestId', 'source', 'vendor', 'amountFen', 'currency', 'milestone', 'requestedAt', 'requestedBy'],
    properties: {
      requestId: { type: 'string', minLength: 1 },
      source: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'id'],
        properties: { kind: { enum: ['installation-job'] }, id: { type: 'string', minLength: 1 } },
      },
      vendor: vendorSchema,
      ...money,
      milestone: { enum: ['full', 'prepayment', 'balance'] },
      requestedAt: { type: 'string', format: 'date-time' },
      requestedBy: { type: 'string', minLength: 1 },
    },
  },
});

export interface FaultSlaBreachedV1 {
  faultId: string;
  siteId: string;
  severity: 'minor' | 'major';
  slaDeadline: string;
  detectedAt: string;
}

export const faultSlaBreachedV1 = defineContract<FaultSlaBreachedV1>({
  type: 'operations.fault-sla-breached',
  version: 1,
  producer: 'operations',
  consumers: ['reporting', 'integrators'],
  description: 'A fault ticket passed its restoration deadline (minor 8 h, major 48 h by default) without being resolved.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['faultId', 'siteId', 'severity', 'slaDeadline', 'detectedAt'],
    properties: {
      faultId: { type: 'string', minLength: 1 },
      siteId: { type: 'string', minLength: 1 },
      severity: { enum: ['minor', 'major'] },
      slaDeadline: { type: 'string', format: 'date-time' },
      detectedAt: { type: 'string', format: 'date-time' },
    },
  },
});
