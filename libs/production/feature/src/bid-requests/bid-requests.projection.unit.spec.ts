import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { bidBlockers, bidRequestDecider, type BidRequestCommand } from '@ooh/production-domain';
import { BID_REQUESTS, bidRequestsProjection } from './bid-requests.projection';

const pm: Actor = { userId: 'zhou', role: 'production-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const quote = { blobId: 'b'.repeat(64), sha256: 'b'.repeat(64), contentType: 'application/pdf' };

describe('bid requests projection', () => {
  it('keeps each request as its decider folds it, every vendor’s current bid included', async () => {
    const commands: BidRequestCommand[] = [
      {
        type: 'OpenBidRequest',
        data: {
          requestId: 'r-1',
          job: { kind: 'cf', jobId: 'j-1', exists: true },
          spec: 'TVC',
          invited: [{ vendorId: 'v1', known: { vendorId: 'v1', name: 'A', active: true } }],
          responseDue: '2026-12-10',
          today: '2026-12-01',
          at: AT,
          by: pm,
        },
      },
      {
        type: 'RecordBid',
        data: {
          requestId: 'r-1',
          bidId: 'b-1',
          vendorId: 'v1',
          lines: [{ category: 'crew', amountFen: 5 }],
          validUntil: '2026-12-31',
          evidence: [quote],
          today: '2026-12-01',
          at: AT,
          by: pm,
        },
      },
    ];
    const events = eventsFrom(bidRequestDecider, commands);
    const state = fold(bidRequestDecider, events);
    await projectionSpec(bidRequestsProjection)
      .given(...events.map((e) => ({ streamId: 'production.bid_request-r-1', recordedAt: AT, ...e })))
      .then({ [BID_REQUESTS]: { 'r-1': { ...state, blockedBy: bidBlockers(state), jobId: 'j-1', revision: 1, updatedAt: AT } } });
  });
});
