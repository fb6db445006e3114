import { streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';
import type { Channel } from '../channels';

/** One stream per budget authorization of a campaign: `planning.budget-<id>`. */
export const budgetStream = (authorizationId: string): string => streamName('planning', 'budget', authorizationId);

/** Money the client authorizes for a channel and/or a month (both absent: the whole campaign). */
export interface BudgetBucket {
  channel: Channel | null;
  month: string | null;
  amountFen: number;
}

export type BudgetRequested = DomainEvent<
  'BudgetRequested',
  {
    authorizationId: string;
    briefId: string;
    clientId: string;
    campaign: string;
    currency: string;
    buckets: BudgetBucket[];
    totalFen: number;
    at: string;
    by: Actor;
  }
>;
export type BudgetAuthorized = DomainEvent<
  'BudgetAuthorized',
  {
    authorizationId: string;
    briefId: string;
    clientId: string;
    poReference: string;
    evidence: EvidenceRef[];
    currency: string;
    buckets: BudgetBucket[];
    totalFen: number;
    at: string;
    by: Actor;
  }
>;
export type BudgetRejected = DomainEvent<'BudgetRejected', { authorizationId: string; reason: string; evidence: EvidenceRef[]; at: string; by: Actor }>;

export type BudgetEvent = BudgetRequested | BudgetAuthorized | BudgetRejected;

export interface BudgetState {
  status: 'none' | 'requested' | 'authorized' | 'rejected';
  authorizationId: string;
  briefId: string;
  clientId: string;
  campaign: string;
  currency: string;
  buckets: BudgetBucket[];
  totalFen: number;
  requestedAt: string | null;
  requestedBy: Actor | null;
  poReference: string | null;
  evidence: EvidenceRef[];
  decidedAt: string | null;
  decidedBy: Actor | null;
  rejectionReason: string | null;
}

export const initialBudgetState = (): BudgetState => ({
  status: 'none',
  authorizationId: '',
  briefId: '',
  clientId: '',
  campaign: '',
  currency: '',
  buckets: [],
  totalFen: 0,
  requestedAt: null,
  requestedBy: null,
  poReference: null,
  evidence: [],
  decidedAt: null,
  decidedBy: null,
  rejectionReason: null,
});

export function evolveBudget(state: BudgetState, event: BudgetEvent): BudgetState {
  switch (event.type) {
    case 'BudgetRequested': {
      const { authorizationId, briefId, clientId, campaign, currency, buckets, totalFen, at, by } = event.data;
      return {
        ...initialBudgetState(),
        status: 'requested',
        authorizationId,
        briefId,
        clientId,
        campaign,
        currency,
        buckets,
        totalFen,
        requestedAt: at,
        requestedBy: by,
      };
    }
    case 'BudgetAuthorized':
      return {
        ...state,
        status: 'authorized',
        poReference: event.data.poReference,
        evidence: event.data.evidence,
        decidedAt: event.data.at,
        decidedBy: event.data.by,
      };
    case 'BudgetRejected':
      return {
        ...state,
        status: 'rejected',
        rejectionReason: event.data.reason,
        evidence: event.data.evidence,
        decidedAt: event.data.at,
        decidedBy: event.data.by,
      };
  }
}
