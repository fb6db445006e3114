import { streamName, type Actor, type DomainEvent } from '@ooh/eventing';

/** One stream per vendor: `buying.vendor-<id>`. */
export const vendorStream = (vendorId: string): string => streamName('buying', 'vendor', vendorId);

export const VENDOR_KINDS = ['media-owner', 'rep-firm', 'production-house', 'printer', 'installer'] as const;
export type VendorKind = (typeof VENDOR_KINDS)[number];

export const RATE_UNITS = ['spot', 'insertion', 'face-day', 'week', 'flat'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];

export interface VendorContact {
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
}

export interface Payee {
  accountName: string;
  bank: string;
  accountNumber: string;
}

/** How the vendor is paid: a share when it confirms an order, the rest a number of days after airing ends. */
export interface PaymentTerms {
  prepaymentPercent: number;
  balanceDaysAfterAiring: number;
}

export interface VendorProfile {
  name: string;
  kind: VendorKind;
  /** Other names the vendor goes by in plans and invoices (matched case-insensitively). */
  aliases: string[];
  contacts: VendorContact[];
  payee: Payee;
  terms: PaymentTerms;
}

/** One priced item of a rate card: a unit on a daypart or position, optionally for one spot length. */
export interface RateCardItem {
  daypart: string;
  unit: RateUnit;
  spotLengthSeconds: number | null;
  rateFen: number;
  surchargePercent: number;
}

/** A version of a property's rate card: in force from its date until a later version's. */
export interface RateCard {
  property: string;
  version: number;
  effectiveFrom: string;
  items: RateCardItem[];
  publishedAt: string;
  publishedBy: Actor;
}

export interface VendorEvaluation {
  period: string;
  score: number;
  notes: string;
  at: string;
  by: Actor;
}

export type VendorRegistered = DomainEvent<'VendorRegistered', { vendorId: string; profile: VendorProfile; at: string; by: Actor }>;
export type VendorProfileUpdated = DomainEvent<'VendorProfileUpdated', { vendorId: string; profile: VendorProfile; at: string; by: Actor }>;
export type RateCardPublished = DomainEvent<'RateCardPublished', { vendorId: string; card: RateCard; at: string; by: Actor }>;
export type VendorEvaluated = DomainEvent<'VendorEvaluated', { vendorId: string; evaluation: VendorEvaluation; at: string; by: Actor }>;
export type VendorDeactivated = DomainEvent<'VendorDeactivated', { vendorId: string; reason: string; at: string; by: Actor }>;
export type VendorReactivated = DomainEvent<'VendorReactivated', { vendorId: string; at: string; by: Actor }>;

export type VendorEvent = VendorRegistered | VendorProfileUpdated | RateCardPublished | VendorEvaluated | VendorDeactivated | VendorReactivated;

export interface VendorState {
  status: 'none' | 'active' | 'inactive';
  vendorId: string;
  profile: VendorProfile | null;
  rateCards: RateCard[];
  evaluations: VendorEvaluation[];
  registeredAt: string | null;
  registeredBy: Actor | null;
  deactivationReason: string | null;
}

export const initialVendorState = (): VendorState => ({
  status: 'none',
  vendorId: '',
  profile: null,
  rateCards: [],
  evaluations: [],
  registeredAt: null,
  registeredBy: null,
  deactivationReason: null,
});

export function evolveVendor(state: VendorState, event: VendorEvent): VendorState {
  switch (event.type) {
    case 'VendorRegistered':
      return {
        ...initialVendorState(),
        status: 'active',
        vendorId: event.data.vendorId,
        profile: event.data.profile,
        registeredAt: event.data.at,
        registeredBy: event.data.by,
      };
    case 'VendorProfileUpdated':
      return { ...state, profile: event.data.profile };
    case 'RateCardPublished':
      return { ...state, rateCards: [...state.rateCards, event.data.card] };
    case 'VendorEvaluated':
      return { ...state, evaluations: [...state.evaluations.filter((e) => e.period !== event.data.evaluation.period), event.data.evaluation] };
    case 'VendorDeactivated':
      return { ...state, status: 'inactive', deactivationReason: event.data.reason };
    case 'VendorReactivated':
      return { ...state, status: 'active', deactivationReason: null };
  }
}
