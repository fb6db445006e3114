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
  /** A partner system reading the public event feed, nothing else. */
  'integrator',
] as const;
export type Role = (typeof ROLES)[number];
/** Every role of the agency's and the operator's people: what "any role" means (an integrator reads the feed only). */
export const STAFF_ROLES = ROLES.filter((r) => r !== 'integrator');
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
