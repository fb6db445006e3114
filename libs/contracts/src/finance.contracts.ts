import { defineContract, money } from './contract';

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
      source: {
        type: 'object',
        additionalProperties: false,
        required: ['context', 'kind', 'id'],
        properties: { context: { type: 'string', minLength: 1 }, kind: { type: 'string', minLength: 1 }, id: { type: 'string', minLength: 1 } },
      },
      milestone: { enum: ['prepayment', 'balance', 'full'] },
      ...money,
      paymentReferences: { type: 'array', items: { type: 'string' } },
      settledAt: { type: 'string', format: 'date-time' },
    },
  },
});
