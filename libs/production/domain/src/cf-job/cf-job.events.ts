import { streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';
import type { CostLine, VendorRef } from '../shared';
import { initialPostProductionState, type PostProductionEvent, type PostProductionState } from './cf-job.post.events';

/** One stream per TV-commercial job: `production.cf_job-<id>`. */
export const cfJobStream = (jobId: string): string => streamName('production', 'cf_job', jobId);

export const CF_STAGES = ['briefing', 'pre-production', 'ppm', 'shooting', 'post-production', 'delivery'] as const;
export type CfStage = (typeof CF_STAGES)[number];

/** The PPM checklist (三方PPM): each item is confirmed with the client before shooting. */
export const PPM_ITEMS = ['casting', 'wardrobe', 'locations', 'props', 'product', 'schedule', 'deliverables'] as const;
export type PpmItem = (typeof PPM_ITEMS)[number];

export type CfStatus =
  | 'none'
  | 'planning'
  | 'awaiting-prepayment'
  | 'preparation'
  | 'ready-to-shoot'
  | 'shooting'
  | 'post-production'
  | 'client-approved'
  | 'delivered'
  | 'closed'
  | 'on-hold'
  | 'cancelled';

export interface Estimate {
  version: number;
  lines: CostLine[];
  totalFen: number;
  note: string;
  draftedAt: string;
  draftedBy: Actor;
  approved: { at: string; by: Actor } | null;
}

export interface ProductionContract {
  signedOn: string;
  signatory: string;
  valueFen: number;
  prepaymentFen: number;
  balanceFen: number;
  currency: string;
  includedReviewRounds: number;
  evidence: EvidenceRef[];
}

interface Base {
  jobId: string;
  at: string;
  by: Actor;
}

export type CfTicketIssued = DomainEvent<
  'CfTicketIssued',
  Base & {
    client: { clientId: string; name: string };
    campaign: string;
    /** The campaign brief it is for (absent on tickets issued before jobs named one). */
    briefId?: string | null;
    title: string;
    deliverables: string[];
    script: EvidenceRef[];
  }
>;
export type DirectorInputRecorded = DomainEvent<'DirectorInputRecorded', Base & { director: string; notes: string; evidence: EvidenceRef[] }>;
export type EstimateDrafted = DomainEvent<'EstimateDrafted', Base & { estimate: Estimate }>;
export type EstimateApproved = DomainEvent<'EstimateApproved', Base & { version: number; totalFen: number }>;
export type ProductionHouseChosen = DomainEvent<'ProductionHouseChosen', Base & { requestId: string; bidId: string; vendor: VendorRef; totalFen: number }>;
export type QuoteRecorded = DomainEvent<'QuoteRecorded', Base & { amountFen: number; currency: string; note: string }>;
export type ScheduleSet = DomainEvent<'ScheduleSet', Base & { schedule: Array<{ stage: CfStage; dueDate: string }> }>;
export type CrewAndPriceConfirmed = DomainEvent<'CrewAndPriceConfirmed', Base & { quoteFen: number; evidence: EvidenceRef[] }>;
/** The client signed the production contract: the prepayment is requested from Finance. */
export type ProductionContractSigned = DomainEvent<
  'ProductionContractSigned',
  Base & { client: { clientId: string; name: string }; contract: ProductionContract }
>;
export type PrepaymentSettled = DomainEvent<'PrepaymentSettled', Base & { receivableId: string; settledAt: string }>;
export type CreativeBriefingHeld = DomainEvent<'CreativeBriefingHeld', Base & { heldOn: string; attendees: string[]; notes: string; evidence: EvidenceRef[] }>;
export type PreparationUpdated = DomainEvent<'PreparationUpdated', Base & { item: string; done: boolean; note: string }>;
export type PreProductionMeetingHeld = DomainEvent<'PreProductionMeetingHeld', Base & { heldOn: string; attendees: string[]; notes: string }>;
export type PpmSignedOff = DomainEvent<
  'PpmSignedOff',
  Base & {
    heldOn: string;
    agenda: string[];
    attendees: { agency: string[]; client: string[]; production: string[] };
    checklist: Record<PpmItem, string>;
    evidence: EvidenceRef[];
  }
>;
export type ShootingStarted = DomainEvent<'ShootingStarted', Base & { startedOn: string }>;
export type CfJobHeld = DomainEvent<'CfJobHeld', Base & { reason: string; previous: CfStatus }>;
export type CfJobResumed = DomainEvent<'CfJobResumed', Base & { status: CfStatus }>;
export type CfJobCancelled = DomainEvent<'CfJobCancelled', Base & { reason: string }>;

export type CfJobEvent =
  | CfTicketIssued
  | DirectorInputRecorded
  | EstimateDrafted
  | EstimateApproved
  | ProductionHouseChosen
  | QuoteRecorded
  | ScheduleSet
  | CrewAndPriceConfirmed
  | ProductionContractSigned
  | PrepaymentSettled
  | CreativeBriefingHeld
  | PreparationUpdated
  | PreProductionMeetingHeld
  | PpmSignedOff
  | ShootingStarted
  | CfJobHeld
  | CfJobResumed
  | CfJobCancelled
  | PostProductionEvent;

export interface CfJobState extends PostProductionState {
  status: CfStatus;
  jobId: string;
  client: { clientId: string; name: string } | null;
  campaign: string;
  briefId: string | null;
  title: string;
  deliverables: string[];
  script: EvidenceRef[];
  issuedAt: string | null;
  issuedBy: Actor | null;
  director: { director: string; notes: string; evidence: EvidenceRef[]; at: string; by: Actor } | null;
  estimates: Estimate[];
  approvedEstimate: number | null;
  productionHouse: { requestId: string; bidId: string; vendor: VendorRef; totalFen: number } | null;
  quote: { amountFen: number; currency: string; note: string; at: string; by: Actor } | null;
  schedule: Array<{ stage: CfStage; dueDate: string }>;
  clientConfirmation: { quoteFen: number; evidence: EvidenceRef[]; at: string; by: Actor } | null;
  contract: ProductionContract | null;
  prepayment: { receivableId: string; settledAt: string } | null;
  briefing: { heldOn: string; attendees: string[]; notes: string; evidence: EvidenceRef[] } | null;
  preparation: Record<string, { done: boolean; note: string; at: string; by: Actor }>;
  preProductionMeeting: { heldOn: string; attendees: string[]; notes: string } | null;
  ppm: {
    heldOn: string;
    agenda: string[];
    attendees: { agency: string[]; client: string[]; production: string[] };
    checklist: Record<string, string>;
    evidence: EvidenceRef[];
    at: string;
    by: Actor;
  } | null;
  shootingStartedOn: string | null;
  hold: { reason: string; previous: CfStatus; at: string; by: Actor } | null;
  cancellation: { reason: string; at: string; by: Actor } | null;
}

export const initialCfJobState = (): CfJobState => ({
  status: 'none',
  jobId: '',
  client: null,
  campaign: '',
  briefId: null,
  title: '',
  deliverables: [],
  script: [],
  issuedAt: null,
  issuedBy: null,
  director: null,
  estimates: [],
  approvedEstimate: null,
  productionHouse: null,
  quote: null,
  schedule: [],
  clientConfirmation: null,
  contract: null,
  prepayment: null,
  briefing: null,
  preparation: {},
  preProductionMeeting: null,
  ppm: null,
  shootingStartedOn: null,
  hold: null,
  cancellation: null,
  ...initialPostProductionState(),
});

export function evolveCfJob(state: CfJobState, event: CfJobEvent): CfJobState {
  const { at, by } = event.data;
  switch (event.type) {
    case 'CfTicketIssued': {
      const { jobId, client, campaign, title, deliverables, script } = event.data;
      const briefId = event.data.briefId ?? null;
      return { ...initialCfJobState(), status: 'planning', jobId, client, campaign, briefId, title, deliverables, script, issuedAt: at, issuedBy: by };
    }
    case 'DirectorInputRecorded': {
      const { director, notes, evidence } = event.data;
      return { ...state, director: { director, notes, evidence, at, by } };
    }
    case 'EstimateDrafted':
      return { ...state, estimates: [...state.estimates, event.data.estimate] };
    case 'EstimateApproved':
      return {
        ...state,
        approvedEstimate: event.data.version,
        estimates: state.estimates.map((e) => (e.version === event.data.version ? { ...e, approved: { at, by } } : e)),
      };
    case 'ProductionHouseChosen': {
      const { requestId, bidId, vendor, totalFen } = event.data;
      return { ...state, productionHouse: { requestId, bidId, vendor, totalFen } };
    }
    case 'QuoteRecorded': {
      const { amountFen, currency, note } = event.data;
      return { ...state, quote: { amountFen, currency, note, at, by }, clientConfirmation: null };
    }
    case 'ScheduleSet':
      return { ...state, schedule: event.data.schedule };
    case 'CrewAndPriceConfirmed':
      return { ...state, clientConfirmation: { quoteFen: event.data.quoteFen, evidence: event.data.evidence, at, by } };
    case 'ProductionContractSigned':
      return { ...state, status: 'awaiting-prepayment', contract: event.data.contract };
    case 'PrepaymentSettled':
      return {
        ...state,
        status: state.status === 'awaiting-prepayment' ? 'preparation' : state.status,
        prepayment: { receivableId: event.data.receivableId, settledAt: event.data.settledAt },
      };
    case 'CreativeBriefingHeld': {
      const { heldOn, attendees, notes, evidence } = event.data;
      return { ...state, briefing: { heldOn, attendees, notes, evidence } };
    }
    case 'PreparationUpdated': {
      const { item, done, note } = event.data;
      return { ...state, preparation: { ...state.preparation, [item]: { done, note, at, by } } };
    }
    case 'PreProductionMeetingHeld': {
      const { heldOn, attendees, notes } = event.data;
      return { ...state, preProductionMeeting: { heldOn, attendees, notes } };
    }
    case 'PpmSignedOff': {
      const { heldOn, agenda, attendees, checklist, evidence } = event.data;
      return { ...state, status: 'ready-to-shoot', ppm: { heldOn, agenda, attendees, checklist, evidence, at, by } };
    }
    case 'ShootingStarted':
      return { ...state, status: 'shooting', shootingStartedOn: event.data.startedOn };
    case 'CfJobHeld':
      return { ...state, status: 'on-hold', hold: { reason: event.data.reason, previous: event.data.previous, at, by } };
    case 'CfJobResumed':
      return { ...state, status: event.data.status, hold: null };
    case 'CfJobCancelled':
      return { ...state, status: 'cancelled', cancellation: { reason: event.data.reason, at, by } };
    case 'PostProductionStarted':
      return { ...state, status: 'post-production', postStartedOn: event.data.startedOn };
    case 'CutSubmitted':
      return { ...state, status: 'post-production', cuts: [...state.cuts, event.data.cut] };
    case 'CutReviewedInternally': {
      const { cutNo, decision, notes } = event.data;
      return { ...state, cuts: state.cuts.map((c) => (c.cutNo === cutNo ? { ...c, internal: { decision, notes, at, by } } : c)) };
    }
    case 'CutReviewedByClient': {
      const { cutNo, decision, notes, evidence, round } = event.data;
      return {
        ...state,
        status: decision === 'approve' ? 'client-approved' : state.status,
        roundsUsed: round,
        cuts: state.cuts.map((c) => (c.cutNo === cutNo ? { ...c, client: { decision, notes, evidence, at, by } } : c)),
      };
    }
    case 'ChangeOrderRequested':
      return { ...state, changeOrders: [...state.changeOrders, event.data.change] };
    case 'ChangeOrderApproved':
      return { ...state, changeOrders: state.changeOrders.map((c) => (c.changeId === event.data.changeId ? { ...c, approved: { at, by } } : c)) };
    case 'BalanceSettled':
      return { ...state, balance: { receivableId: event.data.receivableId, settledAt: event.data.settledAt } };
    case 'MasterDelivered': {
      const { deliveredOn, cutNo, sha256, receipt } = event.data;
      return { ...state, status: 'delivered', delivery: { deliveredOn, cutNo, sha256, receipt, at, by } };
    }
    case 'CfJobClosed':
      return { ...state, status: 'closed' };
    case 'VendorCostRequested':
      return { ...state, vendorCosts: [...state.vendorCosts, event.data.cost] };
    case 'VendorCostPaid': {
      const { costId, payableId, reference, paidOn } = event.data;
      return { ...state, vendorCosts: state.vendorCosts.map((c) => (c.costId === costId ? { ...c, paid: { payableId, reference, paidOn } } : c)) };
    }
  }
}
