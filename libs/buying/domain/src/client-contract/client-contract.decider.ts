import { addDays } from '@ooh/calendar';
import { AppError, forbidden, notFound, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import { blank, blocker, percentOf, requireReason, requireRole, type Blocker } from '../shared';
import {
  evolveClientContract,
  initialClientContractState,
  type ClientContractEvent,
  type ClientContractState,
  type ContractRevision,
  type ContractTerms,
  type Milestone,
  type MilestoneInput,
} from './client-contract.events';

export const CONTRACT_DRAFTERS = ['account-manager'] as const;
export const CONTRACT_REVIEWERS = ['account-director'] as const;
export const CONTRACT_TERMINATORS = ['account-manager', 'account-director'] as const;
/** How far ahead a billing milestone may fall due, in days. */
export const MILESTONE_HORIZON_DAYS = 3 * 366;

/** A plan version as the caller read it from the approved plans planning published. */
export interface ApprovedPlanSnapshot {
  planId: string;
  version: number;
  exists: boolean;
  clientApproved: boolean;
  contentHash: string;
  clientId: string;
  briefId: string;
  campaign: string;
  currency: string;
  netFen: number;
}

/** What a contract is about when drafted directly (without a plan). */
export interface DirectContractParty {
  clientId: string;
  clientName: string;
  campaign: string;
  currency: string;
}

export interface ContractDraft {
  plan: ApprovedPlanSnapshot | null;
  party: DirectContractParty;
  valueFen: number;
  milestones: MilestoneInput[];
  scope: string;
}

export type DraftClientContract = Command<'DraftClientContract', { contractId: string; draft: ContractDraft; today: string; at: string; by: Actor }>;
export type ReviseClientContract = Command<'ReviseClientContract', { contractId: string; draft: ContractDraft; today: string; at: string; by: Actor }>;
export type SubmitClientContract = Command<'SubmitClientContract', { contractId: string; at: string; by: Actor }>;
export type ApproveClientContract = Command<'ApproveClientContract', { contractId: string; revision: number; at: string; by: Actor }>;
export type ReturnClientContract = Command<'ReturnClientContract', { contractId: string; revision: number; reasons: string[]; at: string; by: Actor }>;
export type RecordClientSignature = Command<
  'RecordClientSignature',
  { contractId: string; revision: number; signedOn: string; signatory: string; evidence: EvidenceRef[]; today: string; at: string; by: Actor }
>;
export type AmendClientContract = Command<
  'AmendClientContract',
  { contractId: string; draft: ContractDraft; reason: string; today: string; at: string; by: Actor }
>;
export type TerminateClientContract = Command<
  'TerminateClientContract',
  { contractId: string; reason: string; effectiveOn: string; today: string; at: string; by: Actor }
>;
export type RecordMilestoneCollected = Command<
  'RecordMilestoneCollected',
  { contractId: string; receivableId: string; kind: Milestone['kind']; amountFen: number; settledAt: string; at: string; by: Actor }
>;

export type ClientContractCommand =
  | DraftClientContract
  | ReviseClientContract
  | SubmitClientContract
  | ApproveClientContract
  | ReturnClientContract
  | RecordClientSignature
  | AmendClientContract
  | TerminateClientContract
  | RecordMilestoneCollected;

function milestonesOf(valueFen: number, inputs: MilestoneInput[], today: string): Milestone[] {
  const kinds = inputs.map((m) => m.kind).sort();
  const shape = kinds.join(',');
  if (shape !== 'full' && shape !== 'balance,prepayment')
    throw ruleViolated('MILESTONES_INVALID', 'A contract is billed in full, or as a prepayment and a balance', { milestones: kinds });
  if (inputs.some((m) => m.percent <= 0 || m.percent > 100))
    throw ruleViolated('MILESTONES_INVALID', 'Every milestone has a share above 0 and up to 100 percent');
  const total = inputs.reduce((s, m) => s + Math.round(m.percent * 100), 0);
  if (total !== 10_000) throw ruleViolated('MILESTONES_NOT_100', `The milestones add up to ${total / 100}%, not 100%`);
  const latest = addDays(today, MILESTONE_HORIZON_DAYS);
  const outside = inputs.find((m) => m.dueDate < today || m.dueDate > latest);
  if (outside) throw ruleViolated('DUE_DATE_OUTSIDE_WINDOW', `The ${outside.kind} falls due ${outside.dueDate}: between today (${today}) and ${latest}`);
  const pre = inputs.find((m) => m.kind === 'prepayment');
  const bal = inputs.find((m) => m.kind === 'balance');
  if (pre && bal && bal.dueDate < pre.dueDate)
    throw ruleViolated('BALANCE_BEFORE_PREPAYMENT', `The balance falls due ${bal.dueDate}, before the prepayment (${pre.dueDate})`);
  const prepaymentFen = pre ? percentOf(valueFen, pre.percent) : 0;
  return inputs.map((m) => ({ ...m, amountFen: m.kind === 'prepayment' ? prepaymentFen : valueFen - prepaymentFen }));
}

/** The terms a draft gives: a plan's client, campaign and currency when drafted from one. */
function termsOf(draft: ContractDraft, today: string): ContractTerms {
  const { plan, party, valueFen, scope } = draft;
  if (plan) {
    if (!plan.exists) throw notFound('PLAN_NOT_FOUND', `No approved plan ${plan.planId} version ${plan.version} is known to buying`);
    if (!plan.clientApproved)
      throw ruleViolated('PLAN_NOT_CLIENT_APPROVED', `Version ${plan.version} of plan ${plan.planId} is not approved by the client`, {
        blockedBy: [blocker('plan-approval', 'The client’s approval of the plan version, recorded in planning', ['account-manager'])],
      });
  }
  if (valueFen <= 0) throw ruleViolated('VALUE_REQUIRED', 'A contract has a positive value');
  if (blank(scope)) throw ruleViolated('SCOPE_REQUIRED', 'A contract says what it covers');
  const base = plan
    ? { clientId: plan.clientId, clientName: party.clientName, briefId: plan.briefId, campaign: plan.campaign, currency: plan.currency }
    : { clientId: party.clientId, clientName: party.clientName, briefId: null, campaign: party.campaign, currency: party.currency };
  if (blank(base.clientId) || blank(base.clientName) || blank(base.campaign)) throw ruleViolated('PARTY_REQUIRED', 'A contract names its client and campaign');
  return {
    ...base,
    valueFen,
    milestones: milestonesOf(valueFen, draft.milestones, today),
    scope,
    plan: plan ? { planId: plan.planId, version: plan.version, contentHash: plan.contentHash, netFen: plan.netFen } : null,
  };
}

function existing(state: ClientContractState, contractId: string): ClientContractState {
  if (state.status === 'none') throw notFound('CLIENT_CONTRACT_NOT_FOUND', `No client contract ${contractId}`);
  return state;
}

function current(state: ClientContractState): ContractRevision {
  return state.revisions.find((r) => r.revision === state.currentRevision) as ContractRevision;
}

function requireStatus(state: ClientContractState, allowed: ClientContractState['status'][], what: string): void {
  if (!allowed.includes(state.status)) throw ruleViolated('CONTRACT_STATUS', `${what}: the contract is ${state.status}`, { status: state.status });
}

function requireRevision(state: ClientContractState, revision: number): ContractRevision {
  const r = current(state);
  if (r.revision !== revision)
    throw ruleViolated('STALE_REVISION', `Revision ${revision} is not the one under way (${r.revision})`, { currentRevision: r.revision });
  return r;
}

/** What each milestone adds to what signed revisions billed; a reduction of a billed milestone is refused. */
function billingOf(state: ClientContractState, terms: ContractTerms): Array<{ kind: Milestone['kind']; amountFen: number; dueDate: string }> {
  const reduced = Object.entries(state.billedFen).find(([kind, billed]) => (terms.milestones.find((m) => m.kind === kind)?.amountFen ?? 0) < billed);
  if (reduced)
    throw ruleViolated(
      'BILLED_MILESTONE_REDUCED',
      `The ${reduced[0]} was billed at ${reduced[1]} fen: an amendment cannot reduce it (a reduction is a credit note from finance)`,
    );
  return terms.milestones
    .map((m) => ({ kind: m.kind, amountFen: m.amountFen - (state.billedFen[m.kind] ?? 0), dueDate: m.dueDate }))
    .filter((b) => b.amountFen > 0);
}

/**
 * Client contracts (客户合同): drafted by an account manager (from a client-approved plan version or
 * directly), reviewed by an account director who did not draft the revision, signed by the client
 * (recorded with the signed document), amended by a new revision reviewed and signed again, or
 * terminated. Signing bills what each milestone adds.
 */
export function decideClientContract(command: ClientContractCommand, state: ClientContractState): ClientContractEvent[] {
  switch (command.type) {
    case 'DraftClientContract': {
      const { contractId, draft, today, at, by } = command.data;
      requireRole(by, CONTRACT_DRAFTERS, 'Drafting a client contract');
      if (state.status !== 'none') throw new AppError('conflict', 'CLIENT_CONTRACT_ALREADY_EXISTS', `Client contract ${contractId} already exists`);
      return [{ type: 'ClientContractDrafted', data: { contractId, revision: 1, terms: termsOf(draft, today), at, by } }];
    }
    case 'ReviseClientContract': {
      const { contractId, draft, today, at, by } = command.data;
      requireRole(by, CONTRACT_DRAFTERS, 'Revising a client contract');
      requireStatus(existing(state, contractId), ['draft', 'returned'], 'Revising');
      const terms = termsOf(draft, today);
      if (state.signedRevision > 0) billingOf(state, terms);
      return [{ type: 'ClientContractRevised', data: { contractId, revision: state.currentRevision, terms, at, by } }];
    }
    case 'SubmitClientContract': {
      const { contractId, at, by } = command.data;
      requireRole(by, CONTRACT_DRAFTERS, 'Submitting a client contract for review');
      requireStatus(existing(state, contractId), ['draft', 'returned'], 'Submitting for review');
      return [{ type: 'ClientContractSubmitted', data: { contractId, revision: state.currentRevision, at, by } }];
    }
    case 'ApproveClientContract':
    case 'ReturnClientContract': {
      const { contractId, revision, at, by } = command.data;
      const what = command.type === 'ApproveClientContract' ? 'Approving a client contract' : 'Returning a client contract';
      requireRole(by, CONTRACT_REVIEWERS, what);
      requireStatus(existing(state, contractId), ['in-review'], what);
      const r = requireRevision(state, revision);
      if (r.draftedBy.userId === by.userId) throw forbidden('FOUR_EYES_VIOLATION', `${what} is for an account director who did not draft revision ${revision}`);
      if (command.type === 'ApproveClientContract') return [{ type: 'ClientContractApproved', data: { contractId, revision, at, by } }];
      const { reasons } = command.data;
      if (reasons.length === 0 || reasons.some(blank)) throw ruleViolated('REASONS_REQUIRED', 'A returned contract says why');
      return [{ type: 'ClientContractReturned', data: { contractId, revision, reasons, at, by } }];
    }
    case 'RecordClientSignature': {
      const { contractId, revision, signedOn, signatory, evidence, today, at, by } = command.data;
      requireRole(by, CONTRACT_DRAFTERS, 'Recording the client’s signature');
      requireStatus(existing(state, contractId), ['approved'], 'Recording a signature');
      const r = requireRevision(state, revision);
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The signature is recorded with the signed document');
      if (blank(signatory)) throw ruleViolated('SIGNATORY_REQUIRED', 'The signature names who signed for the client');
      if (signedOn > today) throw ruleViolated('SIGNED_IN_FUTURE', `The contract cannot be signed on ${signedOn}, after today (${today})`);
      if (signedOn < r.draftedAt.slice(0, 10))
        throw ruleViolated('SIGNED_BEFORE_DRAFT', `Revision ${revision} was drafted on ${r.draftedAt.slice(0, 10)}, after ${signedOn}`);
      const billing = billingOf(state, r.terms);
      return [{ type: 'ClientContractSigned', data: { contractId, revision, terms: r.terms, billing, signedOn, signatory, evidence, at, by } }];
    }
    case 'AmendClientContract': {
      const { contractId, draft, reason, today, at, by } = command.data;
      requireRole(by, CONTRACT_DRAFTERS, 'Amending a client contract');
      requireStatus(existing(state, contractId), ['signed'], 'Amending');
      requireReason(reason, 'An amendment');
      const terms = termsOf(draft, today);
      billingOf(state, terms);
      return [{ type: 'ClientContractAmendmentDrafted', data: { contractId, revision: state.currentRevision + 1, terms, reason, at, by } }];
    }
    case 'TerminateClientContract': {
      const { contractId, reason, effectiveOn, today, at, by } = command.data;
      requireRole(by, CONTRACT_TERMINATORS, 'Terminating a client contract');
      if (existing(state, contractId).status === 'terminated') throw ruleViolated('CONTRACT_TERMINATED', `Contract ${contractId} is already terminated`);
      requireReason(reason, 'A termination');
      if (effectiveOn < today) throw ruleViolated('EFFECTIVE_DATE_PAST', `A termination takes effect today (${today}) or later, not ${effectiveOn}`);
      return [{ type: 'ClientContractTerminated', data: { contractId, reason, effectiveOn, at, by } }];
    }
    case 'RecordMilestoneCollected': {
      const { contractId, receivableId, kind, amountFen, settledAt, at, by } = command.data;
      existing(state, contractId);
      if (state.collected.some((c) => c.receivableId === receivableId)) return [];
      return [{ type: 'ContractMilestoneCollected', data: { contractId, receivableId, kind, amountFen, settledAt, at, by } }];
    }
  }
}

export const clientContractDecider: Decider<ClientContractCommand, ClientContractEvent, ClientContractState> = {
  decide: decideClientContract,
  evolve: evolveClientContract,
  initialState: initialClientContractState,
};

/** Why the contract cannot move on, and who can release it. */
export function contractBlockers(state: ClientContractState): Blocker[] {
  switch (state.status) {
    case 'draft':
      return [blocker('submission', `Revision ${state.currentRevision} to be submitted for review`, CONTRACT_DRAFTERS)];
    case 'in-review':
      return [blocker('review', `Review of revision ${state.currentRevision} by an account director who did not draft it`, CONTRACT_REVIEWERS)];
    case 'returned':
      return [blocker('revision', `A revision answering: ${current(state).returnReasons.join('; ')}`, CONTRACT_DRAFTERS)];
    case 'approved':
      return [blocker('client-signature', `The client’s signature of revision ${state.currentRevision}, recorded with the signed document`, CONTRACT_DRAFTERS)];
    case 'none':
    case 'signed':
    case 'terminated':
      return [];
  }
}
