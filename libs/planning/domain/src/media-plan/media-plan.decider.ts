import { AppError, forbidden, notFound, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import type { ClientSnapshot } from '../shared';
import { computeLine, planTotals, requireLine, type PlanLineInput } from './media-plan.lines';
import {
  evolveMediaPlan,
  initialMediaPlanState,
  type AvailabilityCheck,
  type MediaPlanEvent,
  type MediaPlanState,
  type PlanVersion,
  type VersionStatus,
} from './media-plan.events';

/** The campaign a plan is for: its brief (current version) and what the client authorized. */
export interface PlanCampaign {
  briefId: string;
  exists: boolean;
  client: ClientSnapshot;
  campaign: string;
  currency: string;
  budgetFen: number;
  /** Sum of the client's authorizations for the campaign (null: none yet). */
  authorizedFen: number | null;
}

type By = { at: string; by: Actor };
export type CreateMediaPlan = Command<'CreateMediaPlan', { planId: string; campaign: PlanCampaign; name: string; lines: PlanLineInput[] } & By>;
export type SetDraftLines = Command<'SetDraftLines', { planId: string; version: number; lines: PlanLineInput[] } & By>;
export type DraftNewVersion = Command<'DraftNewVersion', { planId: string; fromVersion: number; resolves: string[] } & By>;
export type GrantBudgetOverride = Command<'GrantBudgetOverride', { planId: string; version: number; reason: string; campaign: PlanCampaign } & By>;
export type SubmitPlanVersion = Command<
  'SubmitPlanVersion',
  { planId: string; version: number; contentHash: string; campaign: PlanCampaign; availability: AvailabilityCheck } & By
>;
export type ReturnPlanVersion = Command<'ReturnPlanVersion', { planId: string; version: number; reasons: string[] } & By>;
export type ApprovePlanVersion = Command<'ApprovePlanVersion', { planId: string; version: number; contentHash: string } & By>;
export type RecordRehearsal = Command<'RecordRehearsal', { planId: string; version: number; feedback: Array<{ feedbackId: string; text: string }> } & By>;
export type PresentPlan = Command<'PresentPlan', { planId: string; version: number } & By>;
export type RecordClientDecision = Command<
  'RecordClientDecision',
  { planId: string; version: number; contentHash: string; outcome: 'approved' | 'rejected'; feedback: string[]; evidence: EvidenceRef[] } & By
>;

export type MediaPlanCommand =
  | CreateMediaPlan
  | SetDraftLines
  | DraftNewVersion
  | GrantBudgetOverride
  | SubmitPlanVersion
  | ReturnPlanVersion
  | ApprovePlanVersion
  | RecordRehearsal
  | PresentPlan
  | RecordClientDecision;

/** Who approves or returns a submitted version internally (never one who wrote in it). */
export const INTERNAL_APPROVERS = ['account-director', 'media-director'];
/** Who may let a version over budget be submitted, with a reason. */
export const BUDGET_OVERRIDERS = ['account-director'];

const blank = (text: string) => text.trim() === '';

function requireLines(lines: PlanLineInput[]): ReturnType<typeof computeLine>[] {
  const ids = new Set<string>();
  for (const line of lines) {
    if (ids.has(line.lineId)) throw ruleViolated('DUPLICATE_LINE', `Line ${line.lineId} appears twice`);
    ids.add(line.lineId);
    requireLine(line);
  }
  return lines.map(computeLine);
}

function versionOf(state: MediaPlanState, planId: string, version: number): PlanVersion {
  if (state.status === 'none') throw notFound('PLAN_NOT_FOUND', `No media plan ${planId}`);
  const found = state.versions.find((v) => v.version === version);
  if (!found) throw notFound('VERSION_NOT_FOUND', `Media plan ${planId} has no version ${version}`);
  return found;
}

function requireStatus(v: PlanVersion, allowed: VersionStatus[], what: string): void {
  if (!allowed.includes(v.status)) {
    throw ruleViolated('VERSION_NOT_READY', `${what} needs version ${v.version} to be ${allowed.join(' or ')}; it is ${v.status}`, { versionStatus: v.status });
  }
}

/** The latest version only: acting on an older one after a change is acting on stale content. */
function requireCurrent(state: MediaPlanState, v: PlanVersion): void {
  if (v.version !== state.currentVersion) {
    throw new AppError('conflict', 'VERSION_SUPERSEDED', `Version ${v.version} was superseded by version ${state.currentVersion}: act on the current one`, [], {
      currentVersion: state.currentVersion,
    });
  }
}

function requireHash(v: PlanVersion, contentHash: string, what: string): void {
  if (v.contentHash !== contentHash) {
    throw new AppError(
      'conflict',
      'STALE_APPROVAL',
      `${what} is bound to the content it approves: version ${v.version} has content ${v.contentHash}, not ${contentHash}`,
      [],
      {
        contentHash: v.contentHash,
      },
    );
  }
}

function requireSecondPair(v: PlanVersion, by: Actor, what: string): void {
  if (!INTERNAL_APPROVERS.includes(by.role)) throw forbidden('ROLE_NOT_ALLOWED', `${what} is for ${INTERNAL_APPROVERS.join(' or ')}, not ${by.role}`);
  if (v.contributors.includes(by.userId)) throw forbidden('FOUR_EYES_VIOLATION', `${what} must be done by someone who did not write version ${v.version}`);
}

function budgetCheck(netFen: number, campaign: PlanCampaign) {
  const over = netFen > campaign.budgetFen || (campaign.authorizedFen !== null && netFen > campaign.authorizedFen);
  return { briefBudgetFen: campaign.budgetFen, authorizedFen: campaign.authorizedFen, netFen, over };
}

/**
 * Media plans with versions that are never overwritten or lost: a draft is edited, submitted (frozen,
 * its content hashed, held against the budgets and the operator's availability), approved or returned
 * internally by a second pair of eyes, rehearsed, presented, and approved or rejected by the client.
 * Every approval is bound to the version's content hash.
 */
export function decideMediaPlan(command: MediaPlanCommand, state: MediaPlanState): MediaPlanEvent[] {
  switch (command.type) {
    case 'CreateMediaPlan': {
      const { planId, campaign, name, lines, at, by } = command.data;
      if (state.status !== 'none') throw new AppError('conflict', 'PLAN_ALREADY_EXISTS', `Media plan ${planId} already exists`);
      if (!campaign.exists) throw notFound('BRIEF_NOT_FOUND', `No brief ${campaign.briefId}`);
      if (campaign.client.status === 'archived') throw ruleViolated('CLIENT_ARCHIVED', `Client ${campaign.client.clientId} is archived`);
      if (blank(name)) throw ruleViolated('NAME_REQUIRED', 'A media plan has a name');
      const computed = requireLines(lines);
      const { client } = campaign;
      return [
        {
          type: 'MediaPlanCreated',
          data: {
            planId,
            briefId: campaign.briefId,
            clientId: client.clientId,
            clientName: client.name,
            campaign: campaign.campaign,
            name,
            currency: campaign.currency,
            at,
            by,
          },
        },
        { type: 'PlanVersionDrafted', data: { planId, version: 1, parent: null, lines: computed, totals: planTotals(computed), resolves: [], at, by } },
      ];
    }
    case 'SetDraftLines': {
      const { planId, version, lines, at, by } = command.data;
      const v = versionOf(state, planId, version);
      if (v.status !== 'draft')
        throw ruleViolated('VERSION_FROZEN', `Version ${version} is ${v.status}: a submitted version never changes; draft a new version`);
      const computed = requireLines(lines);
      return [{ type: 'DraftLinesSet', data: { planId, version, lines: computed, totals: planTotals(computed), at, by } }];
    }
    case 'DraftNewVersion': {
      const { planId, fromVersion, resolves, at, by } = command.data;
      const parent = versionOf(state, planId, fromVersion);
      const draft = state.versions.find((v) => v.status === 'draft');
      if (draft)
        throw new AppError('conflict', 'DRAFT_EXISTS', `Version ${draft.version} is still a draft: edit it rather than start another`, [], {
          draftVersion: draft.version,
        });
      if (parent.status === 'submitted')
        throw ruleViolated('VERSION_UNDER_REVIEW', `Version ${fromVersion} waits for its internal review: it is approved or returned first`);
      for (const id of resolves) {
        const item = state.feedback.find((f) => f.feedbackId === id);
        if (!item) throw notFound('FEEDBACK_NOT_FOUND', `No feedback item ${id}`);
        if (item.resolvedByVersion !== null) throw ruleViolated('FEEDBACK_RESOLVED', `Feedback ${id} was resolved by version ${item.resolvedByVersion}`);
      }
      const version = state.versions.length + 1;
      return [{ type: 'PlanVersionDrafted', data: { planId, version, parent: fromVersion, lines: parent.lines, totals: parent.totals, resolves, at, by } }];
    }
    case 'GrantBudgetOverride': {
      const { planId, version, reason, campaign, at, by } = command.data;
      const v = versionOf(state, planId, version);
      if (!BUDGET_OVERRIDERS.includes(by.role))
        throw forbidden('ROLE_NOT_ALLOWED', `Only an ${BUDGET_OVERRIDERS.join(' or ')} lets a plan over budget be submitted`);
      if (v.contributors.includes(by.userId)) throw forbidden('FOUR_EYES_VIOLATION', `The override is given by someone who did not write version ${version}`);
      if (v.status !== 'draft') throw ruleViolated('VERSION_FROZEN', `Version ${version} is ${v.status}`);
      if (blank(reason)) throw ruleViolated('REASON_REQUIRED', 'An override says why the plan may exceed its budget');
      if (!budgetCheck(v.totals.netFen, campaign).over) throw ruleViolated('NOT_OVER_BUDGET', `Version ${version} is within its budget: nothing to override`);
      return [{ type: 'BudgetOverrideGranted', data: { planId, version, reason, coversNetFen: v.totals.netFen, at, by } }];
    }
    case 'SubmitPlanVersion': {
      const { planId, version, contentHash, campaign, availability, at, by } = command.data;
      const v = versionOf(state, planId, version);
      requireStatus(v, ['draft'], 'Submitting');
      if (v.lines.length === 0) throw ruleViolated('LINES_REQUIRED', 'A plan is submitted with at least one line');
      if (blank(contentHash)) throw ruleViolated('CONTENT_HASH_REQUIRED', 'A submitted version is frozen under its content hash');
      const check = budgetCheck(v.totals.netFen, campaign);
      if (check.over && !(v.override && v.override.coversNetFen >= v.totals.netFen)) {
        const limit = Math.min(campaign.budgetFen, campaign.authorizedFen ?? Number.MAX_SAFE_INTEGER);
        throw ruleViolated(
          'OVER_BUDGET',
          `Net ${v.totals.netFen} fen exceeds the campaign budget of ${limit} fen: an account director's override (with a reason) lets it through`,
          {
            budgetCheck: check,
            blockedBy: [
              {
                gate: 'budget-override',
                waitingFor: 'An override of the budget, with a reason',
                releasedBy: 'account-director',
                releasedByRoles: BUDGET_OVERRIDERS,
              },
            ],
          },
        );
      }
      return [{ type: 'PlanVersionSubmitted', data: { planId, version, contentHash, totals: v.totals, budgetCheck: check, availability, at, by } }];
    }
    case 'ReturnPlanVersion': {
      const { planId, version, reasons, at, by } = command.data;
      const v = versionOf(state, planId, version);
      requireStatus(v, ['submitted'], 'Returning');
      requireSecondPair(v, by, 'Returning a version');
      if (reasons.length === 0 || reasons.some(blank)) throw ruleViolated('REASONS_REQUIRED', 'A returned version says why');
      return [{ type: 'PlanVersionReturned', data: { planId, version, reasons, at, by } }];
    }
    case 'ApprovePlanVersion': {
      const { planId, version, contentHash, at, by } = command.data;
      const v = versionOf(state, planId, version);
      requireCurrent(state, v);
      requireStatus(v, ['submitted'], 'Approving internally');
      requireSecondPair(v, by, 'Approving a version');
      requireHash(v, contentHash, 'An approval');
      return [{ type: 'PlanVersionApprovedInternally', data: { planId, version, contentHash, at, by } }];
    }
    case 'RecordRehearsal': {
      const { planId, version, feedback, at, by } = command.data;
      const v = versionOf(state, planId, version);
      requireCurrent(state, v);
      requireStatus(v, ['approved-internally'], 'A rehearsal (策略提案预演)');
      if (feedback.some((f) => blank(f.text))) throw ruleViolated('FEEDBACK_TEXT_REQUIRED', 'Every feedback item says what to change');
      return [{ type: 'RehearsalRecorded', data: { planId, version, feedback, at, by } }];
    }
    case 'PresentPlan': {
      const { planId, version, at, by } = command.data;
      const v = versionOf(state, planId, version);
      requireCurrent(state, v);
      requireStatus(v, ['rehearsed', 'approved-internally'], 'Presenting to the client');
      if (!state.versions.some((x) => x.rehearsal !== null))
        throw ruleViolated('NOT_REHEARSED', 'A plan is rehearsed internally before it is presented to the client');
      const open = state.feedback.filter((f) => f.resolvedByVersion === null);
      if (open.length > 0) {
        throw ruleViolated(
          'FEEDBACK_OPEN',
          `${open.length} rehearsal feedback item(s) are not resolved by a version yet: ${open.map((f) => f.feedbackId).join(', ')}`,
          {
            openFeedback: open.map((f) => f.feedbackId),
          },
        );
      }
      return [{ type: 'PlanPresented', data: { planId, version, at, by } }];
    }
    case 'RecordClientDecision': {
      const { planId, version, contentHash, outcome, feedback, evidence, at, by } = command.data;
      const v = versionOf(state, planId, version);
      requireCurrent(state, v);
      requireStatus(v, ['presented'], 'Recording the client’s decision');
      requireHash(v, contentHash, 'The client’s decision');
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The client’s decision is recorded with its evidence (signed plan, e-mail, minutes)');
      if (outcome === 'rejected') {
        if (feedback.length === 0 || feedback.some(blank)) throw ruleViolated('FEEDBACK_REQUIRED', 'A rejection records the client’s feedback');
        return [{ type: 'PlanRejectedByClient', data: { planId, clientId: state.clientId, version, contentHash, feedback, evidence, at, by } }];
      }
      const { briefId, clientId, campaign, currency } = state;
      return [
        {
          type: 'PlanApprovedByClient',
          data: { planId, briefId, clientId, campaign, currency, version, contentHash, lines: v.lines, totals: v.totals, evidence, at, by },
        },
      ];
    }
  }
}

export const mediaPlanDecider: Decider<MediaPlanCommand, MediaPlanEvent, MediaPlanState> = {
  decide: decideMediaPlan,
  evolve: evolveMediaPlan,
  initialState: initialMediaPlanState,
};

export interface PlanBlocker {
  gate: string;
  waitingFor: string;
  releasedBy: string;
  releasedByRoles: string[];
  onBehalfOf?: string;
}

const blocker = (gate: string, waitingFor: string, roles: string[], onBehalfOf?: string): PlanBlocker => ({
  gate,
  waitingFor,
  releasedBy: roles[0],
  releasedByRoles: roles,
  ...(onBehalfOf ? { onBehalfOf } : {}),
});

/** Why the plan cannot move on, and who can release it: always role names. */
export function planBlockers(state: MediaPlanState): PlanBlocker[] {
  const v = state.versions.find((x) => x.version === state.currentVersion);
  if (!v) return [];
  const open = state.feedback.filter((f) => f.resolvedByVersion === null);
  switch (v.status) {
    case 'draft':
      return [blocker('submission', `Version ${v.version} to be completed and submitted`, ['media-manager'])];
    case 'submitted':
      return [blocker('internal-approval', `Version ${v.version} to be approved or returned by a director who did not write it`, INTERNAL_APPROVERS)];
    case 'returned':
      return [blocker('revision', `A new version answering: ${v.returned?.reasons.join('; ')}`, ['media-manager'])];
    case 'approved-internally':
      return [blocker('rehearsal', 'The internal rehearsal (策略提案预演)', ['account-manager', 'media-manager'])];
    case 'rehearsed':
      return open.length > 0
        ? [blocker('feedback', `A new version resolving ${open.length} rehearsal feedback item(s)`, ['media-manager'])]
        : [blocker('presentation', 'The presentation to the client', ['account-manager'])];
    case 'presented':
      return [blocker('client-decision', 'The client’s decision, recorded with evidence', ['account-manager'], state.clientName)];
    case 'client-rejected':
      return [blocker('revision', 'A new version answering the client’s feedback', ['media-manager'])];
    case 'client-approved':
      return [];
  }
}
