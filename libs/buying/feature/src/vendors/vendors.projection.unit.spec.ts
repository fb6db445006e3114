import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { vendorDecider, type VendorCommand } from '@ooh/buying-domain';
import { VENDORS, vendorsProjection } from './vendors.projection';

const mm: Actor = { userId: 'li', role: 'media-manager' };
const AT = '2026-12-01T02:00:00.000Z';

describe('vendors projection', () => {
  it('keeps each vendor as its decider folds it, every rate card version included', async () => {
    const profile = {
      name: 'CCTV Ad Sales',
      kind: 'media-owner' as const,
      aliases: [],
      contacts: [],
      payee: { accountName: 'CCTV', bank: 'ICBC', accountNumber: '1' },
      terms: { prepaymentPercent: 30, balanceDaysAfterAiring: 30 },
    };
    const items = [{ daypart: 'prime', unit: 'spot' as const, spotLengthSeconds: 15, rateFen: 100, surchargePercent: 0 }];
    const card = (effectiveFrom: string): VendorCommand => ({
      type: 'PublishRateCard',
      data: { vendorId: 'v-1', property: 'CCTV-1', effectiveFrom, items, today: '2026-12-01', at: AT, by: mm },
    });
    const events = eventsFrom(vendorDecider, [
      { type: 'RegisterVendor', data: { vendorId: 'v-1', profile, at: AT, by: mm } },
      card('2027-01-01'),
      card('2027-04-01'),
    ]);
    const state = fold(vendorDecider, events);
    expect(state.rateCards.map((c) => c.version)).toEqual([1, 2]);
    await projectionSpec(vendorsProjection)
      .given(...events.map((e) => ({ streamId: 'buying.vendor-v-1', recordedAt: AT, ...e })))
      .then({ [VENDORS]: { 'v-1': { ...state, revision: 2, updatedAt: AT } } });
  });
});
