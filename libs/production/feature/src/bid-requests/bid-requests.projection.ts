import { entityProjection } from '@ooh/eventing';
import { bidBlockers, bidRequestDecider, type BidRequestEvent, type BidRequestState } from '@ooh/production-domain';

export const BID_REQUESTS = 'production_bid_requests';

export const bidRequestView = (state: BidRequestState) => ({ blockedBy: bidBlockers(state), jobId: state.job?.jobId ?? '' });

/** Requests for quotes with every bid and the award: the aggregate's own state. */
export const bidRequestsProjection = entityProjection({
  name: 'production.bid-requests',
  collection: BID_REQUESTS,
  category: 'production.bid_request',
  indexes: [['status'], ['jobId'], ['openedAt']],
  decider: bidRequestDecider,
  id: (e: BidRequestEvent) => e.data.requestId,
  view: bidRequestView,
});
