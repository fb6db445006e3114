import { streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';

/** One stream per client contract: `buying.client_contract-<id>`. */
export const clientContractStream = (contractId: string): string => streamName('buying', 'client_contract', contractId);

export const MILESTONE_KINDS = ['prepayment', 'balance', 'full'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** A billing milestone as written: its share of the value and when the client pays it. */
export interface MilestoneInput {
  kind: MilestoneKind;
  percent: number;
  dueDate: string;
}

export interface Milestone extends MilestoneInput {
  amountFen: number;
}

/** The client-approved plan version a contract is drafted from (null: drafted directly). */
export interface ContractPlanRef {
  planId: string;
  version: number;
  contentHash: string;
  netFen: number;
}

export interface ContractTerms {
  clientId: string;
  clientName: string;
  briefId: string | null;
  campaign: string;
  currency: string;
  valueFen: number;
  milestones: Milestone[];
  scope: string;
  plan: ContractPlanRef | null;
}

export type ContractStatus = 'none' | 'draft' | 'in-review' | 'returned' | 'approved' | 'signed' | 'terminated';

export interface ContractRevision {
  revision: number;
  terms: ContractTerms;
  draftedAt: string;
  draftedBy: Actor;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewedBy: Actor | null;
  returnReasons: string[];
  signedOn: string | null;
  signedDocument: EvidenceRef[];
  signatory: string | null;
}

export type ClientContractDrafted = DomainEvent<'ClientContractDrafted', { contractId: string; revision: number; terms: ContractTerms; at: string; by: Actor }>;
export type ClientContractAmendmentDrafted = DomainEvent<
  'ClientContractAmendmentDrafted',
  { contractId: string; revision: number; terms: ContractTerms; reason: string; at: string; by: Actor }
>;
export type ClientContractRevised = DomainEvent<'ClientContractRevised', { contractId: string; revision: number; terms: ContractTerms; at: string; by: Actor }>;
export type ClientContractSubmitted = DomainEvent<'ClientContractSubmitted', { contractId: string; revision: number; at: string; by: Actor }>;
export type ClientContractReturned = DomainEvent<'ClientContractReturned', { contractId: string; revision: number; reasons: string[]; at: string; by: Actor }>;
export type ClientContractApproved = DomainEvent<'ClientContractApproved', { contractId: string; revision: number; at: string; by: Actor }>;
/**
 * The client signed a revision. `billing` is what each milestone adds to what earlier revisions
 * billed (the whole amount on the first signature): one receivable per entry.
 */
export type ClientContractSigned = DomainEvent<
  'ClientContractSigned',
  {
    contractId: string;
    revision: number;
    terms: ContractTerms;
    billing: Array<{ kind: MilestoneKind; amountFen: number; dueDate: string }>;
    signedOn: string;
    signatory: string;
    evidence: EvidenceRef[];
    at: string;
    by: Actor;
  }
>;
export type ClientContractTerminated = DomainEvent<
  'ClientContractTerminated',
  { contractId: string; reason: string; effectiveOn: string; at: string; by: Actor }
>;
export type ContractMilestoneCollected = DomainEvent<
  'ContractMilestoneCollected',
  { contractId: string; receivableId: string; kind: MilestoneKind; amountFen: number; settledAt: string; at: string; by: Actor }
>;

export type ClientContractEvent =
  | ClientContractDrafted
  | ClientContractAmendmentDrafted
  | ClientContractRevised
  | ClientContractSubmitted
  | ClientContractReturned
  | ClientContractApproved
  | ClientContractSigned
  | ClientContractTerminated
  | ContractMilestoneCollected;

export interface ClientContractState {
  status: ContractStatus;
  contractId: string;
  /** The revision being worked on (the signed one when nothing is pending). */
  currentRevision: number;
  /** The revision in force: the last one the client signed (0: none yet). */
  signedRevision: number;
  revisions: ContractRevision[];
  /** What receivables were opened for, per milestone, over every signed revision. */
  billedFen: Record<string, number>;
  collected: Array<{ receivableId: string; kind: MilestoneKind; amountFen: number; settledAt: string }>;
  collectedFen: number;
  termination: { reason: string; effectiveOn: string; at: string; by: Actor } | null;
  draftedBy: Actor | null;
}

export const initialClientContractState = (): ClientContractState => ({
  status: 'none',
  contractId: '',
  currentRevision: 0,
  signedRevision: 0,
  revisions: [],
  billedFen: {},
  collected: [],
  collectedFen: 0,
  termination: null,
  draftedBy: null,
});

const newRevision = (revision: number, terms: ContractTerms, at: string, by: Actor): ContractRevision => ({
  revision,
  terms,
  draftedAt: at,
  draftedBy: by,
  submittedAt: null,
  reviewedAt: null,
  reviewedBy: null,
  returnReasons: [],
  signedOn: null,
  signedDocument: [],
  signatory: null,
});

function withRevision(state: ClientContractState, revision: number, change: (r: ContractRevision) => ContractRevision): ContractRevision[] {
  return state.revisions.map((r) => (r.revision === revision ? change(r) : r));
}

export function evolveClientContract(state: ClientContractState, event: ClientContractEvent): ClientContractState {
  switch (event.type) {
    case 'ClientContractDrafted': {
      const { contractId, revision, terms, at, by } = event.data;
      return {
        ...initialClientContractState(),
        status: 'draft',
        contractId,
        currentRevision: revision,
        revisions: [newRevision(revision, terms, at, by)],
        draftedBy: by,
      };
    }
    case 'ClientContractAmendmentDrafted': {
      const { revision, terms, at, by } = event.data;
      return { ...state, status: 'draft', currentRevision: revision, revisions: [...state.revisions, newRevision(revision, terms, at, by)] };
    }
    case 'ClientContractRevised':
      return { ...state, status: 'draft', revisions: withRevision(state, event.data.revision, (r) => ({ ...r, terms: event.data.terms, returnReasons: [] })) };
    case 'ClientContractSubmitted':
      return { ...state, status: 'in-review', revisions: withRevision(state, event.data.revision, (r) => ({ ...r, submittedAt: event.data.at })) };
    case 'ClientContractReturned':
      return {
        ...state,
        status: 'returned',
        revisions: withRevision(state, event.data.revision, (r) => ({
          ...r,
          returnReasons: event.data.reasons,
          reviewedAt: event.data.at,
          reviewedBy: event.data.by,
        })),
      };
    case 'ClientContractApproved':
      return {
        ...state,
        status: 'approved',
        revisions: withRevision(state, event.data.revision, (r) => ({ ...r, reviewedAt: event.data.at, reviewedBy: event.data.by })),
      };
    case 'ClientContractSigned': {
      const { revision, billing, signedOn, signatory, evidence } = event.data;
      const billedFen = { ...state.billedFen };
      billing.forEach((b) => (billedFen[b.kind] = (billedFen[b.kind] ?? 0) + b.amountFen));
      return {
        ...state,
        status: 'signed',
        signedRevision: revision,
        billedFen,
        revisions: withRevision(state, revision, (r) => ({ ...r, signedOn, signatory, signedDocument: evidence })),
      };
    }
    case 'ClientContractTerminated': {
      const { reason, effectiveOn, at, by } = event.data;
      return { ...state, status: 'terminated', termination: { reason, effectiveOn, at, by } };
    }
    case 'ContractMilestoneCollected': {
      const { receivableId, kind, amountFen, settledAt } = event.data;
      return { ...state, collected: [...state.collected, { receivableId, kind, amountFen, settledAt }], collectedFen: state.collectedFen + amountFen };
    }
  }
}

/** The terms of the revision in force (null before the first signature). */
export const termsInForce = (state: ClientContractState): ContractTerms | null =>
  state.revisions.find((r) => r.revision === state.signedRevision)?.terms ?? null;
