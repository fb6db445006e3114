import { z } from 'zod';
import { defineContract, field } from './contract';

export const productionPaymentRequestedV1 = defineContract({
  type: 'production.payment-requested',
  version: 1,
  producer: 'production',
  consumers: ['finance', 'reporting', 'integrators'],
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
