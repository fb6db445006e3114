import { z } from 'zod';
import { defineContract, field, vendor } from './contract';

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
  consumers: ['finance'],
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
