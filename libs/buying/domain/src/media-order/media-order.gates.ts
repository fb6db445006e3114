import { blocker, type Blocker } from '../shared';
import type { RateCard } from '../vendor/vendor.events';
import { cardRateFen, rateCardInForce, rateItemFor } from '../vendor/vendor.rate-cards';
import type { OrderPlanRef, OrderRevision } from './media-order.events';
import type { OrderLine } from './media-order.lines';

/** What signing an order depends on outside it, read by the caller when the director signs. */
export interface SigningFacts {
  contract: { exists: boolean; status: string; signedRevision: number; clientId: string; briefId: string | null };
  plan: { clientApproved: boolean; latestApprovedVersion: number | null };
  /** The campaign's authorized budget (null: none authorized) and what other signed orders already commit. */
  budget: { authorizedFen: number | null; authorizedByChannel: Record<string, number>; committedFen: number; committedByChannel: Record<string, number> };
  rateCards: RateCard[];
}

export interface RateMismatch {
  planLineId: string;
  unitId: string;
  rateFen: number;
  cardRateFen: number | null;
  reason: string;
}

/** Units whose rate is not the card's in force on their date and that carry no negotiation note. */
export function rateMismatches(lines: OrderLine[], cards: RateCard[]): RateMismatch[] {
  return lines.flatMap((line) =>
    line.units
      .filter((u) => u.negotiationNote === null)
      .flatMap((u): RateMismatch[] => {
        const card = rateCardInForce(cards, line.property, u.date);
        if (!card)
          return [
            {
              planLineId: line.planLineId,
              unitId: u.unitId,
              rateFen: u.rateFen,
              cardRateFen: null,
              reason: `no rate card of ${line.property} in force on ${u.date}`,
            },
          ];
        const item = rateItemFor(card, { property: line.property, daypart: u.daypart, unit: u.unit, spotLengthSeconds: u.spotLengthSeconds });
        if (!item)
          return [
            {
              planLineId: line.planLineId,
              unitId: u.unitId,
              rateFen: u.rateFen,
              cardRateFen: null,
              reason: `card version ${card.version} does not price ${u.daypart} ${u.unit}`,
            },
          ];
        const expected = cardRateFen(item);
        return expected === u.rateFen
          ? []
          : [
              {
                planLineId: line.planLineId,
                unitId: u.unitId,
                rateFen: u.rateFen,
                cardRateFen: expected,
                reason: `card version ${card.version} says ${expected}`,
              },
            ];
      }),
  );
}

export interface SigningCheck {
  blockers: Blocker[];
  rateMismatches: RateMismatch[];
  budget: { authorizedFen: number | null; committedFen: number; orderNetFen: number; overByChannel: Record<string, number> };
}

const contractSigned = (facts: SigningFacts) => facts.contract.exists && facts.contract.signedRevision > 0 && facts.contract.status !== 'terminated';

/** Every gate the signature of a revision waits on, with who can release it (empty: it may be signed). */
export function signingCheck(plan: OrderPlanRef, revision: OrderRevision, facts: SigningFacts): SigningCheck {
  const blockers: Blocker[] = [];
  const { contract } = facts;
  if (!contractSigned(facts))
    blockers.push(
      blocker(
        'client-contract',
        contract.exists ? `The client contract to be signed by the client (it is ${contract.status})` : 'A client contract for this campaign',
        ['account-manager', 'account-director'],
      ),
    );
  else if (contract.clientId !== plan.clientId || (contract.briefId !== null && contract.briefId !== plan.briefId))
    blockers.push(blocker('client-contract', `A client contract of client ${plan.clientId} for campaign ${plan.campaign}`, ['account-manager']));
  if (!facts.plan.clientApproved) blockers.push(blocker('plan-approval', `The client’s approval of plan version ${plan.version}`, ['account-manager']));
  else if (facts.plan.latestApprovedVersion !== null && facts.plan.latestApprovedVersion !== plan.version)
    blockers.push(
      blocker('plan-approval', `A revision of the order to plan version ${facts.plan.latestApprovedVersion}, which superseded version ${plan.version}`, [
        'media-manager',
      ]),
    );

  const orderNetFen = revision.totals.netFen;
  const { budget } = facts;
  const overByChannel: Record<string, number> = {};
  if (budget.authorizedFen === null) blockers.push(blocker('budget', `The client’s budget authorization for campaign ${plan.campaign}`, ['account-manager']));
  else {
    const total = budget.committedFen + orderNetFen;
    const byChannel = new Map<string, number>();
    revision.lines.forEach((l) => byChannel.set(l.channel, (byChannel.get(l.channel) ?? 0) + l.netFen));
    byChannel.forEach((net, channel) => {
      const cap = budget.authorizedByChannel[channel];
      if (cap !== undefined && (budget.committedByChannel[channel] ?? 0) + net > cap)
        overByChannel[channel] = (budget.committedByChannel[channel] ?? 0) + net - cap;
    });
    if (total > budget.authorizedFen || Object.keys(overByChannel).length > 0) {
      const over = Object.entries(overByChannel).map(([c, fen]) => `${c} by ${fen} fen`);
      const what =
        total > budget.authorizedFen ? `${total} fen committed against ${budget.authorizedFen} authorized` : `over its channel budget: ${over.join(', ')}`;
      blockers.push(blocker('budget', `A larger budget authorization from the client (${what})`, ['account-manager']));
    }
  }

  const mismatches = rateMismatches(revision.lines, facts.rateCards);
  if (mismatches.length > 0)
    blockers.push(
      blocker('rate-card', `${mismatches.length} unit(s) at a rate off the vendor’s card without a negotiation note: a revision with the card rate or a note`, [
        'media-manager',
      ]),
    );
  return {
    blockers,
    rateMismatches: mismatches,
    budget: { authorizedFen: budget.authorizedFen, committedFen: budget.committedFen, orderNetFen, overByChannel },
  };
}
