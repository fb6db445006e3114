import type { RateCard } from '../vendor/vendor.events';
import { cardRateFen, rateCardInForce, rateItemFor } from '../vendor/vendor.rate-cards';
import type { MakegoodCheck } from './media-order.delivery.events';
import type { OrderLine, OrderUnitInput } from './media-order.lines';

const norm = (s: string) => s.trim().toLowerCase();

/** Airtime (or space) a unit buys: seconds for spots, the quantity otherwise. */
const weightOf = (u: OrderUnitInput) => u.quantity * (u.spotLengthSeconds ?? 1);

/** What the vendor's card in force says a daypart is worth for this unit (null: the card does not price it). */
const daypartValue = (cards: RateCard[], property: string, u: OrderUnitInput): number | null => {
  const card = rateCardInForce(cards, property, u.date);
  const item = card && rateItemFor(card, { property, daypart: u.daypart, unit: u.unit, spotLengthSeconds: u.spotLengthSeconds });
  return item ? cardRateFen(item) : null;
};

/**
 * The value rule of a makegood (补播): it costs no more than the units it replaces, weighs no less
 * (airtime seconds, or quantity for non-spot units), runs in a daypart as good as theirs (the same
 * daypart, or one the vendor's own card prices at least as high) and inside the line's flight.
 */
export function checkMakegood(line: OrderLine, replaced: OrderUnitInput[], offered: OrderUnitInput[], cards: RateCard[]): MakegoodCheck {
  const gross = (units: OrderUnitInput[]) => units.reduce((s, u) => s + u.rateFen * u.quantity, 0);
  const costFen = { offered: gross(offered), replaced: gross(replaced) };
  const weight = { offered: offered.reduce((s, u) => s + weightOf(u), 0), replaced: replaced.reduce((s, u) => s + weightOf(u), 0) };
  const best = replaced.map((u) => ({ name: norm(u.daypart), value: daypartValue(cards, line.property, u) }));
  const daypartOk = offered.every((u) => {
    if (best.every((b) => b.name === norm(u.daypart))) return true;
    const value = daypartValue(cards, line.property, u);
    return value !== null && best.every((b) => b.name === norm(u.daypart) || (b.value !== null && value >= b.value));
  });
  const windowOk = offered.every((u) => u.date >= line.flight.start && u.endDate <= line.flight.end);
  const failures = [
    ...(costFen.offered > costFen.replaced ? [`costs ${costFen.offered} fen, more than the ${costFen.replaced} fen it replaces`] : []),
    ...(weight.offered < weight.replaced ? [`weighs ${weight.offered}, less than the ${weight.replaced} it replaces`] : []),
    ...(daypartOk ? [] : ['runs in a daypart worth less than the units it replaces']),
    ...(windowOk ? [] : [`runs outside the flight ${line.flight.start}–${line.flight.end}`]),
  ];
  return { withinRule: failures.length === 0, costFen, weight, daypartOk, windowOk, failures };
}
