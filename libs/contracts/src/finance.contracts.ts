import { defineContract, money, sourceSchema, vendorSchema } from './contract';

export interface ReceivableSettledV1 {
  receivableId: string;
  source: { context: string; kind: string; id: string };
  milestone: 'prepayment' | 'balance' | 'full';
  amountFen: number;
  currency: string;
  paymentReferences: string[];
  settledAt: string;
}

export const receivableSettledV1 = defineContract<ReceivableSettledV1>({
  type: 'finance.receivable-settled',
  version: 1,
  producer: 'finance',
  consumers: ['operations'],
  description: 'A client paid a billable milestone in full; the department waiting on it may move on (e.g. an OOH booking may be scheduled).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['receivableId', 'source', 'milestone', 'amountFen', 'currency', 'paymentReferences', 'settledAt'],
    properties: {
      receivableId: { type: 'string', minLength: 1 },
      source: sourceSchema(),
      milestone: { enum: ['prepayment', 'balance', 'full'] },
      ...money,
      paymentReferences: { type: 'array', items: { type: 'string' } },
      settledAt: { type: 'string', format: 'date-time' },
    },
  },
});

export interface PayablePaidV1 {
  payableId: string;
  source: { context: string; kind: string; id: string } | null;
  vendor: { vendorId: string; name: string };
  milestone: string;
  amountFen: number;
  currency: string;
  paymentReference: string;
  paidOn: string;
}

export const payablePaidV1 = defineContract<PayablePaidV1>({
  type: 'finance.payable-paid',
  version: 1,
  producer: 'finance',
  consumers: ['operations', 'integrators'],
  description: 'Finance paid a vendor (media owner, production house, printer, installer) after every required approval.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['payableId', 'source', 'vendor', 'milestone', 'amountFen', 'currency', 'paymentReference', 'paidOn'],
    properties: {
      payableId: { type: 'string', minLength: 1 },
      source: sourceSchema(true),
      vendor: vendorSchema,
      milestone: { type: 'string', minLength: 1 },
      ...money,
      paymentReference: { type: 'string', minLength: 1 },
      paidOn: { type: 'string', format: 'date' },
    },
  },
});
