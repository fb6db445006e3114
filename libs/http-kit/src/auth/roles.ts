/** The roles of DOMAIN.md. */
export const ROLES = [
  'account-manager',
  'account-director',
  'media-manager',
  'media-director',
  'production-manager',
  'production-director',
  'art-director',
  'sales',
  'ops-staff',
  'ops-manager',
  'executive',
  'finance',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
