import { addDays } from '@ooh/calendar';
import { AppError, notFound, ruleViolated, type Actor, type Command, type Decider } from '@ooh/eventing';
import { blank, requireReason, requireRole } from '../shared';
import { evolveVendor, initialVendorState, type RateCardItem, type VendorEvent, type VendorProfile, type VendorState } from './vendor.events';

/** Who keeps the vendor library (媒介资源库). */
export const VENDOR_KEEPERS = ['media-manager', 'media-director'] as const;

export type RegisterVendor = Command<'RegisterVendor', { vendorId: string; profile: VendorProfile; at: string; by: Actor }>;
export type UpdateVendorProfile = Command<'UpdateVendorProfile', { vendorId: string; profile: VendorProfile; at: string; by: Actor }>;
export type PublishRateCard = Command<
  'PublishRateCard',
  { vendorId: string; property: string; effectiveFrom: string; items: RateCardItem[]; today: string; at: string; by: Actor }
>;
export type EvaluateVendor = Command<
  'EvaluateVendor',
  { vendorId: string; period: string; score: number; notes: string; currentMonth: string; at: string; by: Actor }
>;
export type DeactivateVendor = Command<'DeactivateVendor', { vendorId: string; reason: string; at: string; by: Actor }>;
export type ReactivateVendor = Command<'ReactivateVendor', { vendorId: string; at: string; by: Actor }>;

export type VendorCommand = RegisterVendor | UpdateVendorProfile | PublishRateCard | EvaluateVendor | DeactivateVendor | ReactivateVendor;

/** How far back a rate card may be recorded as in force (a card received late), in days. */
export const RATE_CARD_BACKDATING_DAYS = 366;

function requireProfile(profile: VendorProfile): void {
  if (blank(profile.name)) throw ruleViolated('NAME_REQUIRED', 'A vendor has a name');
  if (blank(profile.payee.accountName) || blank(profile.payee.accountNumber) || blank(profile.payee.bank))
    throw ruleViolated('PAYEE_REQUIRED', 'A vendor has a payee: account name, bank and account number');
  if (profile.terms.prepaymentPercent < 0 || profile.terms.prepaymentPercent > 100)
    throw ruleViolated('TERMS_INVALID', 'The prepayment share is between 0 and 100 percent');
  if (profile.contacts.some((c) => blank(c.name))) throw ruleViolated('CONTACT_NAME_REQUIRED', 'Every contact has a name');
}

function existing(state: VendorState, vendorId: string): VendorState {
  if (state.status === 'none') throw notFound('VENDOR_NOT_FOUND', `No vendor ${vendorId}`);
  return state;
}

function requireItems(items: RateCardItem[]): void {
  if (items.length === 0) throw ruleViolated('ITEMS_REQUIRED', 'A rate card prices at least one item');
  if (items.some((i) => i.rateFen <= 0)) throw ruleViolated('RATE_REQUIRED', 'Every item has a positive rate');
  const keys = items.map((i) => `${i.daypart.trim().toLowerCase()}|${i.unit}|${i.spotLengthSeconds ?? '*'}`);
  const twice = keys.find((k, n) => keys.indexOf(k) !== n);
  if (twice) throw ruleViolated('DUPLICATE_ITEM', `The card prices ${twice.replace(/\|/g, ', ')} twice`);
}

/** The vendor library: vendors with their payee and terms, their rate cards by version and their evaluations. */
export function decideVendor(command: VendorCommand, state: VendorState): VendorEvent[] {
  switch (command.type) {
    case 'RegisterVendor': {
      const { vendorId, profile, at, by } = command.data;
      requireRole(by, VENDOR_KEEPERS, 'Registering a vendor');
      if (state.status !== 'none') throw new AppError('conflict', 'VENDOR_ALREADY_EXISTS', `Vendor ${vendorId} already exists`);
      requireProfile(profile);
      return [{ type: 'VendorRegistered', data: { vendorId, profile, at, by } }];
    }
    case 'UpdateVendorProfile': {
      const { vendorId, profile, at, by } = command.data;
      requireRole(by, VENDOR_KEEPERS, 'Updating a vendor');
      existing(state, vendorId);
      requireProfile(profile);
      return [{ type: 'VendorProfileUpdated', data: { vendorId, profile, at, by } }];
    }
    case 'PublishRateCard': {
      const { vendorId, property, effectiveFrom, items, today, at, by } = command.data;
      requireRole(by, VENDOR_KEEPERS, 'Publishing a rate card');
      if (existing(state, vendorId).status !== 'active') throw ruleViolated('VENDOR_INACTIVE', `Vendor ${vendorId} is inactive: ${state.deactivationReason}`);
      if (blank(property)) throw ruleViolated('PROPERTY_REQUIRED', 'A rate card is for a property (station, publication, site)');
      requireItems(items);
      const earliest = addDays(today, -RATE_CARD_BACKDATING_DAYS);
      if (effectiveFrom < earliest) throw ruleViolated('EFFECTIVE_DATE_TOO_OLD', `A rate card takes effect on ${earliest} or later`);
      const versions = state.rateCards.filter((c) => c.property.trim().toLowerCase() === property.trim().toLowerCase());
      const latest = versions.reduce<string | null>((max, c) => (max === null || c.effectiveFrom > max ? c.effectiveFrom : max), null);
      if (latest !== null && effectiveFrom <= latest)
        throw ruleViolated(
          'RATE_CARD_NOT_LATER',
          `Version ${versions.length} of ${property} is in force from ${latest}: a new version takes effect after it (cards are never overwritten)`,
        );
      const card = { property: property.trim(), version: versions.length + 1, effectiveFrom, items, publishedAt: at, publishedBy: by };
      return [{ type: 'RateCardPublished', data: { vendorId, card, at, by } }];
    }
    case 'EvaluateVendor': {
      const { vendorId, period, score, notes, currentMonth, at, by } = command.data;
      requireRole(by, VENDOR_KEEPERS, 'Evaluating a vendor');
      existing(state, vendorId);
      if (period > currentMonth) throw ruleViolated('PERIOD_NOT_STARTED', `${period} has not started: a period is evaluated once it has begun`);
      if (!Number.isInteger(score) || score < 1 || score > 5) throw ruleViolated('SCORE_INVALID', 'A score is a whole number from 1 to 5');
      return [{ type: 'VendorEvaluated', data: { vendorId, evaluation: { period, score, notes, at, by }, at, by } }];
    }
    case 'DeactivateVendor': {
      const { vendorId, reason, at, by } = command.data;
      requireRole(by, VENDOR_KEEPERS, 'Deactivating a vendor');
      if (existing(state, vendorId).status === 'inactive') throw ruleViolated('VENDOR_INACTIVE', `Vendor ${vendorId} is already inactive`);
      requireReason(reason, 'Deactivating a vendor');
      return [{ type: 'VendorDeactivated', data: { vendorId, reason, at, by } }];
    }
    case 'ReactivateVendor': {
      const { vendorId, at, by } = command.data;
      requireRole(by, VENDOR_KEEPERS, 'Reactivating a vendor');
      if (existing(state, vendorId).status === 'active') throw ruleViolated('VENDOR_ACTIVE', `Vendor ${vendorId} is active`);
      return [{ type: 'VendorReactivated', data: { vendorId, at, by } }];
    }
  }
}

export const vendorDecider: Decider<VendorCommand, VendorEvent, VendorState> = {
  decide: decideVendor,
  evolve: evolveVendor,
  initialState: initialVendorState,
};
