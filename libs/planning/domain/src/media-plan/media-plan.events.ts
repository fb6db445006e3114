import { streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';
import type { PlanLine, PlanTotals } from './media-plan.lines';

/** One stream per media plan (媒介策略, 排期表及预算) with all its versions: `planning.media_plan-<id>`. */
export const mediaPlanStream = (planId: string): string => streamName('planning', 'media_plan', planId);

export type VersionStatus = 'draft' | 'submitted' | 'returned' | 'approved-internally' | 'rehearsed' | 'presented' | 'client-approved' | 'client-rejected';

/** The budgets a version is held against when it is submitted. */
export interface BudgetCheck {
  briefBudgetFen: number;
  /** What the client authorized for the campaign (null: nothing authorized yet). */
  authorizedFen: number | null;
  netFen: number;
  over: boolean;
}

/** Operator faces an OOH line asks for, and the bookings that already hold them on those days. */
export interface AvailabilityCheck {
  checkedAt: string;
  /** `unavailable`: the operator's availability could not be read; the version was submitted without it. */
  result: 'free' | 'clashing' | 'no-ooh-lines';
  clashes: Array<{ lineId: string; siteId: string; face: string; start: string; end: string; bookingId: string; holdStart: string; holdEnd: string }>;
}

export interface PlanVersion {
  version: number;
  parent: number | null;
  author: Actor;
  /** Everyone who wrote in it: none of them may approve it. */
  contributors: string[];
  status: VersionStatus;
  lines: PlanLine[];
  totals: PlanTotals;
  createdAt: string;
  contentHash: string | null;
  submittedAt: string | null;
  submittedBy: Actor | null;
  budgetCheck: BudgetCheck | null;
  override: { reason: string; coversNetFen: number; at: string; by: Actor } | null;
  availability: AvailabilityCheck | null;
  returned: { reasons: string[]; at: string; by: Actor } | null;
  internalApproval: { contentHash: string; at: string; by: Actor } | null;
  rehearsal: { at: string; by: Actor } | null;
  presented: { at: string; by: Actor } | null;
  clientDecision: { outcome: 'approved' | 'rejected'; contentHash: string; feedback: string[]; evidence: EvidenceRef[]; at: string; by: Actor } | null;
  /** Feedback items of earlier versions this one resolves. */
  resolves: string[];
}

export interface FeedbackItem {
  feedbackId: string;
  version: number;
  source: 'rehearsal';
  text: string;
  resolvedByVersion: number | null;
}

export type MediaPlanCreated = DomainEvent<
  'MediaPlanCreated',
  { planId: string; briefId: string; clientId: string; clientName: string; campaign: string; name: string; currency: string; at: string; by: Actor }
>;
export type PlanVersionDrafted = DomainEvent<
  'PlanVersionDrafted',
  { planId: string; version: number; parent: number | null; lines: PlanLine[]; totals: PlanTotals; resolves: string[]; at: string; by: Actor }
>;
export type DraftLinesSet = DomainEvent<'DraftLinesSet', { planId: string; version: number; lines: PlanLine[]; totals: PlanTotals; at: string; by: Actor }>;
export type BudgetOverrideGranted = DomainEvent<
  'BudgetOverrideGranted',
  { planId: string; version: number; reason: string; coversNetFen: number; at: string; by: Actor }
>;
export type PlanVersionSubmitted = DomainEvent<
  'PlanVersionSubmitted',
  { planId: string; version: number; contentHash: string; totals: PlanTotals; budgetCheck: BudgetCheck; availability: AvailabilityCheck; at: string; by: Actor }
>;
export type PlanVersionReturned = DomainEvent<'PlanVersionReturned', { planId: string; version: number; reasons: string[]; at: string; by: Actor }>;
export type PlanVersionApprovedInternally = DomainEvent<
  'PlanVersionApprovedInternally',
  { planId: string; version: number; contentHash: string; at: string; by: Actor }
>;
export type RehearsalRecorded = DomainEvent<
  'RehearsalRecorded',
  { planId: string; version: number; feedback: Array<{ feedbackId: string; text: string }>; at: string; by: Actor }
>;
export type PlanPresented = DomainEvent<'PlanPresented', { planId: string; version: number; at: string; by: Actor }>;
export type PlanApprovedByClient = DomainEvent<
  'PlanApprovedByClient',
  {
    planId: string;
    briefId: string;
    clientId: string;
    campaign: string;
    currency: string;
    version: number;
    contentHash: string;
    lines: PlanLine[];
    totals: PlanTotals;
    evidence: EvidenceRef[];
    at: string;
    by: Actor;
  }
>;
export type PlanRejectedByClient = DomainEvent<
  'PlanRejectedByClient',
  { planId: string; clientId: string; version: number; contentHash: string; feedback: string[]; evidence: EvidenceRef[]; at: string; by: Actor }
>;

export type MediaPlanEvent =
  | MediaPlanCreated
  | PlanVersionDrafted
  | DraftLinesSet
  | BudgetOverrideGranted
  | PlanVersionSubmitted
  | PlanVersionReturned
  | PlanVersionApprovedInternally
  | RehearsalRecorded
  | PlanPresented
  | PlanApprovedByClient
  | PlanRejectedByClient;

export interface MediaPlanState {
  status: 'none' | VersionStatus;
  planId: string;
  briefId: string;
  clientId: string;
  clientName: string;
  campaign: string;
  name: string;
  currency: string;
  createdAt: string | null;
  createdBy: Actor | null;
  /** The latest version's number (the one the plan's status is of). */
  currentVersion: number;
  /** The version the client approved last, if any: frozen for good. */
  approvedVersion: number | null;
  versions: PlanVersion[];
  feedback: FeedbackItem[];
}

export const initialMediaPlanState = (): MediaPlanState => ({
  status: 'none',
  planId: '',
  briefId: '',
  clientId: '',
  clientName: '',
  campaign: '',
  name: '',
  currency: '',
  createdAt: null,
  createdBy: null,
  currentVersion: 0,
  approvedVersion: null,
  versions: [],
  feedback: [],
});

const withVersion = (state: MediaPlanState, version: number, change: (v: PlanVersion) => PlanVersion): MediaPlanState => {
  const versions = state.versions.map((v) => (v.version === version ? change(v) : v));
  const current = versions.find((v) => v.version === state.currentVersion);
  return { ...state, versions, status: current?.status ?? state.status };
};

const contributing = (v: PlanVersion, by: Actor) => (v.contributors.includes(by.userId) ? v.contributors : [...v.contributors, by.userId]);

export function evolveMediaPlan(state: MediaPlanState, event: MediaPlanEvent): MediaPlanState {
  switch (event.type) {
    case 'MediaPlanCreated': {
      const { planId, briefId, clientId, clientName, campaign, name, currency, at, by } = event.data;
      return { ...initialMediaPlanState(), status: 'draft', planId, briefId, clientId, clientName, campaign, name, currency, createdAt: at, createdBy: by };
    }
    case 'PlanVersionDrafted': {
      const { version, parent, lines, totals, resolves, at, by } = event.data;
      const drafted: PlanVersion = {
        version,
        parent,
        author: by,
        contributors: [by.userId],
        status: 'draft',
        lines,
        totals,
        createdAt: at,
        contentHash: null,
        submittedAt: null,
        submittedBy: null,
        budgetCheck: null,
        override: null,
        availability: null,
        returned: null,
        internalApproval: null,
        rehearsal: null,
        presented: null,
        clientDecision: null,
        resolves,
      };
      const feedback = state.feedback.map((f) => (resolves.includes(f.feedbackId) ? { ...f, resolvedByVersion: version } : f));
      return { ...state, status: 'draft', currentVersion: version, versions: [...state.versions, drafted], feedback };
    }
    case 'DraftLinesSet': {
      const { version, lines, totals, by } = event.data;
      return withVersion(state, version, (v) => ({ ...v, lines, totals, contributors: contributing(v, by) }));
    }
    case 'BudgetOverrideGranted': {
      const { version, reason, coversNetFen, at, by } = event.data;
      return withVersion(state, version, (v) => ({ ...v, override: { reason, coversNetFen, at, by } }));
    }
    case 'PlanVersionSubmitted': {
      const { version, contentHash, totals, budgetCheck, availability, at, by } = event.data;
      return withVersion(state, version, (v) => ({
        ...v,
        status: 'submitted',
        contentHash,
        totals,
        budgetCheck,
        availability,
        submittedAt: at,
        submittedBy: by,
      }));
    }
    case 'PlanVersionReturned': {
      const { version, reasons, at, by } = event.data;
      return withVersion(state, version, (v) => ({ ...v, status: 'returned', returned: { reasons, at, by } }));
    }
    case 'PlanVersionApprovedInternally': {
      const { version, contentHash, at, by } = event.data;
      return withVersion(state, version, (v) => ({ ...v, status: 'approved-internally', internalApproval: { contentHash, at, by } }));
    }
    case 'RehearsalRecorded': {
      const { version, feedback, at, by } = event.data;
      const items: FeedbackItem[] = feedback.map((f) => ({ ...f, version, source: 'rehearsal', resolvedByVersion: null }));
      return { ...withVersion(state, version, (v) => ({ ...v, status: 'rehearsed', rehearsal: { at, by } })), feedback: [...state.feedback, ...items] };
    }
    case 'PlanPresented': {
      const { version, at, by } = event.data;
      return withVersion(state, version, (v) => ({ ...v, status: 'presented', presented: { at, by } }));
    }
    case 'PlanApprovedByClient': {
      const { version, contentHash, evidence, at, by } = event.data;
      const approved = withVersion(state, version, (v) => ({
        ...v,
        status: 'client-approved',
        clientDecision: { outcome: 'approved', contentHash, feedback: [], evidence, at, by },
      }));
      return { ...approved, approvedVersion: version };
    }
    case 'PlanRejectedByClient': {
      const { version, contentHash, feedback, evidence, at, by } = event.data;
      return withVersion(state, version, (v) => ({
        ...v,
        status: 'client-rejected',
        clientDecision: { outcome: 'rejected', contentHash, feedback, evidence, at, by },
      }));
    }
  }
}
