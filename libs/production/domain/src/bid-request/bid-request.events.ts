import { streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';
import type { CostLine, VendorRef } from '../shared';

/** One stream per request for quotes: `production.bid_request-<id>`. */
export const bidRequestStream = (requestId: string): string => streamName('production', 'bid_request', requestId);

export const JOB_KINDS = ['cf', 'print'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface Bid {
  bidId: string;
  vendor: VendorRef;
  lines: CostLine[];
  totalFen: number;
  validUntil: string;
  evidence: EvidenceRef[];
  /** The vendor's revision of its bid (1: its first). */
  revision: number;
  receivedAt: string;
  receivedBy: Actor;
}

export interface Award {
  bidId: string;
  vendor: VendorRef;
  lines: CostLine[];
  totalFen: number;
  comparableBids: number;
  reasonForFewerBids: string | null;
  at: string;
  by: Actor;
}

export type BidRequestOpened = DomainEvent<
  'BidRequestOpened',
  { requestId: string; job: { kind: JobKind; jobId: string }; spec: string; invited: VendorRef[]; responseDue: string; at: string; by: Actor }
>;
export type BidReceived = DomainEvent<'BidReceived', { requestId: string; bid: Bid; at: string; by: Actor }>;
export type BidAwarded = DomainEvent<'BidAwarded', { requestId: string; job: { kind: JobKind; jobId: string }; award: Award; at: string; by: Actor }>;
export type BidNoticeSent = DomainEvent<
  'BidNoticeSent',
  { requestId: string; vendorId: string; notice: 'award' | 'decline'; evidence: EvidenceRef[]; at: string; by: Actor }
>;
export type BidRequestCancelled = DomainEvent<'BidRequestCancelled', { requestId: string; reason: string; at: string; by: Actor }>;

export type BidRequestEvent = BidRequestOpened | BidReceived | BidAwarded | BidNoticeSent | BidRequestCancelled;

export interface BidRequestState {
  status: 'none' | 'open' | 'awarded' | 'cancelled';
  requestId: string;
  job: { kind: JobKind; jobId: string } | null;
  spec: string;
  invited: VendorRef[];
  responseDue: string;
  /** Each vendor's bid as it stands (its latest revision; the history keeps the others). */
  bids: Bid[];
  award: Award | null;
  notices: Array<{ vendorId: string; notice: 'award' | 'decline'; evidence: EvidenceRef[]; at: string; by: Actor }>;
  openedAt: string | null;
  openedBy: Actor | null;
  cancellation: { reason: string; at: string; by: Actor } | null;
}

export const initialBidRequestState = (): BidRequestState => ({
  status: 'none',
  requestId: '',
  job: null,
  spec: '',
  invited: [],
  responseDue: '',
  bids: [],
  award: null,
  notices: [],
  openedAt: null,
  openedBy: null,
  cancellation: null,
});

export function evolveBidRequest(state: BidRequestState, event: BidRequestEvent): BidRequestState {
  switch (event.type) {
    case 'BidRequestOpened': {
      const { requestId, job, spec, invited, responseDue, at, by } = event.data;
      return { ...initialBidRequestState(), status: 'open', requestId, job, spec, invited, responseDue, openedAt: at, openedBy: by };
    }
    case 'BidReceived':
      return { ...state, bids: [...state.bids.filter((b) => b.vendor.vendorId !== event.data.bid.vendor.vendorId), event.data.bid] };
    case 'BidAwarded':
      return { ...state, status: 'awarded', award: event.data.award };
    case 'BidNoticeSent': {
      const { vendorId, notice, evidence, at, by } = event.data;
      return { ...state, notices: [...state.notices, { vendorId, notice, evidence, at, by }] };
    }
    case 'BidRequestCancelled':
      return { ...state, status: 'cancelled', cancellation: { reason: event.data.reason, at: event.data.at, by: event.data.by } };
  }
}
