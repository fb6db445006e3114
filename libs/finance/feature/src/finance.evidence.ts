import type { EvidenceCategory } from '@ooh/http-kit';

/** Where finance files the evidence its facts reference (receipts, invoices, payment slips). */
export const FINANCE_EVIDENCE: EvidenceCategory[] = [
  { streamCategory: 'finance.expense', category: 'expense', path: '/api/finance/expenses/{id}', readers: ['finance', 'executive'] },
  { streamCategory: 'finance.payable', category: 'payable', path: '/api/finance/payables/{id}', readers: ['finance', 'executive'] },
  { streamCategory: 'finance.receivable', category: 'receivable', path: '/api/finance/receivables/{id}', readers: ['finance', 'executive'] },
];
