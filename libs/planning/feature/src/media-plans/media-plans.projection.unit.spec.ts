import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { mediaPlanDecider, planBlockers, type PlanLineInput } from '@ooh/planning-domain';
import { MEDIA_PLANS, mediaPlansProjection } from './media-plans.projection';

const planner: Actor = { userId: 'chen', role: 'media-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const line: PlanLineInput = {
  lineId: 'L1',
  channel: 'radio',
  vendor: { vendorId: 'FM', name: 'CQ FM' },
  property: 'CQ FM 93.8',
  faces: [],
  placement: null,
  format: null,
  spotLengthSeconds: 30,
  adSize: null,
  dayparts: ['drive'],
  market: 'Chongqing',
  targetDemo: null,
  flight: { start: '2027-01-04', end: '2027-01-10' },
  weeks: [{ weekStart: '2027-01-04', units: 20 }],
  pricing: 'per-spot',
  grossRateFen: 50_000,
  commissionPercent: 15,
  estimates: { impressions: null, grp: null, reach: null, frequency: null },
};
const campaign = {
  briefId: 'b-1',
  exists: true,
  client: { clientId: 'c-1', name: 'CQ Beer', status: 'active' as const },
  campaign: 'Winter',
  currency: 'CNY',
  budgetFen: 10_000_000,
  authorizedFen: null,
};

describe('media plans projection', () => {
  it('keeps each plan with every version, its net total and what it waits for', async () => {
    const events = eventsFrom(mediaPlanDecider, [
      { type: 'CreateMediaPlan', data: { planId: 'p-1', campaign, name: 'Winter plan', lines: [line], at: AT, by: planner } },
      {
        type: 'SubmitPlanVersion',
        data: {
          planId: 'p-1',
          version: 1,
          contentHash: 'h1',
          campaign,
          availability: { checkedAt: AT, result: 'no-ooh-lines', clashes: [] },
          at: AT,
          by: planner,
        },
      },
    ]);
    const state = fold(mediaPlanDecider, events);
    await projectionSpec(mediaPlansProjection)
      .given(...events.map((e) => ({ streamId: 'planning.media_plan-p-1', recordedAt: AT, ...e })))
      .then({ [MEDIA_PLANS]: { 'p-1': { ...state, blockedBy: planBlockers(state), netFen: 850_000, revision: 2, updatedAt: AT } } });
  });
});
