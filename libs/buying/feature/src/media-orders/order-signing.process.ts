import { Injectable } from '@nestjs/common';
import { commandContext, isAppError, type CommandContext, type CommandResult } from '@ooh/eventing';
import { Aggregates } from '@ooh/http-kit';
import {
  budgetFacts,
  campaignAggregate,
  clientContractAggregate,
  currentRevisionOf,
  latestApprovedVersion,
  mediaOrderAggregate,
  signingCheck,
  vendorAggregate,
  type MediaOrderState,
  type SigningFacts,
} from '@ooh/buying-domain';

/**
 * Signing a media order spans three streams: the facts it is decided on are read (contract, plan
 * approval, budget, rate cards), the revision's spend is committed to the campaign (so two orders
 * signed at once cannot both pass the budget), then the order is signed; if that fails the
 * commitment is released.
 */
@Injectable()
export class OrderSigning {
  private readonly orders;
  private readonly contracts;
  private readonly campaigns;
  private readonly vendors;

  constructor(aggregates: Aggregates) {
    this.orders = aggregates.commands(mediaOrderAggregate);
    this.contracts = aggregates.commands(clientContractAggregate);
    this.campaigns = aggregates.commands(campaignAggregate);
    this.vendors = aggregates.commands(vendorAggregate);
  }

  async facts(order: MediaOrderState): Promise<SigningFacts> {
    const plan = order.plan as NonNullable<MediaOrderState['plan']>;
    const [{ state: contract }, { state: campaign }, { state: vendor }] = await Promise.all([
      this.contracts.load(order.contractId),
      this.campaigns.load(plan.briefId),
      this.vendors.load(order.vendor?.vendorId ?? ''),
    ]);
    const terms = contract.revisions.find((r) => r.revision === contract.signedRevision)?.terms;
    const budget = budgetFacts(campaign, order.orderId);
    return {
      contract: {
        exists: contract.status !== 'none',
        status: contract.status,
        signedRevision: contract.signedRevision,
        clientId: terms?.clientId ?? '',
        briefId: terms?.briefId ?? null,
      },
      plan: {
        clientApproved: campaign.plans.some((p) => p.planId === plan.planId && p.version === plan.version),
        latestApprovedVersion: latestApprovedVersion(campaign, plan.planId),
      },
      budget: {
        authorizedFen: budget.authorizedFen,
        authorizedByChannel: budget.authorizedByChannel,
        committedFen: budget.committedFen,
        committedByChannel: budget.committedByChannel,
      },
      rateCards: vendor.rateCards,
    };
  }

  async sign(orderId: string, revision: number, ctx: CommandContext): Promise<CommandResult> {
    const { state } = await this.orders.require(orderId);
    const facts = await this.facts(state);
    const r = currentRevisionOf(state);
    const plan = state.plan;
    // Every gate is checked before anything is written; the budget once more as the commitment is made.
    if (!r || !plan || state.status !== 'submitted' || r.revision !== revision || signingCheck(plan, r, facts).blockers.length > 0)
      return this.orders.execute(orderId, 'SignMediaOrder', { revision, facts }, ctx);
    const byChannel: Record<string, number> = {};
    r.lines.forEach((l) => (byChannel[l.channel] = (byChannel[l.channel] ?? 0) + l.netFen));
    const commitment = { orderId, revision, netFen: r.totals.netFen, byChannel };
    await this.campaigns.execute(
      plan.briefId,
      'CommitSpend',
      { commitment },
      commandContext.derived(ctx, 'commit-spend', ctx.correlationId, orderId, String(revision)),
    );
    try {
      return await this.orders.execute(orderId, 'SignMediaOrder', { revision, facts }, ctx);
    } catch (error) {
      if (isAppError(error)) {
        await this.campaigns.execute(
          plan.briefId,
          'ReleaseSpend',
          { orderId, revision, reason: `Signing refused: ${error.code}` },
          commandContext.derived(ctx, 'release-spend', ctx.correlationId, orderId, String(revision)),
        );
      }
      throw error;
    }
  }
}
