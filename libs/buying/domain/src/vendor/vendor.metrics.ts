/** A unit of the vendor's signed orders in the period, as its proof left it. */
export interface MeasuredUnit {
  proof: 'pending' | 'aired' | 'preempted' | 'missed';
  proofLate: boolean;
  discrepancies: string[];
}

export interface VendorMetrics {
  units: number;
  proven: number;
  aired: number;
  preempted: number;
  missed: number;
  /** Aired of the units with proof, percent (null: none proven yet). */
  deliveryPercent: number | null;
  /** Preempted or missed of the units with proof, percent. */
  preemptionPercent: number | null;
  makegoodsOffered: number;
  makegoodsAcceptedOutsideRule: number;
  /** Invoice lines that did not match the order and its proof, of all the vendor's invoice lines in the period. */
  invoiceLines: number;
  invoiceDiscrepancies: number;
  invoiceAccuracyPercent: number | null;
  /** Units whose proof came after the grace days, of the proven ones. */
  lateProofs: number;
  proofTimelinessPercent: number | null;
  /** Aired units whose proof shows another time or length than ordered. */
  airedOffSchedule: number;
}

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

/** A vendor's evaluation metrics for a period, from the facts buying recorded (proof, makegoods, invoices). */
export function vendorMetrics(
  units: MeasuredUnit[],
  makegoods: Array<{ status: string; outsideRule: boolean }>,
  invoices: { lines: number; discrepancies: number },
): VendorMetrics {
  const proven = units.filter((u) => u.proof !== 'pending');
  const count = (p: MeasuredUnit['proof']) => units.filter((u) => u.proof === p).length;
  const aired = count('aired');
  const preempted = count('preempted');
  const missed = count('missed');
  const lateProofs = proven.filter((u) => u.proofLate).length;
  return {
    units: units.length,
    proven: proven.length,
    aired,
    preempted,
    missed,
    deliveryPercent: percent(aired, proven.length),
    preemptionPercent: percent(preempted + missed, proven.length),
    makegoodsOffered: makegoods.length,
    makegoodsAcceptedOutsideRule: makegoods.filter((m) => m.status === 'accepted' && m.outsideRule).length,
    invoiceLines: invoices.lines,
    invoiceDiscrepancies: invoices.discrepancies,
    invoiceAccuracyPercent: percent(invoices.lines - invoices.discrepancies, invoices.lines),
    lateProofs,
    proofTimelinessPercent: percent(proven.length - lateProofs, proven.length),
    airedOffSchedule: units.filter((u) => u.proof === 'aired' && u.discrepancies.length > 0).length,
  };
}

/** An order line's post-buy measurement beside what the client-approved plan line promised. */
export interface MeasuredLine {
  estimated: { impressions: number | null; grp: number | null };
  delivered: { impressions: number | null; grp: number | null };
}

/**
 * The audience side of a vendor's evaluation: of the lines measured in the period, what they delivered
 * as a percent of what the plans promised (GRP and impressions, each over the lines that have both).
 */
export function audienceDelivery(lines: MeasuredLine[]) {
  const index = (key: 'impressions' | 'grp') => {
    const both = lines.filter((l) => l.estimated[key] && l.delivered[key] !== null);
    const promised = both.reduce((s, l) => s + l.estimated[key]!, 0);
    return promised ? Math.round((both.reduce((s, l) => s + l.delivered[key]!, 0) * 1000) / promised) / 10 : null;
  };
  return { measuredLines: lines.length, grpIndexPercent: index('grp'), impressionsIndexPercent: index('impressions') };
}
