import { MEASURES, isMeasure, type DocumentKind, type Fact, type LedgerState, type Measure } from '../ledger/ledger.events';

export type Figures = Record<Measure, number>;

/** A report's two times: the business day it is for, and (separately) the instant the platform knew it at. */
export interface ReportTimes {
  asOf?: string | null;
  knownAt?: string | null;
}

export interface CountedFact extends Fact {
  ledgerId: string;
  kind: DocumentKind;
  documentId: string;
}

const zero = (): Figures => Object.fromEntries(MEASURES.map((m) => [m, 0])) as Figures;

/** The facts a report counts: happened by `asOf`, recorded by `knownAt`, and of each superseding key only the highest rank. */
export function countedFacts(ledgers: LedgerState[], times: ReportTimes = {}): CountedFact[] {
  const visible = ledgers.flatMap((l) =>
    l.facts
      .filter((f) => (!times.asOf || f.businessDate <= times.asOf) && (!times.knownAt || f.recordedAt <= times.knownAt))
      .map((f) => ({ ...f, ledgerId: l.ledgerId, kind: l.kind!, documentId: l.documentId })),
  );
  const top = new Map<string, string>();
  for (const f of visible) if (f.supersedes && (top.get(f.supersedes.key) ?? '') < f.supersedes.rank) top.set(f.supersedes.key, f.supersedes.rank);
  return visible.filter((f) => !f.supersedes || top.get(f.supersedes.key) === f.supersedes.rank);
}

function sum(facts: Fact[]): Figures {
  const figures = zero();
  for (const f of facts) if (isMeasure(f.measure)) figures[f.measure] += f.amount;
  return figures;
}

function groupBy(facts: CountedFact[], key: (f: CountedFact) => string | null): Array<[string, Figures]> {
  const groups = new Map<string, CountedFact[]>();
  for (const f of facts) {
    const k = key(f);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, fs]) => [k, sum(fs)]);
}

/** A difference between two figures the report highlights, and when it needs someone's attention. */
export interface Difference {
  code: string;
  label: string;
  of: Measure;
  against: Measure;
  differenceFen: number;
  attention: boolean;
}

const DIFFERENCES: Array<{ code: string; label: string; of: Measure; against: Measure; attention: (d: number) => boolean }> = [
  { code: 'PLANNED_OVER_AUTHORIZED', label: 'Planned beyond the client’s authorization', of: 'planned', against: 'authorized', attention: (d) => d > 0 },
  { code: 'ORDERED_VS_PLANNED', label: 'Ordered against the approved plan', of: 'ordered', against: 'planned', attention: (d) => d > 0 },
  { code: 'ORDERED_OVER_AUTHORIZED', label: 'Ordered beyond the client’s authorization', of: 'ordered', against: 'authorized', attention: (d) => d > 0 },
  { code: 'CONTRACTED_VS_PLANNED', label: 'Client contract against the approved plan', of: 'contracted', against: 'planned', attention: (d) => d < 0 },
  {
    code: 'BILLED_VS_CONTRACTED',
    label: 'Billed against the client contract (negative: still to bill)',
    of: 'billed',
    against: 'contracted',
    attention: (d) => d > 0,
  },
  { code: 'COLLECTED_VS_BILLED', label: 'Collected against billed (negative: outstanding)', of: 'collected', against: 'billed', attention: (d) => d > 0 },
  { code: 'INVOICED_VS_ORDERED', label: 'Vendor invoices against orders', of: 'vendorInvoiced', against: 'ordered', attention: (d) => d > 0 },
  {
    code: 'PRODUCTION_BILLED_VS_CONTRACTED',
    label: 'Production billed against its contracts (negative: still to bill)',
    of: 'productionBilled',
    against: 'productionContracted',
    attention: (d) => d > 0,
  },
  {
    code: 'PRODUCTION_COST_VS_CONTRACTED',
    label: 'Production vendors paid against what the client contracted (positive: a loss)',
    of: 'productionCost',
    against: 'productionContracted',
    attention: (d) => d > 0,
  },
  {
    code: 'PAID_VS_INVOICED',
    label: 'Paid to vendors against their invoices (negative: still to pay)',
    of: 'paidOut',
    against: 'vendorInvoiced',
    attention: (d) => d > 0,
  },
];

export function differencesOf(figures: Figures): Difference[] {
  return DIFFERENCES.map(({ code, label, of, against, attention }) => {
    const differenceFen = figures[of] - figures[against];
    return { code, label, of, against, differenceFen, attention: attention(differenceFen) };
  });
}

/** A document the report can show: known by `knownAt` and, with `asOf`, with a fact by that day (a document without facts yet: known by then). */
function existed(l: LedgerState, times: ReportTimes): boolean {
  const { asOf, knownAt } = times;
  if (knownAt && !(l.facts.length ? l.facts.some((f) => f.recordedAt <= knownAt) : (l.firstRecordedAt ?? '') <= knownAt)) return false;
  return !asOf || l.facts.length === 0 || l.facts.some((f) => f.businessDate <= asOf);
}

/**
 * Campaign 360 (the campaign's money from plan to payment, and its delivery): every figure summed
 * from the facts the services published, per channel, per month and per document, with the
 * differences between them. Pure: the caller loads the campaign's ledgers.
 */
export function campaign360(ledgers: LedgerState[], times: ReportTimes = {}) {
  const facts = countedFacts(ledgers, times).filter((f) => isMeasure(f.measure));
  const figures = sum(facts);
  return {
    figures,
    byChannel: groupBy(facts, (f) => f.channel).map(([channel, figures]) => ({ channel, figures })),
    byMonth: groupBy(facts, (f) => f.month ?? f.businessDate.slice(0, 7)).map(([month, figures]) => ({ month, figures })),
    differences: differencesOf(figures),
    documents: ledgers
      .filter((l) => existed(l, times))
      .map((l) => ({ ledgerId: l.ledgerId, kind: l.kind!, documentId: l.documentId, figures: sum(facts.filter((f) => f.ledgerId === l.ledgerId)) }))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.documentId.localeCompare(b.documentId)),
  };
}

export type Campaign360 = ReturnType<typeof campaign360>;
