import { streamName, type Actor, type DomainEvent } from '@ooh/eventing';
import type { PlanLineSnapshot } from '../media-order/media-order.lines';

/**
 * What buying knows of a campaign (one stream per brief, `buying.campaign-<briefId>`): the plan
 * versions the client approved and the budgets it authorized, as planning published them, and the
 * spend signed media orders commit against them.
 */
export const campaignStream = (briefId: string): string => streamName('buying', 'campaign', briefId);

export interface ApprovedPlanVersion {
  planId: string;
  version: number;
  contentHash: string;
  clientId: string;
  campaign: string;
  currency: string;
  lines: PlanLineSnapshot[];
  netFen: number;
  approvedAt: string;
}

export interface BudgetAuthorization {
  authorizationId: string;
  poReference: string;
  buckets: Array<{ channel: string | null; month: string | null; amountFen: number }>;
  totalFen: number;
  authorizedAt: string;
}

export interface SpendCommitment {
  orderId: string;
  revision: number;
  netFen: number;
  byChannel: Record<string, number>;
}

export type ApprovedPlanReceived = DomainEvent<'ApprovedPlanReceived', { briefId: string; plan: ApprovedPlanVersion; at: string; by: Actor }>;
export type BudgetAuthorizationReceived = DomainEvent<
  'BudgetAuthorizationReceived',
  { briefId: string; clientId: string; authorization: BudgetAuthorization; at: string; by: Actor }
>;
export type SpendCommitted = DomainEvent<'SpendCommitted', { briefId: string; commitment: SpendCommitment; at: string; by: Actor }>;
export type SpendReleased = DomainEvent<'SpendReleased', { briefId: string; orderId: string; revision: number; reason: string; at: string; by: Actor }>;

export type CampaignEvent = ApprovedPlanReceived | BudgetAuthorizationReceived | SpendCommitted | SpendReleased;

export interface CampaignState {
  briefId: string;
  clientId: string;
  plans: ApprovedPlanVersion[];
  authorizations: BudgetAuthorization[];
  commitments: SpendCommitment[];
}

export const initialCampaignState = (): CampaignState => ({ briefId: '', clientId: '', plans: [], authorizations: [], commitments: [] });

export function evolveCampaign(state: CampaignState, event: CampaignEvent): CampaignState {
  switch (event.type) {
    case 'ApprovedPlanReceived':
      return { ...state, briefId: event.data.briefId, clientId: event.data.plan.clientId, plans: [...state.plans, event.data.plan] };
    case 'BudgetAuthorizationReceived':
      return { ...state, briefId: event.data.briefId, clientId: event.data.clientId, authorizations: [...state.authorizations, event.data.authorization] };
    case 'SpendCommitted':
      return { ...state, commitments: [...state.commitments.filter((c) => c.orderId !== event.data.commitment.orderId), event.data.commitment] };
    case 'SpendReleased':
      return { ...state, commitments: state.commitments.filter((c) => !(c.orderId === event.data.orderId && c.revision === event.data.revision)) };
  }
}

/** The latest approved version of a plan (null: none of its versions is approved). */
export const latestApprovedVersion = (state: CampaignState, planId: string): number | null =>
  state.plans.filter((p) => p.planId === planId).reduce<number | null>((max, p) => (max === null || p.version > max ? p.version : max), null);

/** The authorized budget: the whole and per channel (channel buckets summed over months); null when nothing is authorized. */
export function authorizedBudget(state: CampaignState): { totalFen: number | null; byChannel: Record<string, number> } {
  if (state.authorizations.length === 0) return { totalFen: null, byChannel: {} };
  const byChannel: Record<string, number> = {};
  state.authorizations.flatMap((a) => a.buckets).forEach((b) => b.channel !== null && (byChannel[b.channel] = (byChannel[b.channel] ?? 0) + b.amountFen));
  return { totalFen: state.authorizations.reduce((s, a) => s + a.totalFen, 0), byChannel };
}

/** What signed orders other than `orderId` commit. */
export function committedExcept(state: CampaignState, orderId: string): { totalFen: number; byChannel: Record<string, number> } {
  const others = state.commitments.filter((c) => c.orderId !== orderId);
  const byChannel: Record<string, number> = {};
  others.forEach((c) => Object.entries(c.byChannel).forEach(([ch, fen]) => (byChannel[ch] = (byChannel[ch] ?? 0) + fen)));
  return { totalFen: others.reduce((s, c) => s + c.netFen, 0), byChannel };
}
