import type { Role } from '@ooh/http-kit';

/** Who reads the buying records (vendors, contracts, orders, campaigns). */
export const BUYING_READERS: Role[] = ['media-manager', 'media-director', 'account-manager', 'account-director', 'finance', 'executive', 'admin'];
