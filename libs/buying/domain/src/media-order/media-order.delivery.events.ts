import type { Actor, DomainEvent, EvidenceRef } from '@ooh/eventing';
import type { OrderLine, OrderTotals, OrderUnitInput } from './media-order.lines';

export const PROOF_OUTCOMES = ['aired', 'preempted', 'missed'] as const;
export type ProofOutcome = (typeof PROOF_OUTCOMES)[number];

/** Where a unit's proof of airing comes from (播出证明, 播出样板). */
export const PROOF_SOURCES = [
  'affidavit',
  'station-e-invoice',
  'tear-sheet',
  'photo',
  'operator-posting',
  'operator-removal',
  'operator-proof-of-play',
] as const;
export type ProofSource = (typeof PROOF_SOURCES)[number];

/** What the proof says differs from the order (recorded, not refused: the proof says what happened). */
export type ProofDiscrepancy = 'time' | 'length';

export interface UnitProof {
  unitId: string;
  outcome: ProofOutcome;
  airedAt: string | null;
  airedLengthSeconds: number | null;
  source: ProofSource;
  evidence: EvidenceRef[];
  note: string;
  discrepancies: ProofDiscrepancy[];
  /** Recorded after the unit's proof was due (its last day plus the grace days). */
  late: boolean;
  importedFrom: EvidenceRef | null;
  recordedAt: string;
  recordedBy: Actor;
}

export interface MakegoodOffer {
  makegoodId: string;
  planLineId: string;
  forUnitIds: string[];
  units: OrderUnitInput[];
  check: MakegoodCheck;
  offeredAt: string;
  offeredBy: Actor;
  status: 'offered' | 'accepted' | 'rejected';
  decision: { reason: string; outsideRule: boolean; at: string; by: Actor } | null;
}

/** The domain's value check of a makegood against the units it replaces. */
export interface MakegoodCheck {
  withinRule: boolean;
  costFen: { offered: number; replaced: number };
  weight: { offered: number; replaced: number };
  daypartOk: boolean;
  windowOk: boolean;
  failures: string[];
}

export interface Credit {
  creditId: string;
  unitIds: string[];
  amountFen: number;
  reason: string;
  at: string;
  by: Actor;
}

export interface ProofPack {
  packId: string;
  units: Array<{ unitId: string; outcome: ProofOutcome; airedAt: string | null; evidence: EvidenceRef[] }>;
  deliveredOn: string;
  recipient: string;
  note: string;
  deliveredAt: string;
  deliveredBy: Actor;
  acknowledgement: { acknowledgedOn: string; evidence: EvidenceRef[]; at: string; by: Actor } | null;
}

export type UnitProofsRecorded = DomainEvent<
  'UnitProofsRecorded',
  { orderId: string; proofs: UnitProof[]; importedFrom: EvidenceRef | null; at: string; by: Actor }
>;
export type MakegoodOffered = DomainEvent<'MakegoodOffered', { orderId: string; offer: MakegoodOffer; at: string; by: Actor }>;
/** Accepting a makegood is an order revision in force at once: the offered units added, the missed ones replaced. */
export type MakegoodAccepted = DomainEvent<
  'MakegoodAccepted',
  {
    orderId: string;
    makegoodId: string;
    revision: number;
    lines: OrderLine[];
    totals: OrderTotals;
    reason: string;
    outsideRule: boolean;
    at: string;
    by: Actor;
  }
>;
export type MakegoodRejected = DomainEvent<'MakegoodRejected', { orderId: string; makegoodId: string; reason: string; credit: Credit; at: string; by: Actor }>;
export type ProofPackDelivered = DomainEvent<'ProofPackDelivered', { orderId: string; pack: ProofPack; at: string; by: Actor }>;
export type ProofPackAcknowledged = DomainEvent<
  'ProofPackAcknowledged',
  { orderId: string; packId: string; acknowledgedOn: string; evidence: EvidenceRef[]; at: string; by: Actor }
>;

/** Where a post-buy audience measurement comes from (媒介效果分析). */
export const AUDIENCE_SOURCES = ['ratings-panel', 'ad-server', 'traffic-count', 'vendor-report'] as const;
export type AudienceSource = (typeof AUDIENCE_SOURCES)[number];

export interface AudienceFigures {
  impressions: number | null;
  /** Gross rating points delivered in the line's target audience. */
  grp: number | null;
  /** Percent of the target audience reached at least once. */
  reach: number | null;
  /** Average times each reached person saw it. */
  frequency: number | null;
}

/** The audience an order line delivered, measured after it ran (post-buy): the latest per line counts. */
export interface AudienceMeasurement extends AudienceFigures {
  planLineId: string;
  channel: string;
  vendor: { vendorId: string; name: string };
  measuredOn: string;
  source: AudienceSource;
  evidence: EvidenceRef[];
  note: string;
  recordedAt: string;
  recordedBy: Actor;
}

export type AudienceDeliveryRecorded = DomainEvent<'AudienceDeliveryRecorded', { orderId: string; measurement: AudienceMeasurement; at: string; by: Actor }>;

export type DeliveryEvent =
  UnitProofsRecorded | MakegoodOffered | MakegoodAccepted | MakegoodRejected | ProofPackDelivered | ProofPackAcknowledged | AudienceDeliveryRecorded;

export interface DeliveryState {
  proofs: Record<string, UnitProof>;
  makegoods: MakegoodOffer[];
  credits: Credit[];
  proofPacks: ProofPack[];
  /** Every post-buy measurement, in order recorded. */
  audience: AudienceMeasurement[];
}

export const initialDeliveryState = (): DeliveryState => ({ proofs: {}, makegoods: [], credits: [], proofPacks: [], audience: [] });
