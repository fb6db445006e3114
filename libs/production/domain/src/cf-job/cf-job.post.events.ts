import type { Actor, DomainEvent, EvidenceRef } from '@ooh/eventing';

export type ReviewDecision = 'approve' | 'send-back';

/** A cut (剪辑版本): a file with its sha256, reviewed by the production director, then by the client. */
export interface Cut {
  cutNo: number;
  file: EvidenceRef;
  note: string;
  submittedAt: string;
  submittedBy: Actor;
  internal: { decision: ReviewDecision; notes: string; at: string; by: Actor } | null;
  client: { decision: ReviewDecision; notes: string; evidence: EvidenceRef[]; at: string; by: Actor } | null;
}

export interface ChangeOrder {
  changeId: string;
  scope: string;
  costDeltaFen: number;
  extraRounds: number;
  reason: string;
  clientEvidence: EvidenceRef[];
  requestedAt: string;
  requestedBy: Actor;
  approved: { at: string; by: Actor } | null;
}

/** A vendor's cost of the job requested from Finance (estimate vs actual). */
export interface VendorCost {
  costId: string;
  vendor: { vendorId: string; name: string };
  category: string;
  milestone: 'prepayment' | 'balance' | 'full';
  amountFen: number;
  requestedAt: string;
  requestedBy: Actor;
  paid: { payableId: string; reference: string; paidOn: string } | null;
}

interface Base {
  jobId: string;
  at: string;
  by: Actor;
}

export type PostProductionStarted = DomainEvent<'PostProductionStarted', Base & { startedOn: string }>;
export type CutSubmitted = DomainEvent<'CutSubmitted', Base & { cut: Cut }>;
export type CutReviewedInternally = DomainEvent<'CutReviewedInternally', Base & { cutNo: number; sha256: string; decision: ReviewDecision; notes: string }>;
/** The client's review of a cut (a review round); an approval requests the balance from Finance. */
export type CutReviewedByClient = DomainEvent<
  'CutReviewedByClient',
  Base & {
    cutNo: number;
    sha256: string;
    decision: ReviewDecision;
    notes: string;
    evidence: EvidenceRef[];
    round: number;
    balance: { amountFen: number; currency: string; client: { clientId: string; name: string }; title: string } | null;
  }
>;
export type ChangeOrderRequested = DomainEvent<'ChangeOrderRequested', Base & { change: ChangeOrder }>;
export type ChangeOrderApproved = DomainEvent<'ChangeOrderApproved', Base & { changeId: string; costDeltaFen: number; extraRounds: number }>;
export type BalanceSettled = DomainEvent<'BalanceSettled', Base & { receivableId: string; settledAt: string }>;
export type MasterDelivered = DomainEvent<'MasterDelivered', Base & { deliveredOn: string; cutNo: number; sha256: string; receipt: EvidenceRef[] }>;
export type CfJobClosed = DomainEvent<'CfJobClosed', Base>;
export type VendorCostRequested = DomainEvent<'VendorCostRequested', Base & { cost: VendorCost; currency: string }>;
export type VendorCostPaid = DomainEvent<'VendorCostPaid', Base & { costId: string; payableId: string; reference: string; paidOn: string }>;

export type PostProductionEvent =
  | PostProductionStarted
  | CutSubmitted
  | CutReviewedInternally
  | CutReviewedByClient
  | ChangeOrderRequested
  | ChangeOrderApproved
  | BalanceSettled
  | MasterDelivered
  | CfJobClosed
  | VendorCostRequested
  | VendorCostPaid;

export interface PostProductionState {
  postStartedOn: string | null;
  cuts: Cut[];
  /** Client reviews so far (each one a round). */
  roundsUsed: number;
  changeOrders: ChangeOrder[];
  balance: { receivableId: string; settledAt: string } | null;
  delivery: { deliveredOn: string; cutNo: number; sha256: string; receipt: EvidenceRef[]; at: string; by: Actor } | null;
  vendorCosts: VendorCost[];
}

export const initialPostProductionState = (): PostProductionState => ({
  postStartedOn: null,
  cuts: [],
  roundsUsed: 0,
  changeOrders: [],
  balance: null,
  delivery: null,
  vendorCosts: [],
});
