import type { Role } from '@ooh/http-kit';

/** Who reads the agency's planning records (clients, meetings, briefs, budgets, plans). */
export const PLANNING_READERS: Role[] = ['account-manager', 'account-director', 'media-manager', 'media-director', 'executive', 'admin'];
