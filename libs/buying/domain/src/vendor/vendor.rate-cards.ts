import { percentOf } from '../shared';
import type { RateCard, RateCardItem, RateUnit, VendorProfile } from './vendor.events';

const norm = (s: string) => s.trim().toLowerCase();

/** The version of a property's rate card in force on a date: the latest that took effect on or before it. */
export function rateCardInForce(cards: RateCard[], property: string, date: string): RateCard | null {
  return (
    cards
      .filter((c) => norm(c.property) === norm(property) && c.effectiveFrom <= date)
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : b.version - a.version))[0] ?? null
  );
}

/** What one unit costs on the card: the rate with its surcharge. */
export const cardRateFen = (item: RateCardItem): number => item.rateFen + percentOf(item.rateFen, item.surchargePercent);

export interface RateQuery {
  property: string;
  daypart: string;
  unit: RateUnit;
  spotLengthSeconds: number | null;
}

/** The card item priced for a unit: same daypart and unit, the spot length's own item before a length-free one. */
export function rateItemFor(card: RateCard, q: RateQuery): RateCardItem | null {
  const candidates = card.items.filter((i) => norm(i.daypart) === norm(q.daypart) && i.unit === q.unit);
  return candidates.find((i) => i.spotLengthSeconds === q.spotLengthSeconds) ?? candidates.find((i) => i.spotLengthSeconds === null) ?? null;
}

/** Whether a name in a plan or an invoice is this vendor's. */
export const answersTo = (profile: VendorProfile, name: string): boolean => [profile.name, ...profile.aliases].some((n) => norm(n) === norm(name));
