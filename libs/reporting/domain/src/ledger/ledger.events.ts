import { streamName, type Actor, type DomainEvent } from '@ooh/eventing';

/**
 * One ledger per business document another service published facts about (a plan, an order, a
 * client contract, a vendor invoice, an OOH booking): `reporting.ledger-<kind>:<id>`.
 */
export const ledgerStream = (ledgerId: string): string => streamName('reporting', 'ledger', ledgerId);
export const ledgerIdOf = (kind: DocumentKind, id: string): string => `${kind}:${id}`;

export const DOCUMENT_KINDS = ['site', 'brief', 'plan', 'budget', 'client-contract', 'media-order', 'vendor-invoice', 'ooh-booking', 'production-job'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Money measures in fen, then counts. */
export const MONEY_MEASURES = [
  'planned',
  'authorized',
  'contracted',
  'ordered',
  'vendorInvoiced',
  'billed',
  'collected',
  'paidOut',
  'productionContracted',
  'productionBilled',
  'productionCollected',
  'productionCost',
] as const;
export const COUNT_MEASURES = ['unitsAired', 'unitsPreempted', 'unitsMissed', 'makegoodsAccepted', 'oohPosted', 'oohRemoved'] as const;
export const MEASURES = [...MONEY_MEASURES, ...COUNT_MEASURES] as const;
export type Measure = (typeof MEASURES)[number];
/** Unit by unit, for reconciliation only (campaign figures come from the measures above). */
export const DETAIL_MEASURES = [
  'unitOrdered',
  'unitInvoiced',
  'oohRequested',
  'faceDaysLive',
  'audienceEstimated',
  'audienceDelivered',
  'kpiTarget',
  'briefObjectives',
  'siteState',
  'faceHold',
  'creditDue',
] as const;
export type DetailMeasure = (typeof DETAIL_MEASURES)[number];
export const isMeasure = (m: string): m is Measure => (MEASURES as readonly string[]).includes(m);

/** What a unit-level fact is about. */
export interface FactDetail {
  unitId?: string | null;
  /** The units a vendor's credit settles. */
  unitIds?: string[];
  lineId?: string;
  channel?: string;
  date?: string;
  /** The last day of an OOH unit's period (a face is bought for days, not a spot). */
  endDate?: string;
  /** The days a proof-of-play report saw a face live, in its month. */
  days?: string[];
  /** An OOH unit's face (`siteId/face`): it is delivered when the booking of its line is posted. */
  face?: string | null;
  makegoodFor?: string | null;
  replacedBy?: string | null;
  lineNo?: number;
  result?: string;
  invoicedFen?: number;
  orderedNetFen?: number;
  disposition?: string | null;
  /** A plan line's promised audience, or what an order line delivered (post-buy). */
  audience?: AudienceFigures;
  vendor?: string;
  pricing?: string;
  /** Where a post-buy measurement came from (ratings panel, ad server, traffic count, vendor report). */
  source?: string;
  /** A brief's target: the metric it is for (its channel in `channel`). */
  metric?: string;
  target?: number;
  objectives?: string[];
  /** An operator site as it stood from the fact's instant. */
  site?: { city: string; station: string; kind: string; faces: string[]; status: string };
  /** A booking's hold on a face changed: taken for days, extended to a new end, or released from a day (null: all). */
  hold?: { change: string; start: string | null; end: string | null; releasedFrom: string | null };
}

export interface AudienceFigures {
  impressions: number | null;
  grp: number | null;
  reach: number | null;
  frequency: number | null;
}

/** Where a document belongs: whichever message knows a link supplies it. */
export interface LedgerLinks {
  briefId: string | null;
  clientId: string | null;
  campaign: string | null;
  orderId: string | null;
}

/**
 * One figure a published fact contributes. `businessDate` is when it happened (its local date),
 * `recordedAt` when the producer recorded it: a report "as of" a day counts facts up to that day, "as
 * known at" an instant only those recorded by then. Facts sharing `supersedes.key` replace each other:
 * only those of the highest `rank` count (a new order revision, a new plan version, a corrected unit).
 */
export interface Fact {
  factId: string;
  measure: Measure | DetailMeasure;
  amount: number;
  businessDate: string;
  recordedAt: string;
  channel: string | null;
  month: string | null;
  supersedes: { key: string; rank: string } | null;
  label: string;
  message: { messageId: string; type: string };
  detail?: FactDetail;
}

export type FactsRecorded = DomainEvent<
  'FactsRecorded',
  { ledgerId: string; kind: DocumentKind; documentId: string; links: Partial<LedgerLinks>; messageId: string; facts: Fact[]; at: string; by: Actor }
>;

export type LedgerEvent = FactsRecorded;

export interface LedgerState {
  status: 'none' | 'open';
  ledgerId: string;
  kind: DocumentKind | null;
  documentId: string;
  briefId: string | null;
  clientId: string | null;
  campaign: string | null;
  orderId: string | null;
  /** Links a later message contradicted (kept as first recorded). */
  conflicts: Array<{ link: keyof LedgerLinks; kept: string; offered: string; messageId: string }>;
  facts: Fact[];
  messageIds: string[];
  firstRecordedAt: string | null;
}

export const initialLedgerState = (): LedgerState => ({
  status: 'none',
  ledgerId: '',
  kind: null,
  documentId: '',
  briefId: null,
  clientId: null,
  campaign: null,
  orderId: null,
  conflicts: [],
  facts: [],
  messageIds: [],
  firstRecordedAt: null,
});

const LINKS: Array<keyof LedgerLinks> = ['briefId', 'clientId', 'campaign', 'orderId'];

export function evolveLedger(state: LedgerState, event: LedgerEvent): LedgerState {
  switch (event.type) {
    case 'FactsRecorded': {
      const { ledgerId, kind, documentId, links, messageId, facts, at } = event.data;
      const next: LedgerState = {
        ...state,
        status: 'open',
        ledgerId,
        kind,
        documentId,
        facts: [...state.facts, ...facts],
        messageIds: [...state.messageIds, messageId],
        firstRecordedAt: state.firstRecordedAt ?? at,
        conflicts: [...state.conflicts],
      };
      for (const link of LINKS) {
        const offered = links[link];
        if (!offered) continue;
        const kept = state[link];
        if (kept === null) next[link] = offered;
        else if (kept !== offered) next.conflicts.push({ link, kept, offered, messageId });
      }
      return next;
    }
  }
}
