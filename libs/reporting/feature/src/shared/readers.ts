import type { Role } from '@ooh/http-kit';

/** Who reads the cross-department reports: the agency's account and media leads, finance and the executives. */
export const REPORTING_READERS: Role[] = ['account-manager', 'account-director', 'media-manager', 'media-director', 'finance', 'executive', 'admin'];
