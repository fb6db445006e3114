export { blank, blocker, requireReason, requireRole, type Blocker } from '@ooh/eventing';

/** Rounds a fen amount times a percentage (two decimals at most) half away from zero. */
export const percentOf = (fen: number, percent: number): number => Math.round((fen * Math.round(percent * 100)) / 10_000);
