import type { Actor, EvidenceRef } from '@ooh/eventing';
import { deciderSpec, eventsFrom } from '@ooh/eventing-testing';
import { bidBlockers, bidRequestDecider, type BidRequestCommand } from './bid-request.decider';

const spec = deciderSpec(bidRequestDecider);
const pm: Actor = { userId: 'zhou', role: 'production-manager' };
const ops: Actor = { userId: 'mei', role: 'ops-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const TODAY = '2026-12-01';
const quote: EvidenceRef = { blobId: 'q'.repeat(64), sha256: 'a'.repeat(64), contentType: 'application/pdf' };
const vendors = [
  { vendorId: 'v1', name: 'Lighthouse Films' },
  { vendorId: 'v2', name: 'Red Lantern Studio' },
  { vendorId: 'v3', name: 'Blue Hour' },
];
const known = (v: (typeof vendors)[number], active = true) => ({ vendorId: v.vendorId, known: { ...v, active } });
const open = (
  over: Partial<{ invited: Array<ReturnType<typeof known> | { vendorId: string; known: null }>; responseDue: string; exists: boolean }> = {},
  by = pm,
): BidRequestCommand => ({
  type: 'OpenBidRequest',
  data: {
    requestId: 'r-1',
    job: { kind: 'cf', jobId: 'j-1', exists: over.exists ?? true },
    spec: '30s TVC, 2 shoot days',
    invited: over.invited ?? vendors.map((v) => known(v)),
    responseDue: over.responseDue ?? '2026-12-10',
    today: TODAY,
    at: AT,
    by,
  },
});
const bid = (vendorId: string, amountFen = 500_000, validUntil = '2026-12-31', bidId = `b-${vendorId}`): BidRequestCommand => ({
  type: 'RecordBid',
  data: { requestId: 'r-1', bidId, vendorId, lines: [{ category: 'crew', amountFen }], validUntil, evidence: [quote], today: TODAY, at: AT, by: pm },
});
const award = (bidId: string, reasonForFewerBids = '', today = TODAY): BidRequestCommand => ({
  type: 'AwardBid',
  data: { requestId: 'r-1', bidId, reasonForFewerBids, today, at: AT, by: pm },
});

describe('Bid request decider', () => {
  it('invites vendors with a spec and a response date in the window', () => {
    expect(spec.given([]).when(open()).events()[0]).toMatchObject({ type: 'BidRequestOpened', data: { invited: vendors } });
    spec.given([]).when(open({}, ops)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec
      .given([])
      .when(open({ exists: false }))
      .thenThrows('JOB_NOT_FOUND', 'not-found');
    spec
      .given([])
      .when(open({ invited: [] }))
      .thenThrows('VENDORS_REQUIRED', 'rule-violated');
    spec
      .given([])
      .when(open({ invited: [known(vendors[0]), known(vendors[0])] }))
      .thenThrows('DUPLICATE_VENDOR', 'rule-violated');
    spec
      .given([])
      .when(open({ invited: [{ vendorId: 'v9', known: null }] }))
      .thenThrows('VENDOR_UNKNOWN', 'rule-violated');
    spec
      .given([])
      .when(open({ invited: [known(vendors[0], false)] }))
      .thenThrows('VENDOR_INACTIVE', 'rule-violated');
    spec
      .given([])
      .when(open({ responseDue: '2026-11-30' }))
      .thenThrows('RESPONSE_DUE_OUTSIDE_WINDOW', 'rule-violated');
  });

  it('takes bids from invited vendors only, by category, valid, with their document; a vendor’s new bid revises its own', () => {
    const opened = eventsFrom(bidRequestDecider, [open()]);
    spec.given(opened).when(bid('v9')).thenThrows('VENDOR_NOT_INVITED', 'rule-violated');
    spec.given(opened).when(bid('v1', 0)).thenThrows('COST_LINE_INVALID', 'rule-violated');
    spec
      .given(opened)
      .when(bid('v1', 1, '2026-11-30'))
      .thenThrows('BID_EXPIRED', 'rule-violated');
    const revised = eventsFrom(bidRequestDecider, [open(), bid('v1'), bid('v1', 450_000, '2026-12-31', 'b-v1-2')]);
    expect(spec.given(revised).state().bids).toEqual([expect.objectContaining({ bidId: 'b-v1-2', revision: 2, totalFen: 450_000 })]);
  });

  it('awards against three valid bids, or with the reason for fewer, then tells every bidder', () => {
    const two = eventsFrom(bidRequestDecider, [open(), bid('v1'), bid('v2', 600_000, '2026-12-05')]);
    spec.given(two).when(award('b-v1')).thenThrows('TOO_FEW_BIDS', 'rule-violated');
    const three = eventsFrom(bidRequestDecider, [open(), bid('v1'), bid('v2', 600_000, '2026-12-05'), bid('v3', 700_000)]);
    expect(spec.given(three).when(award('b-v1')).events()[0]).toMatchObject({
      data: { award: { bidId: 'b-v1', comparableBids: 3, reasonForFewerBids: null } },
    });
    // One bid expired by the day of the award: two comparable bids are not enough without a reason.
    spec
      .given(three)
      .when(award('b-v1', '', '2026-12-06'))
      .thenThrows('TOO_FEW_BIDS', 'rule-violated');
    const awarded = eventsFrom(bidRequestDecider, [open(), bid('v1'), bid('v2'), award('b-v1', 'Only two houses free in December')]);
    expect(spec.given(awarded).state().award).toMatchObject({ comparableBids: 2, reasonForFewerBids: 'Only two houses free in December' });
    expect(bidBlockers(spec.given(awarded).state())).toEqual([
      expect.objectContaining({ gate: 'notices', waitingFor: expect.stringContaining('Lighthouse Films, Red Lantern Studio') }),
    ]);
    const told = (vendorId: string): BidRequestCommand => ({ type: 'RecordBidNotice', data: { requestId: 'r-1', vendorId, evidence: [], at: AT, by: pm } });
    expect(spec.given(awarded).when(told('v1')).events()[0]).toMatchObject({ data: { notice: 'award' } });
    expect(spec.given(awarded).when(told('v2')).events()[0]).toMatchObject({ data: { notice: 'decline' } });
    spec
      .given([...awarded, ...spec.given(awarded).when(told('v2')).events()])
      .when(told('v2'))
      .thenThrows('ALREADY_NOTIFIED', 'rule-violated');
    spec.given(two).when(told('v1')).thenThrows('NOT_AWARDED', 'rule-violated');
  });
});
