import { countedFacts, type CountedFact, type ReportTimes } from '../campaign/campaign-360';
import type { AudienceFigures, LedgerState } from '../ledger/ledger.events';

const none = (): AudienceFigures => ({ impressions: null, grp: null, reach: null, frequency: null });
const round1 = (n: number) => Math.round(n * 10) / 10;
/** Delivered as a percent of the promise (null without both). */
const index = (delivered: number | null, estimated: number | null) => (delivered === null || !estimated ? null : round1((delivered * 100) / estimated));
const perThousand = (fen: number, impressions: number | null) => (impressions ? Math.round((fen * 1000) / impressions) : null);
const perPoint = (fen: number, grp: number | null) => (grp ? Math.round(fen / grp) : null);

/** Impressions and GRP add up across lines; reach and frequency of different lines do not (they overlap). */
function additive(figures: AudienceFigures[]): AudienceFigures {
  const sum = (key: 'impressions' | 'grp') => (figures.some((f) => f[key] !== null) ? figures.reduce((s, f) => s + (f[key] ?? 0), 0) : null);
  if (figures.length === 1) return figures[0];
  return { impressions: sum('impressions'), grp: sum('grp'), reach: null, frequency: null };
}

export interface PostBuyLine {
  lineId: string;
  channel: string;
  vendor: string;
  pricing: string;
  plannedNetFen: number;
  /** Net of what was delivered (the reconciliation's figure for the line's units). */
  deliveredNetFen: number;
  estimated: AudienceFigures;
  delivered: AudienceFigures | null;
  measuredOn: string | null;
  source: string | null;
  /** Delivered as a percent of the estimate, per metric; reach in points gained or lost. */
  index: { impressions: number | null; grp: number | null; reachPoints: number | null; frequency: number | null };
  cpmFen: { planned: number | null; actual: number | null };
  cppFen: { planned: number | null; actual: number | null };
}

export interface PostBuyGroup {
  key: string;
  lines: number;
  measured: number;
  plannedNetFen: number;
  deliveredNetFen: number;
  /** Estimates of every line, and of the measured lines alone (what the delivery is compared with). */
  estimated: AudienceFigures;
  estimatedMeasured: AudienceFigures;
  delivered: AudienceFigures;
  index: { impressions: number | null; grp: number | null };
  cpmFen: { planned: number | null; actual: number | null };
  cppFen: { planned: number | null; actual: number | null };
}

function group(key: string, lines: PostBuyLine[]): PostBuyGroup {
  const measured = lines.filter((l) => l.delivered !== null);
  const estimated = additive(lines.map((l) => l.estimated));
  const estimatedMeasured = measured.length ? additive(measured.map((l) => l.estimated)) : none();
  const delivered = measured.length ? additive(measured.map((l) => l.delivered!)) : none();
  const plannedNetFen = lines.reduce((s, l) => s + l.plannedNetFen, 0);
  const spent = measured.reduce((s, l) => s + l.deliveredNetFen, 0);
  return {
    key,
    lines: lines.length,
    measured: measured.length,
    plannedNetFen,
    deliveredNetFen: lines.reduce((s, l) => s + l.deliveredNetFen, 0),
    estimated,
    estimatedMeasured,
    delivered,
    index: { impressions: index(delivered.impressions, estimatedMeasured.impressions), grp: index(delivered.grp, estimatedMeasured.grp) },
    cpmFen: { planned: perThousand(plannedNetFen, estimated.impressions), actual: perThousand(spent, delivered.impressions) },
    cppFen: { planned: perPoint(plannedNetFen, estimated.grp), actual: perPoint(spent, delivered.grp) },
  };
}

const groupBy = (lines: PostBuyLine[], key: (l: PostBuyLine) => string) =>
  [...new Set(lines.map(key))].sort().map((k) =>
    group(
      k,
      lines.filter((l) => key(l) === k),
    ),
  );

