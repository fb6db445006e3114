import type { BidRequestState } from '@ooh/production-domain';

/** A request for quotes as a job's command sees it: whether it exists, whose job it is, and its award. */
export async function awardedBid(bids: { load(id: string): Promise<{ state: BidRequestState }> }, requestId: string) {
  const { state } = await bids.load(requestId);
  const award = state.award;
  return {
    requestId,
    exists: state.status !== 'none',
    jobId: state.job?.jobId ?? '',
    awarded: award ? { bidId: award.bidId, vendor: award.vendor, totalFen: award.totalFen } : null,
  };
}
