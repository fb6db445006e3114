import { isAppError, type Actor } from '@ooh/eventing';
import { deciderSpec } from '@ooh/eventing-testing';
import { budgetFacts, campaignDecider, decideCampaign, type CampaignCommand } from './campaign.decider';
import { latestApprovedVersion, type ApprovedPlanVersion, type CampaignEvent } from './campaign.events';

const spec = deciderSpec(campaignDecider);
const system: Actor = { userId: 'system:planning-feed', role: 'admin' };
const md: Actor = { userId: 'sun', role: 'media-director' };
const AT = '2026-12-01T02:00:00.000Z';
const plan = (version: number): ApprovedPlanVersion => ({
  planId: 'p-1',
  version,
  contentHash: 'h',
  clientId: 'c-1',
  campaign: 'Winter',
  currency: 'CNY',
  lines: [],
  netFen: 100,
  approvedAt: AT,
});
const planReceived = (version: number): CampaignEvent => ({ type: 'ApprovedPlanReceived', data: { briefId: 'b-1', plan: plan(version), at: AT, by: system } });
const authorized: CampaignEvent = {
  type: 'BudgetAuthorizationReceived',
  data: {
    briefId: 'b-1',
    clientId: 'c-1',
    authorization: {
      authorizationId: 'a-1',
      poReference: 'PO-1',
      buckets: [
        { channel: 'tv', month: null, amountFen: 600 },
        { channel: null, month: null, amountFen: 400 },
      ],
      totalFen: 1_000,
      authorizedAt: AT,
    },
    at: AT,
    by: system,
  },
};
const commit = (orderId: string, revision: number, netFen: number, channel = 'radio'): CampaignCommand => ({
  type: 'CommitSpend',
  data: { briefId: 'b-1', commitment: { orderId, revision, netFen, byChannel: { [channel]: netFen } }, at: AT, by: md },
});
const committed = (orderId: string, revision: number, netFen: number, channel = 'radio'): CampaignEvent => ({
  type: 'SpendCommitted',
  data: { briefId: 'b-1', commitment: { orderId, revision, netFen, byChannel: { [channel]: netFen } }, at: AT, by: md },
});

describe('Campaign decider (buying’s view of planning’s facts and the spend committed)', () => {
  it('records each approved plan version and authorization once, whatever the redelivery', () => {
    spec
      .given([])
      .when({ type: 'RecordApprovedPlan', data: { briefId: 'b-1', plan: plan(1), at: AT, by: system } })
      .then([planReceived(1)]);
    spec
      .given([planReceived(1)])
      .when({ type: 'RecordApprovedPlan', data: { briefId: 'b-1', plan: plan(1), at: AT, by: system } })
      .thenNothingHappens();
    spec
      .given([authorized])
      .when({ type: 'RecordBudgetAuthorization', data: { ...authorized.data } as never })
      .thenNothingHappens();
    expect(latestApprovedVersion(spec.given([planReceived(1), planReceived(3)]).state(), 'p-1')).toBe(3);
  });

  it('commits an order’s spend within the authorized budget and its channel buckets, replacing the order’s earlier revision', () => {
    spec
      .given([authorized])
      .when(commit('o-1', 1, 700))
      .then([committed('o-1', 1, 700)]);
    spec
      .given([authorized, committed('o-1', 1, 700)])
      .when(commit('o-1', 2, 900))
      .then([committed('o-1', 2, 900)]);
    spec
      .given([authorized, committed('o-1', 1, 700)])
      .when(commit('o-1', 1, 700))
      .thenNothingHappens();
    spec
      .given([authorized, committed('o-1', 1, 700)])
      .when(commit('o-2', 1, 301))
      .thenThrows('SIGNING_BLOCKED', 'rule-violated');
    spec
      .given([authorized])
      .when(commit('o-2', 1, 601, 'tv'))
      .thenThrows('SIGNING_BLOCKED', 'rule-violated');
    spec
      .given([])
      .when(commit('o-2', 1, 1))
      .thenThrows('SIGNING_BLOCKED', 'rule-violated');
    expect(budgetFacts(spec.given([authorized, committed('o-1', 1, 700)]).state(), 'o-2')).toEqual({
      authorizedFen: 1_000,
      authorizedByChannel: { tv: 600 },
      committedFen: 700,
      committedByChannel: { radio: 700 },
    });
  });

  it('says who releases a budget refusal', () => {
    try {
      decideCampaign(commit('o-2', 1, 5_000), [authorized].reduce(campaignDecider.evolve, campaignDecider.initialState()));
      throw new Error('expected a refusal');
    } catch (e) {
      expect(isAppError(e) && e.extensions.blockedBy).toEqual([
        { gate: 'budget', waitingFor: 'A larger budget authorization from the client', releasedBy: 'account-manager', releasedByRoles: ['account-manager'] },
      ]);
    }
  });

  it('releases a commitment of a cancelled order', () => {
    const released = spec
      .given([authorized, committed('o-1', 1, 700)])
      .when({ type: 'ReleaseSpend', data: { briefId: 'b-1', orderId: 'o-1', revision: 1, reason: 'cancelled', at: AT, by: md } })
      .events();
    expect(spec.given([authorized, committed('o-1', 1, 700), ...released]).state().commitments).toEqual([]);
  });
});
