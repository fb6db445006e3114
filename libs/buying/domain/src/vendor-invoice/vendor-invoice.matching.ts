import { localDate } from '@ooh/calendar';
import type { ProofOutcome } from '../media-order/media-order.delivery.events';
import type { InvoiceLineInput, InvoiceMatch } from './vendor-invoice.events';

/** A unit of the order in force as the invoice is matched against it, with its proof. */
export interface InvoicedUnit {
  unitId: string;
  date: string;
  endDate: string;
  spotLengthSeconds: number | null;
  rateFen: number;
  quantity: number;
  netFen: number;
  proof: ProofOutcome | null;
  airedAt: string | null;
  /** An approved invoice of this vendor already billed it. */
  billedOn: string | null;
}

/**
 * Each invoice line against the order and the proof (对账): billed but not ordered, ordered but not
 * run (missed, preempted or without proof), or run at another rate, time or length than ordered.
 */
export function matchInvoice(lines: InvoiceLineInput[], units: InvoicedUnit[], timeZone: string): InvoiceMatch[] {
  const byId = new Map(units.map((u) => [u.unitId, u]));
  return lines.map((line) => {
    const match = (result: InvoiceMatch['result'], detail: string, orderedNetFen = 0): InvoiceMatch => ({
      lineNo: line.lineNo,
      unitId: line.unitId,
      result,
      detail,
      invoicedFen: line.amountFen,
      orderedNetFen,
      disposition: null,
    });
    const unit = line.unitId === null ? undefined : byId.get(line.unitId);
    if (!unit) return match('run-not-ordered', line.unitId === null ? 'the line names no ordered unit' : `the order has no unit ${line.unitId}`);
    if (unit.billedOn !== null) return match('run-not-ordered', `unit ${unit.unitId} was already billed on invoice ${unit.billedOn}`);
    if (unit.proof !== 'aired')
      return match('ordered-not-run', unit.proof === null ? `no proof that unit ${unit.unitId} aired` : `unit ${unit.unitId} was ${unit.proof}`, unit.netFen);
    if (line.rateFen !== unit.rateFen) return match('rate-discrepancy', `billed at ${line.rateFen} fen, ordered at ${unit.rateFen}`, unit.netFen);
    const day = line.airedAt ? localDate(line.airedAt, timeZone) : line.date;
    if (day < unit.date || day > unit.endDate)
      return match('time-discrepancy', `billed for ${day}, ordered for ${unit.date}${unit.endDate !== unit.date ? `–${unit.endDate}` : ''}`, unit.netFen);
    if (line.lengthSeconds !== null && unit.spotLengthSeconds !== null && line.lengthSeconds !== unit.spotLengthSeconds)
      return match('length-discrepancy', `billed ${line.lengthSeconds}s, ordered ${unit.spotLengthSeconds}s`, unit.netFen);
    return match('matched', 'as ordered and proven', unit.netFen);
  });
}

/** What a line is paid once matched or dispositioned: the order's net for a matched or accepted unit, nothing otherwise. */
export function payableOf(m: InvoiceMatch): number {
  if (m.result === 'matched') return m.orderedNetFen;
  if (m.disposition?.kind === 'accept-as-bonus') return m.result === 'run-not-ordered' ? 0 : m.orderedNetFen;
  return 0;
}
