import { addDays } from '@ooh/calendar';
import { AppError, notFound, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import { blank, blocker, requireCostLines, requireReason, requireRole, totalOf, type Blocker, type CostLine, type VendorRef } from '../shared';
import { evolveBidRequest, initialBidRequestState, type BidRequestEvent, type BidRequestState, type JobKind } from './bid-request.events';

/** Who asks vendors for quotes and awards them: the production manager (CF) or the account side (print). */
export const BID_MANAGERS = ['production-manager', 'account-manager'] as const;
/** A fair comparison needs this many valid bids, or a recorded reason. */
export const MIN_COMPARABLE_BIDS = 3;
/** How long vendors may be given to answer, in days. */
export const MAX_RESPONSE_DAYS = 90;

export type OpenBidRequest = Command<
  'OpenBidRequest',
  {
    requestId: string;
    job: { kind: JobKind; jobId: string; exists: boolean };
    spec: string;
    /** The invited vendors as the vendor library knows them (null: not in it). */
    invited: Array<{ vendorId: string; known: (VendorRef & { active: boolean }) | null }>;
    responseDue: string;
    today: string;
    at: string;
    by: Actor;
  }
>;
export type RecordBid = Command<
  'RecordBid',
  { requestId: string; bidId: string; vendorId: string; lines: CostLine[]; validUntil: string; evidence: EvidenceRef[]; today: string; at: string; by: Actor }
>;
export type AwardBid = Command<'AwardBid', { requestId: string; bidId: string; reasonForFewerBids: string; today: string; at: string; by: Actor }>;
export type RecordBidNotice = Command<'RecordBidNotice', { requestId: string; vendorId: string; evidence: EvidenceRef[]; at: string; by: Actor }>;
export type CancelBidRequest = Command<'CancelBidRequest', { requestId: string; reason: string; at: string; by: Actor }>;

export type BidRequestCommand = OpenBidRequest | RecordBid | AwardBid | RecordBidNotice | CancelBidRequest;

function existing(state: BidRequestState, requestId: string): BidRequestState {
  if (state.status === 'none') throw notFound('BID_REQUEST_NOT_FOUND', `No request for quotes ${requestId}`);
  return state;
}

function requireOpen(state: BidRequestState, what: string): void {
  if (state.status !== 'open') throw ruleViolated('BID_REQUEST_CLOSED', `${what}: the request is ${state.status}`);
}

/** Bids still valid on a day: the ones an award compares. */
export const comparableBids = (state: BidRequestState, today: string) => state.bids.filter((b) => b.validUntil >= today);

/**
 * Requests for quotes (比稿, 报价比较): vendors invited with a spec, their bids by cost category, the
 * award compared against at least three valid bids or with a recorded reason, and every bidder told.
 */
export function decideBidRequest(command: BidRequestCommand, state: BidRequestState): BidRequestEvent[] {
  switch (command.type) {
    case 'OpenBidRequest': {
      const { requestId, job, spec, invited, responseDue, today, at, by } = command.data;
      requireRole(by, BID_MANAGERS, 'Asking vendors for quotes');
      if (state.status !== 'none') throw new AppError('conflict', 'BID_REQUEST_ALREADY_EXISTS', `Request for quotes ${requestId} already exists`);
      if (!job.exists) throw notFound('JOB_NOT_FOUND', `No ${job.kind} job ${job.jobId}`);
      if (blank(spec)) throw ruleViolated('SPEC_REQUIRED', 'A request for quotes says what is quoted');
      if (invited.length === 0) throw ruleViolated('VENDORS_REQUIRED', 'A request for quotes invites at least one vendor');
      if (new Set(invited.map((v) => v.vendorId)).size !== invited.length) throw ruleViolated('DUPLICATE_VENDOR', 'Each vendor is invited once');
      const unknown = invited.find((v) => v.known === null);
      if (unknown) throw ruleViolated('VENDOR_UNKNOWN', `${unknown.vendorId} is not in the vendor library: buying registers it first`);
      const inactive = invited.find((v) => v.known?.active === false);
      if (inactive) throw ruleViolated('VENDOR_INACTIVE', `${inactive.known?.name} is inactive in the vendor library`);
      if (responseDue < today || responseDue > addDays(today, MAX_RESPONSE_DAYS))
        throw ruleViolated('RESPONSE_DUE_OUTSIDE_WINDOW', `Answers are due between today (${today}) and ${addDays(today, MAX_RESPONSE_DAYS)}`);
      const vendors = invited.map((v) => ({ vendorId: v.vendorId, name: v.known!.name }));
      return [{ type: 'BidRequestOpened', data: { requestId, job: { kind: job.kind, jobId: job.jobId }, spec, invited: vendors, responseDue, at, by } }];
    }
    case 'RecordBid': {
      const { requestId, bidId, vendorId, lines, validUntil, evidence, today, at, by } = command.data;
      requireRole(by, BID_MANAGERS, 'Recording a bid');
      requireOpen(existing(state, requestId), 'Recording a bid');
      const vendor = state.invited.find((v) => v.vendorId === vendorId);
      if (!vendor) throw ruleViolated('VENDOR_NOT_INVITED', `${vendorId} was not invited to quote: bids come from the vendors asked`);
      requireCostLines(lines, 'A bid');
      if (validUntil < today) throw ruleViolated('BID_EXPIRED', `A bid valid until ${validUntil} has expired (today is ${today})`);
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'A bid is recorded with the vendor’s quote document');
      const revision = (state.bids.find((b) => b.vendor.vendorId === vendorId)?.revision ?? 0) + 1;
      const bid = { bidId, vendor, lines, totalFen: totalOf(lines), validUntil, evidence, revision, receivedAt: at, receivedBy: by };
      return [{ type: 'BidReceived', data: { requestId, bid, at, by } }];
    }
    case 'AwardBid': {
      const { requestId, bidId, reasonForFewerBids, today, at, by } = command.data;
      requireRole(by, BID_MANAGERS, 'Awarding a bid');
      requireOpen(existing(state, requestId), 'Awarding');
      const bid = state.bids.find((b) => b.bidId === bidId);
      if (!bid) throw notFound('BID_NOT_FOUND', `Request ${requestId} has no current bid ${bidId}`);
      if (bid.validUntil < today) throw ruleViolated('BID_EXPIRED', `Bid ${bidId} expired on ${bid.validUntil}`);
      const comparable = comparableBids(state, today).length;
      if (comparable < MIN_COMPARABLE_BIDS && blank(reasonForFewerBids))
        throw ruleViolated('TOO_FEW_BIDS', `${comparable} valid bid(s): an award compares at least ${MIN_COMPARABLE_BIDS}, or records why fewer`, {
          comparableBids: comparable,
          blockedBy: [blocker('bids', `${MIN_COMPARABLE_BIDS - comparable} more valid bid(s), or the reason for fewer`, BID_MANAGERS)],
        });
      const award = {
        bidId,
        vendor: bid.vendor,
        lines: bid.lines,
        totalFen: bid.totalFen,
        comparableBids: comparable,
        reasonForFewerBids: comparable < MIN_COMPARABLE_BIDS ? reasonForFewerBids : null,
        at,
        by,
      };
      return [{ type: 'BidAwarded', data: { requestId, job: state.job!, award, at, by } }];
    }
    case 'RecordBidNotice': {
      const { requestId, vendorId, evidence, at, by } = command.data;
      requireRole(by, BID_MANAGERS, 'Recording a bidder’s notice');
      if (existing(state, requestId).status !== 'awarded') throw ruleViolated('NOT_AWARDED', 'Bidders are told once the award is made');
      if (!state.bids.some((b) => b.vendor.vendorId === vendorId)) throw notFound('BIDDER_NOT_FOUND', `${vendorId} did not bid`);
      if (state.notices.some((n) => n.vendorId === vendorId)) throw ruleViolated('ALREADY_NOTIFIED', `${vendorId} was already told`);
      const notice = state.award?.vendor.vendorId === vendorId ? 'award' : 'decline';
      return [{ type: 'BidNoticeSent', data: { requestId, vendorId, notice, evidence, at, by } }];
    }
    case 'CancelBidRequest': {
      const { requestId, reason, at, by } = command.data;
      requireRole(by, BID_MANAGERS, 'Cancelling a request for quotes');
      requireOpen(existing(state, requestId), 'Cancelling');
      requireReason(reason, 'A cancelled request for quotes');
      return [{ type: 'BidRequestCancelled', data: { requestId, reason, at, by } }];
    }
  }
}

export const bidRequestDecider: Decider<BidRequestCommand, BidRequestEvent, BidRequestState> = {
  decide: decideBidRequest,
  evolve: evolveBidRequest,
  initialState: initialBidRequestState,
};

/** Who is still to be told of the award or the decline. */
export function bidBlockers(state: BidRequestState): Blocker[] {
  if (state.status === 'open') return [blocker('award', `Bids compared (${state.bids.length} received) and one awarded`, BID_MANAGERS)];
  if (state.status !== 'awarded') return [];
  const untold = state.bids.filter((b) => !state.notices.some((n) => n.vendorId === b.vendor.vendorId)).map((b) => b.vendor.name);
  return untold.length > 0 ? [blocker('notices', `The award or decline told to ${untold.join(', ')}`, BID_MANAGERS)] : [];
}