/**
 * Post-campaign evaluation (宣传效果评估): per plan line, the audience the client-approved plan promised
 * against what the order lines delivered (the latest post-buy measurement of each), with cost per
 * thousand and per point planned and actual; rolled up per channel, per vendor and for the campaign.
 * Pure: the caller loads the campaign's ledgers and gives the net delivered per line.
 */
export function postBuy(ledgers: LedgerState[], times: ReportTimes, deliveredNetFen: Map<string, number>) {
  const facts = countedFacts(ledgers, times);
  const measuredOf = (lineId: string): CountedFact[] => facts.filter((f) => f.measure === 'audienceDelivered' && f.detail?.lineId === lineId);
  const lines = facts
    .filter((f) => f.measure === 'audienceEstimated' && f.detail?.lineId)
    .map((f): PostBuyLine => {
      const lineId = f.detail!.lineId!;
      const estimated = f.detail!.audience ?? none();
      const measurements = measuredOf(lineId);
      const delivered = measurements.length ? additive(measurements.map((m) => m.detail!.audience ?? none())) : null;
      const latest =
        measurements
          .map((m) => m.businessDate)
          .sort()
          .at(-1) ?? null;
      const spent = deliveredNetFen.get(lineId) ?? 0;
      return {
        lineId,
        channel: f.channel ?? '',
        vendor: f.detail!.vendor ?? '',
        pricing: f.detail!.pricing ?? '',
        plannedNetFen: f.amount,
        deliveredNetFen: spent,
        estimated,
        delivered,
        measuredOn: latest,
        source: [...new Set(measurements.map((m) => m.detail!.source ?? ''))].join(', ') || null,
        index: {
          impressions: index(delivered?.impressions ?? null, estimated.impressions),
          grp: index(delivered?.grp ?? null, estimated.grp),
          reachPoints: delivered?.reach != null && estimated.reach !== null ? round1(delivered.reach - estimated.reach) : null,
          frequency: index(delivered?.frequency ?? null, estimated.frequency),
        },
        cpmFen: { planned: perThousand(f.amount, estimated.impressions), actual: delivered ? perThousand(spent, delivered.impressions) : null },
        cppFen: { planned: perPoint(f.amount, estimated.grp), actual: delivered ? perPoint(spent, delivered.grp) : null },
      };
    })
    .sort((a, b) => a.lineId.localeCompare(b.lineId));
  const campaign = group('campaign', lines);
  const byChannel = groupBy(lines, (l) => l.channel);
  const kpis = facts
    .filter((f) => f.measure === 'kpiTarget' && f.detail?.metric)
    .map((f) => kpiAttainment(f.detail!.metric!, f.channel, f.detail!.target ?? 0, f.channel ? byChannel.find((g) => g.key === f.channel) : campaign))
    .sort((a, b) => (a.channel ?? '').localeCompare(b.channel ?? '') || a.metric.localeCompare(b.metric));
  const objectives = facts.find((f) => f.measure === 'briefObjectives')?.detail?.objectives ?? [];
  return { objectives, kpis, campaign, byChannel, byVendor: groupBy(lines, (l) => l.vendor), lines };
}

const COSTS = ['cpm', 'cpp'];

/**
 * How a brief's target fared: audience targets are met at or above them, cost targets at or below.
 * Reach and frequency are known only where one line's measurement covers the whole scope.
 */
function kpiAttainment(metric: string, channel: string | null, target: number, scope: PostBuyGroup | undefined) {
  const actualOf = (g: PostBuyGroup): number | null => {
    if (metric === 'cpm') return g.cpmFen.actual;
    if (metric === 'cpp') return g.cppFen.actual;
    return g.delivered[metric as keyof AudienceFigures] ?? null;
  };
  const actual = scope && scope.measured > 0 ? actualOf(scope) : null;
  const met = actual === null ? null : COSTS.includes(metric) ? actual <= target : actual >= target;
  return { metric, channel, target, actual, met, measuredLines: scope?.measured ?? 0, lines: scope?.lines ?? 0 };
}

export type PostBuy = ReturnType<typeof postBuy>;
