import type { Actor } from '@ooh/eventing';
import { deciderSpec } from '@ooh/eventing-testing';
import { vendorDecider, type VendorCommand } from './vendor.decider';
import type { RateCardItem, VendorEvent, VendorProfile } from './vendor.events';
import { cardRateFen, rateCardInForce, rateItemFor } from './vendor.rate-cards';

const spec = deciderSpec(vendorDecider);
const mm: Actor = { userId: 'li', role: 'media-manager' };
const am: Actor = { userId: 'wang', role: 'account-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const TODAY = '2026-12-01';
const id = 'v-1';
const profile: VendorProfile = {
  name: 'CCTV Ad Sales',
  kind: 'media-owner',
  aliases: ['CCTV'],
  contacts: [{ name: 'Zhou', title: 'Sales', phone: null, email: 'zhou@example.com' }],
  payee: { accountName: 'CCTV Ad Sales Co.', bank: 'ICBC Beijing', accountNumber: '6222-0001' },
  terms: { prepaymentPercent: 30, balanceDaysAfterAiring: 30 },
};
const items: RateCardItem[] = [
  { daypart: 'prime', unit: 'spot', spotLengthSeconds: 15, rateFen: 1_000_000, surchargePercent: 0 },
  { daypart: 'prime', unit: 'spot', spotLengthSeconds: null, rateFen: 1_500_000, surchargePercent: 10 },
];

const register = (p = profile, by = mm): VendorCommand => ({ type: 'RegisterVendor', data: { vendorId: id, profile: p, at: AT, by } });
const registered: VendorEvent = { type: 'VendorRegistered', data: { vendorId: id, profile, at: AT, by: mm } };
const publish = (effectiveFrom: string, i = items, property = 'CCTV-1'): VendorCommand => ({
  type: 'PublishRateCard',
  data: { vendorId: id, property, effectiveFrom, items: i, today: TODAY, at: AT, by: mm },
});
const card1 = { property: 'CCTV-1', version: 1, effectiveFrom: '2027-01-01', items, publishedAt: AT, publishedBy: mm };
const published1: VendorEvent = { type: 'RateCardPublished', data: { vendorId: id, card: card1, at: AT, by: mm } };

describe('Vendor decider', () => {
  it('registers a vendor with its payee and terms, by the media side only', () => {
    spec.given([]).when(register()).then([registered]);
    spec.given([]).when(register(profile, am)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec
      .given([])
      .when(register({ ...profile, name: ' ' }))
      .thenThrows('NAME_REQUIRED', 'rule-violated');
    spec
      .given([])
      .when(register({ ...profile, payee: { ...profile.payee, accountNumber: '' } }))
      .thenThrows('PAYEE_REQUIRED', 'rule-violated');
    spec
      .given([])
      .when(register({ ...profile, terms: { prepaymentPercent: 120, balanceDaysAfterAiring: 0 } }))
      .thenThrows('TERMS_INVALID', 'rule-violated');
    spec.given([registered]).when(register()).thenThrows('VENDOR_ALREADY_EXISTS', 'conflict');
  });

  it('versions rate cards per property, each later than the last, never overwriting one', () => {
    spec.given([registered]).when(publish('2027-01-01')).then([published1]);
    spec.given([registered, published1]).when(publish('2027-01-01')).thenThrows('RATE_CARD_NOT_LATER', 'rule-violated');
    spec.given([registered, published1]).when(publish('2026-12-15')).thenThrows('RATE_CARD_NOT_LATER', 'rule-violated');
    const [second] = spec.given([registered, published1]).when(publish('2027-04-01')).events();
    expect(second).toMatchObject({ data: { card: { version: 2, effectiveFrom: '2027-04-01' } } });
    const [other] = spec
      .given([registered, published1])
      .when(publish('2026-12-15', items, 'CCTV-5'))
      .events();
    expect(other).toMatchObject({ data: { card: { property: 'CCTV-5', version: 1 } } });
    spec.given([registered]).when(publish('2025-11-01')).thenThrows('EFFECTIVE_DATE_TOO_OLD', 'rule-violated');
    spec.given([registered]).when(publish('2027-01-01', [])).thenThrows('ITEMS_REQUIRED', 'rule-violated');
    spec
      .given([registered])
      .when(publish('2027-01-01', [items[0], { ...items[0], rateFen: 5 }]))
      .thenThrows('DUPLICATE_ITEM', 'rule-violated');
    spec.given([]).when(publish('2027-01-01')).thenThrows('VENDOR_NOT_FOUND', 'not-found');
  });

  it('answers which card is in force on a date and what a unit costs on it', () => {
    const card2 = { ...card1, version: 2, effectiveFrom: '2027-04-01', items: [{ ...items[0], rateFen: 1_200_000 }] };
    expect(rateCardInForce([card1, card2], 'cctv-1', '2026-12-31')).toBeNull();
    expect(rateCardInForce([card1, card2], 'CCTV-1', '2027-03-31')?.version).toBe(1);
    expect(rateCardInForce([card1, card2], 'CCTV-1', '2027-04-01')?.version).toBe(2);
    const q = { property: 'CCTV-1', daypart: 'Prime', unit: 'spot' as const, spotLengthSeconds: 15 };
    expect(rateItemFor(card1, q)?.rateFen).toBe(1_000_000);
    const thirty = rateItemFor(card1, { ...q, spotLengthSeconds: 30 });
    expect(thirty && cardRateFen(thirty)).toBe(1_650_000);
    expect(rateItemFor(card1, { ...q, daypart: 'late' })).toBeNull();
  });

  it('evaluates a period that has begun with a score from 1 to 5', () => {
    const evaluate = (period: string, score: number): VendorCommand => ({
      type: 'EvaluateVendor',
      data: { vendorId: id, period, score, notes: 'late affidavits', currentMonth: '2026-12', at: AT, by: mm },
    });
    expect(spec.given([registered]).when(evaluate('2026-11', 4)).events()[0]).toMatchObject({
      type: 'VendorEvaluated',
      data: { evaluation: { period: '2026-11', score: 4 } },
    });
    spec.given([registered]).when(evaluate('2027-01', 4)).thenThrows('PERIOD_NOT_STARTED', 'rule-violated');
    spec.given([registered]).when(evaluate('2026-11', 6)).thenThrows('SCORE_INVALID', 'rule-violated');
  });

  it('deactivates with a reason; an inactive vendor gets no new rate card', () => {
    const deactivated: VendorEvent = { type: 'VendorDeactivated', data: { vendorId: id, reason: 'Bankrupt', at: AT, by: mm } };
    spec
      .given([registered])
      .when({ type: 'DeactivateVendor', data: { vendorId: id, reason: 'Bankrupt', at: AT, by: mm } })
      .then([deactivated]);
    spec
      .given([registered])
      .when({ type: 'DeactivateVendor', data: { vendorId: id, reason: '', at: AT, by: mm } })
      .thenThrows('REASON_REQUIRED', 'rule-violated');
    spec.given([registered, deactivated]).when(publish('2027-01-01')).thenThrows('VENDOR_INACTIVE', 'rule-violated');
    spec
      .given([registered, deactivated])
      .when({ type: 'ReactivateVendor', data: { vendorId: id, at: AT, by: mm } })
      .then([{ type: 'VendorReactivated', data: { vendorId: id, at: AT, by: mm } }]);
  });
});
