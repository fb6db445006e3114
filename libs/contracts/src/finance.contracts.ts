import { z } from 'zod';
import { defineContract, field, source, vendor } from './contract';

export const receivableSettledV1 = defineContract({
  type: 'finance.receivable-settled',
  version: 1,
  producer: 'finance',
  consumers: ['operations', 'buying', 'production'],
  description: 'A client paid a billable milestone in full; the department waiting on it may move on (e.g. an OOH booking may be scheduled).',
  data: z.strictObject({
    receivableId: field.text(),
    source: source(),
    milestone: z.enum(['prepayment', 'balance', 'full']),
    amountFen: field.fen(),
    currency: field.currency(),
    paymentReferences: z.array(z.string()),
    settledAt: field.instant(),
  }),
});
export type ReceivableSettledV1 = z.output<typeof receivableSettledV1.data>;

export const payablePaidV1 = defineContract({
  type: 'finance.payable-paid',
  version: 1,
  producer: 'finance',
  consumers: ['operations', 'buying', 'integrators'],
  description: 'Finance paid a vendor (media owner, production house, printer, installer) after every required approval.',
  data: z.strictObject({
    payableId: field.text(),
    source: source().nullable(),
    vendor: vendor(),
    milestone: field.text(),
    amountFen: field.fen(),
    currency: field.currency(),
    paymentReference: field.text(),
    paidOn: field.date(),
  }),
});
export type PayablePaidV1 = z.output<typeof payablePaidV1.data>;
