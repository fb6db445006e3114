import { ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import { blocker } from '../shared';
import {
  authorizedBudget,
  committedExcept,
  evolveCampaign,
  initialCampaignState,
  type ApprovedPlanVersion,
  type BudgetAuthorization,
  type CampaignEvent,
  type CampaignState,
  type SpendCommitment,
} from './campaign.events';

export type RecordApprovedPlan = Command<'RecordApprovedPlan', { briefId: string; plan: ApprovedPlanVersion; at: string; by: Actor }>;
export type RecordBudgetAuthorization = Command<
  'RecordBudgetAuthorization',
  { briefId: string; clientId: string; authorization: BudgetAuthorization; at: string; by: Actor }
>;
export type CommitSpend = Command<'CommitSpend', { briefId: string; commitment: SpendCommitment; at: string; by: Actor }>;
export type ReleaseSpend = Command<'ReleaseSpend', { briefId: string; orderId: string; revision: number; reason: string; at: string; by: Actor }>;

export type CampaignCommand = RecordApprovedPlan | RecordBudgetAuthorization | CommitSpend | ReleaseSpend;

/** The budget check of a commitment against everything else committed to the campaign. */
export function budgetFacts(state: CampaignState, orderId: string) {
  const authorized = authorizedBudget(state);
  const committed = committedExcept(state, orderId);
  return {
    authorizedFen: authorized.totalFen,
    authorizedByChannel: authorized.byChannel,
    committedFen: committed.totalFen,
    committedByChannel: committed.byChannel,
  };
}

/**
 * A campaign as buying sees it. Planning's facts arrive once each (redelivery changes nothing); a
 * signed order's spend is committed here, one commitment per order (its latest signed revision), so
 * two orders signed at once cannot both pass the budget.
 */
export function decideCampaign(command: CampaignCommand, state: CampaignState): CampaignEvent[] {
  switch (command.type) {
    case 'RecordApprovedPlan': {
      const { briefId, plan, at, by } = command.data;
      if (state.plans.some((p) => p.planId === plan.planId && p.version === plan.version)) return [];
      return [{ type: 'ApprovedPlanReceived', data: { briefId, plan, at, by } }];
    }
    case 'RecordBudgetAuthorization': {
      const { briefId, clientId, authorization, at, by } = command.data;
      if (state.authorizations.some((a) => a.authorizationId === authorization.authorizationId)) return [];
      return [{ type: 'BudgetAuthorizationReceived', data: { briefId, clientId, authorization, at, by } }];
    }
    case 'CommitSpend': {
      const { briefId, commitment, at, by } = command.data;
      const known = state.commitments.find((c) => c.orderId === commitment.orderId);
      if (known && known.revision === commitment.revision) return [];
      const facts = budgetFacts(state, commitment.orderId);
      const total = facts.committedFen + commitment.netFen;
      const overChannel = Object.entries(commitment.byChannel).find(
        ([ch, fen]) => facts.authorizedByChannel[ch] !== undefined && (facts.committedByChannel[ch] ?? 0) + fen > facts.authorizedByChannel[ch],
      );
      if (facts.authorizedFen === null || total > facts.authorizedFen || overChannel)
        throw ruleViolated(
          'SIGNING_BLOCKED',
          `Order ${commitment.orderId} would commit ${total} fen against ${facts.authorizedFen ?? 0} fen authorized for the campaign`,
          {
            blockedBy: [blocker('budget', 'A larger budget authorization from the client', ['account-manager'])],
            budgetCheck: { ...facts, orderNetFen: commitment.netFen },
          },
        );
      return [{ type: 'SpendCommitted', data: { briefId, commitment, at, by } }];
    }
    case 'ReleaseSpend': {
      const { briefId, orderId, revision, reason, at, by } = command.data;
      if (!state.commitments.some((c) => c.orderId === orderId && c.revision === revision)) return [];
      return [{ type: 'SpendReleased', data: { briefId, orderId, revision, reason, at, by } }];
    }
  }
}

export const campaignDecider: Decider<CampaignCommand, CampaignEvent, CampaignState> = {
  decide: decideCampaign,
  evolve: evolveCampaign,
  initialState: initialCampaignState,
};
