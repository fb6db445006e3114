import { projectionSpec } from '@ooh/eventing-testing';
import { APPROVED_PLANS, approvedPlansProjection } from './approved-plans.projection';

const AT = '2026-12-01T02:00:00.000Z';
const am = { userId: 'wang', role: 'account-manager' };
const approved = (version: number, netFen: number) => ({
  streamId: 'planning.media_plan-p-1',
  type: 'PlanApprovedByClient',
  data: {
    planId: 'p-1',
    briefId: 'b-1',
    clientId: 'c-1',
    campaign: 'Winter',
    currency: 'CNY',
    version,
    contentHash: `h${version}`,
    lines: [],
    totals: { grossFen: netFen + 10, netFen, byChannel: { tv: netFen }, byMonth: { '2027-01': netFen }, byVendor: {} },
    evidence: [],
    at: AT,
    by: am,
  },
});

describe('approved plans projection', () => {
  it('keeps the latest client-approved version of each plan with its totals', async () => {
    await projectionSpec(approvedPlansProjection)
      .given(approved(1, 100), approved(3, 300))
      .then({
        [APPROVED_PLANS]: {
          'p-1': {
            planId: 'p-1',
            briefId: 'b-1',
            clientId: 'c-1',
            campaign: 'Winter',
            version: 3,
            contentHash: 'h3',
            approvedAt: AT,
            currency: 'CNY',
            grossFen: 310,
            netFen: 300,
            byChannel: { tv: 300 },
            byMonth: { '2027-01': 300 },
          },
        },
      });
  });
});
