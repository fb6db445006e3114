import { z } from 'zod';
import { defineContract, field } from './contract';

export const productionJobOpenedV1 = defineContract({
  type: 'production.job-opened',
  version: 1,
  producer: 'production',
  consumers: ['reporting', 'integrators'],
  description:
    'A production job was opened: a TV-commercial job ticket issued or a print job opened, for a client and (when it names one) the campaign brief it is for, so its money counts in that campaign.',
  data: z.strictObject({
    jobKind: z.enum(['cf', 'print']),
    jobId: field.text(),
    briefId: z.string().min(1).nullable(),
    client: z.strictObject({ clientId: field.text(), name: field.text() }),
    title: field.text(),
    openedAt: field.instant(),
  }),
});
export type ProductionJobOpenedV1 = z.output<typeof productionJobOpenedV1.data>;

export const productionPaymentRequestedV1 = defineContract({
  type: 'production.payment-requested',
  version: 1,
  producer: 'production',
  consumers: ['finance', 'integrators'],
  description:
    'A production contract milestone is due from the client (the prepayment when the contract is signed, the balance when the cut is approved): Finance opens a receivable; its settlement releases the production gate waiting on it.',
  data: z.strictObject({
    jobKind: z.enum(['cf', 'print']),
    jobId: field.text(),
    milestone: z.enum(['prepayment', 'balance']),
    client: z.strictObject({ clientId: field.text(), name: field.text() }),
    title: field.text(),
    amountFen: field.fen(),
    currency: field.currency(),
    requestedAt: field.instant(),
  }),
});
export type ProductionPaymentRequestedV1 = z.output<typeof productionPaymentRequestedV1.data>;

export const productionVendorCostRequestedV1 = defineContract({
  type: 'production.vendor-cost-requested',
  version: 1,
  producer: 'production',
  consumers: ['finance', 'integrators'],
  description:
    'Production asks Finance to pay a vendor of a job (the production house, a printer) against its contract: Finance opens a payable, and its payment comes back.',
  data: z.strictObject({
    requestId: field.text(),
    jobKind: z.enum(['cf', 'print']),
    jobId: field.text(),
    vendor: z.strictObject({ vendorId: field.text(), name: field.text() }),
    category: field.text(),
    milestone: z.enum(['prepayment', 'balance', 'full']),
    amountFen: field.fen(),
    currency: field.currency(),
    requestedAt: field.instant(),
    requestedBy: field.text(),
  }),
});
export type ProductionVendorCostRequestedV1 = z.output<typeof productionVendorCostRequestedV1.data>;

export const productionMilestoneV1 = defineContract({
  type: 'production.job-milestone',
  version: 1,
  producer: 'production',
  consumers: ['reporting', 'integrators'],
  description:
    'A production job passed a milestone: `contract-signed` (its value), `cut-approved` by the client (the cut and its sha256), `delivered` (a CF master and its sha256; print goods with any shortfall credited to the client) or `closed`.',
  data: z.strictObject({
    jobKind: z.enum(['cf', 'print']),
    jobId: field.text(),
    milestone: z.enum(['contract-signed', 'cut-approved', 'delivered', 'closed']),
    client: z.strictObject({ clientId: field.text(), name: field.text() }).nullable(),
    valueFen: z.number().int().min(0).nullable(),
    cut: z.strictObject({ cutNo: z.number().int().min(1), sha256: z.string().regex(/^[a-f0-9]{64}$/) }).nullable(),
    shortfall: z.strictObject({ units: z.number().int().min(1), creditFen: field.fen() }).nullable(),
    occurredOn: field.date(),
    recordedAt: field.instant(),
  }),
});
export type ProductionMilestoneV1 = z.output<typeof productionMilestoneV1.data>;
