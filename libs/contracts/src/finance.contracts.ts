import { z } from 'zod';
import { defineContract, field, source, vendor } from './contract';

export const receivableSettledV1 = defineContract({
  type: 'finance.receivable-settled',
  version: 1,
  producer: 'finance',
  consumers: ['operations', 'buying', 'production', 'integrators'],
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

export const invoiceIssuedV1 = defineContract({
  type: 'finance.invoice-issued',
  version: 1,
  producer: 'finance',
  consumers: ['reporting', 'integrators'],
  description: 'Finance invoiced a client for a billable milestone (what the client was billed): its source, amount and invoice number.',
  data: z.strictObject({
    receivableId: field.text(),
    invoiceNumber: field.text(),
    source: source(),
    milestone: z.enum(['prepayment', 'balance', 'full']),
    amountFen: field.fen(),
    currency: field.currency(),
    dueDate: field.date().nullable(),
    issuedAt: field.instant(),
  }),
});
export type InvoiceIssuedV1 = z.output<typeof invoiceIssuedV1.data>;

export const paymentReceivedV1 = defineContract({
  type: 'finance.payment-received',
  version: 1,
  producer: 'finance',
  consumers: ['reporting', 'integrators'],
  description: 'A client payment was recorded against a receivable (part or all of it): what was collected, when, and what is still outstanding.',
  data: z.strictObject({
    receivableId: field.text(),
    paymentId: field.text(),
    source: source(),
    amountFen: field.fen(),
    currency: field.currency(),
    receivedOn: field.date(),
    outstandingFen: z.number().int().min(0),
    recordedAt: field.instant(),
  }),
});
export type PaymentReceivedV1 = z.output<typeof paymentReceivedV1.data>;

export const payablePaidV1 = defineContract({
  type: 'finance.payable-paid',
  version: 1,
  producer: 'finance',
  consumers: ['buying', 'production', 'reporting', 'integrators'],
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
