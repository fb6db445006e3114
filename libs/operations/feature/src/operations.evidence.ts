import type { EvidenceCategory } from '@ooh/http-kit';

const SITE_CARE = ['ops-manager', 'executive'] as const;

/** Where operations files the evidence its facts reference, in the evidence archive. */
export const OPERATIONS_EVIDENCE: EvidenceCategory[] = [
  { streamCategory: 'operations.site', category: 'site', path: '/api/operations/sites/{id}', readers: [...SITE_CARE] },
  { streamCategory: 'operations.inspection', category: 'inspection', path: '/api/operations/inspections/{id}', readers: [...SITE_CARE] },
  { streamCategory: 'operations.maintenance', category: 'maintenance', path: '/api/operations/maintenance/{id}', readers: [...SITE_CARE] },
  { streamCategory: 'operations.fault', category: 'fault', path: '/api/operations/faults/{id}', readers: [...SITE_CARE] },
  { streamCategory: 'operations.booking', category: 'booking', path: '/api/operations/bookings/{id}', readers: [...SITE_CARE, 'sales'] },
  { streamCategory: 'operations.installation', category: 'installation', path: '/api/operations/installation-jobs/{id}', readers: [...SITE_CARE] },
  { streamCategory: 'operations.proof_of_play', category: 'proof-of-play', path: '/api/operations/proof-of-play/{id}', readers: [...SITE_CARE, 'sales'] },
];
