import { AppError, notFound, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import type { Channel } from '../channels';
import { evolveBudget, initialBudgetState, type BudgetBucket, type BudgetEvent, type BudgetState } from './budget.events';

/** The campaign as the authorization is requested for it (its brief, read by the caller). */
export interface CampaignSnapshot {
  briefId: string;
  exists: boolean;
  clientId: string;
  campaign: string;
  currency: string;
  period: { start: string; end: string };
}

export type RequestBudget = Command<'RequestBudget', { authorizationId: string; campaign: CampaignSnapshot; buckets: BudgetBucket[]; at: string; by: Actor }>;
export type AuthorizeBudget = Command<'AuthorizeBudget', { authorizationId: string; poReference: string; evidence: EvidenceRef[]; at: string; by: Actor }>;
export type RejectBudget = Command<'RejectBudget', { authorizationId: string; reason: string; evidence: EvidenceRef[]; at: string; by: Actor }>;

export type BudgetCommand = RequestBudget | AuthorizeBudget | RejectBudget;

const bucketKey = (b: { channel: Channel | null; month: string | null }) => `${b.channel ?? '*'}|${b.month ?? '*'}`;

function requireBuckets(buckets: BudgetBucket[], campaign: CampaignSnapshot): void {
  if (buckets.length === 0) throw ruleViolated('BUCKETS_REQUIRED', 'An authorization has at least one bucket');
  if (buckets.some((b) => b.amountFen <= 0)) throw ruleViolated('AMOUNT_REQUIRED', 'Every bucket has a positive amount');
  if (new Set(buckets.map(bucketKey)).size !== buckets.length) throw ruleViolated('DUPLICATE_BUCKET', 'Each channel and month appears in one bucket only');
  const [first, last] = [campaign.period.start.slice(0, 7), campaign.period.end.slice(0, 7)];
  const outside = buckets.find((b) => b.month !== null && (b.month < first || b.month > last));
  if (outside) throw ruleViolated('MONTH_OUTSIDE_CAMPAIGN', `${outside.month} is outside the campaign (${first} to ${last})`);
}

/**
 * Budget authorizations (per campaign): requested by the account side, then authorized by the client
 * (recorded by an account manager with the client's PO and document) or rejected.
 */
export function decideBudget(command: BudgetCommand, state: BudgetState): BudgetEvent[] {
  switch (command.type) {
    case 'RequestBudget': {
      const { authorizationId, campaign, buckets, at, by } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'BUDGET_ALREADY_EXISTS', `Authorization ${authorizationId} already exists`);
      if (!campaign.exists) throw notFound('BRIEF_NOT_FOUND', `No brief ${campaign.briefId}`);
      requireBuckets(buckets, campaign);
      const totalFen = buckets.reduce((sum, b) => sum + b.amountFen, 0);
      return [
        {
          type: 'BudgetRequested',
          data: {
            authorizationId,
            briefId: campaign.briefId,
            clientId: campaign.clientId,
            campaign: campaign.campaign,
            currency: campaign.currency,
            buckets,
            totalFen,
            at,
            by,
          },
        },
      ];
    }
    case 'AuthorizeBudget': {
      const { authorizationId, poReference, evidence, at, by } = command.data;
      if (state.status === 'none') throw notFound('BUDGET_NOT_FOUND', `No authorization ${authorizationId}`);
      if (state.status !== 'requested') throw ruleViolated('BUDGET_DECIDED', `Authorization ${authorizationId} is already ${state.status}`);
      if (poReference.trim() === '') throw ruleViolated('PO_REFERENCE_REQUIRED', 'The client’s purchase order reference is recorded with the authorization');
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The client’s authorization is recorded with its document (the PO, a signed letter)');
      const { briefId, clientId, currency, buckets, totalFen } = state;
      return [{ type: 'BudgetAuthorized', data: { authorizationId, briefId, clientId, poReference, evidence, currency, buckets, totalFen, at, by } }];
    }
    case 'RejectBudget': {
      const { authorizationId, reason, evidence, at, by } = command.data;
      if (state.status === 'none') throw notFound('BUDGET_NOT_FOUND', `No authorization ${authorizationId}`);
      if (state.status !== 'requested') throw ruleViolated('BUDGET_DECIDED', `Authorization ${authorizationId} is already ${state.status}`);
      if (reason.trim() === '') throw ruleViolated('REASON_REQUIRED', 'A rejection says why');
      return [{ type: 'BudgetRejected', data: { authorizationId, reason, evidence, at, by } }];
    }
  }
}

export const budgetDecider: Decider<BudgetCommand, BudgetEvent, BudgetState> = {
  decide: decideBudget,
  evolve: evolveBudget,
  initialState: initialBudgetState,
};
