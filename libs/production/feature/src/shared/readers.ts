import type { Role } from '@ooh/http-kit';

/** Who reads production's records (jobs, bids). */
export const PRODUCTION_READERS: Role[] = [
  'production-manager',
  'production-director',
  'account-manager',
  'account-director',
  'art-director',
  'finance',
  'executive',
  'admin',
];
