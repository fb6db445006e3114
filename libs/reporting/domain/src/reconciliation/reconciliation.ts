import { countedFacts, type CountedFact, type ReportTimes } from '../campaign/campaign-360';
import type { LedgerState } from '../ledger/ledger.events';

/** Why a line does not balance. */
export const RECONCILIATION_REASONS = [
  'UNITS_PENDING',
  'NOT_PROVEN',
  'MISSED_NOT_MADE_GOOD',
  'INVOICED_NOT_AIRED',
  'AIRED_NOT_INVOICED',
  'INVOICE_DIFFERENCE',
  'INVOICE_LINE_NOT_ORDERED',
] as const;
export type ReconciliationReason = (typeof RECONCILIATION_REASONS)[number];

interface Unit {
  unitId: string;
  lineId: string;
  channel: string;
  date: string;
  netFen: number;
  makegoodFor: string | null;
  replacedBy: string | null;
}

const OUTCOMES: Record<string, 'aired' | 'preempted' | 'missed'> = { unitsAired: 'aired', unitsPreempted: 'preempted', unitsMissed: 'missed' };

function reason(code: ReconciliationReason, units: string[], amountFen: number, note: string) {
  return { code, unitIds: units, amountFen, note };
}

/**
 * Four-way reconciliation per order line: ordered (the units of the revision in force), delivered (the
 * units' latest proof), vendor-invoiced (what approved invoices accepted per unit) and, for the
 * campaign, billed; every line that does not balance lists why, unit by unit. Units due after `cutoff`
 * are pending, not missing. Pure: the caller loads the campaign's ledgers.
 */
export function reconciliation(ledgers: LedgerState[], times: ReportTimes, cutoff: string) {
  const facts = countedFacts(ledgers, times);
  const orders = ledgers.filter((l) => l.kind === 'media-order');
  return orders
    .map((order) => {
      const mine = (f: CountedFact) => f.ledgerId === order.ledgerId;
      const units = facts
        .filter((f) => mine(f) && f.measure === 'unitOrdered' && f.detail?.unitId)
        .map((f): Unit => ({
          unitId: f.detail!.unitId!,
          lineId: f.detail!.lineId ?? '',
          channel: f.detail!.channel ?? f.channel ?? '',
          date: f.detail!.date ?? f.businessDate,
          netFen: f.amount,
          makegoodFor: f.detail!.makegoodFor ?? null,
          replacedBy: f.detail!.replacedBy ?? null,
        }));
      const outcome = new Map(facts.filter((f) => mine(f) && OUTCOMES[f.measure] && f.detail?.unitId).map((f) => [f.detail!.unitId!, OUTCOMES[f.measure]]));
      // OOH units run on the operator's faces: a unit is delivered once the booking of its line is posted.
      const bookings = ledgers.filter((l) => l.kind === 'ooh-booking' && l.orderId === order.documentId).map((l) => l.ledgerId);
      const postedLines = new Set(
        facts
          .filter((f) => bookings.includes(f.ledgerId) && f.measure === 'oohRequested' && f.detail?.lineId)
          .filter((request) => facts.some((f) => f.ledgerId === request.ledgerId && f.measure === 'oohPosted'))
          .map((request) => request.detail!.lineId!),
      );
      for (const f of facts)
        if (
          mine(f) &&
          f.measure === 'unitOrdered' &&
          f.detail?.face &&
          f.detail.unitId &&
          !outcome.has(f.detail.unitId) &&
          postedLines.has(f.detail.lineId ?? '')
        )
          outcome.set(f.detail.unitId, 'aired');
      const invoiceLedgers = new Set(ledgers.filter((l) => l.kind === 'vendor-invoice' && l.orderId === order.documentId).map((l) => l.ledgerId));
      const invoiceLines = facts.filter((f) => invoiceLedgers.has(f.ledgerId) && f.measure === 'unitInvoiced');
      const known = new Set(units.map((u) => u.unitId));
      const invoiced = (unitId: string) => invoiceLines.filter((f) => f.detail?.unitId === unitId);

      const lines = [...new Set(units.map((u) => u.lineId))].sort().map((lineId) => {
        const lineUnits = units.filter((u) => u.lineId === lineId);
        const inForce = lineUnits.filter((u) => u.replacedBy === null);
        const aired = inForce.filter((u) => outcome.get(u.unitId) === 'aired');
        const pending = inForce.filter((u) => !outcome.has(u.unitId) && u.date > cutoff);
        const unproven = inForce.filter((u) => !outcome.has(u.unitId) && u.date <= cutoff);
        const missed = inForce.filter((u) => ['missed', 'preempted'].includes(outcome.get(u.unitId) ?? ''));
        const lineInvoices = lineUnits.flatMap((u) => invoiced(u.unitId));
        const invoicedFen = lineInvoices.reduce((s, f) => s + f.amount, 0);
        const sumOf = (us: Unit[]) => us.reduce((s, u) => s + u.netFen, 0);
        const ids = (us: Unit[]) => us.map((u) => u.unitId);
        const reasons = [];
        if (pending.length) reasons.push(reason('UNITS_PENDING', ids(pending), sumOf(pending), 'Not due yet'));
        if (unproven.length) reasons.push(reason('NOT_PROVEN', ids(unproven), sumOf(unproven), 'Due, but no proof of airing recorded'));
        if (missed.length) reasons.push(reason('MISSED_NOT_MADE_GOOD', ids(missed), sumOf(missed), 'Missed or preempted, no makegood accepted'));
        const invoicedNotAired = lineUnits.filter((u) => outcome.get(u.unitId) !== 'aired' && invoiced(u.unitId).some((f) => f.amount > 0));
        if (invoicedNotAired.length)
          reasons.push(
            reason(
              'INVOICED_NOT_AIRED',
              ids(invoicedNotAired),
              invoicedNotAired.reduce((s, u) => s + invoiced(u.unitId).reduce((t, f) => t + f.amount, 0), 0),
              'Accepted on an invoice without proof that it aired',
            ),
          );
        const notInvoiced = aired.filter((u) => invoiced(u.unitId).length === 0);
        if (notInvoiced.length)
          reasons.push(
            reason(
              'AIRED_NOT_INVOICED',
              ids(notInvoiced),
              sumOf(notInvoiced),
              invoiceLedgers.size ? 'Aired, on no approved invoice' : 'Aired, no invoice approved yet',
            ),
          );
        const differences = lineInvoices.filter((f) => f.detail?.result && f.detail.result !== 'matched');
        for (const f of differences)
          reasons.push(
            reason(
              'INVOICE_DIFFERENCE',
              [f.detail!.unitId ?? ''],
              f.detail!.invoicedFen ?? 0,
              `${f.detail!.result}${f.detail!.disposition ? `, settled as ${f.detail!.disposition}` : ', not settled'} (${f.label})`,
            ),
          );
        const orderedFen = sumOf(inForce);
        const deliveredFen = sumOf(aired);
        return {
          lineId,
          channel: lineUnits[0]?.channel ?? '',
          units: inForce.length,
          makegoods: lineUnits.filter((u) => u.makegoodFor !== null).length,
          aired: aired.length,
          missed: missed.length,
          unproven: unproven.length,
          pending: pending.length,
          orderedFen,
          deliveredFen,
          invoicedFen,
          balanced: reasons.length === 0 && orderedFen === deliveredFen && deliveredFen === invoicedFen,
          reasons,
        };
      });
      const orphans = invoiceLines.filter((f) => !f.detail?.unitId || !known.has(f.detail.unitId));
      return {
        orderId: order.documentId,
        ledgerId: order.ledgerId,
        lines,
        unmatchedInvoiceLines: orphans.map((f) =>
          reason('INVOICE_LINE_NOT_ORDERED', f.detail?.unitId ? [f.detail.unitId] : [], f.detail?.invoicedFen ?? 0, f.label),
        ),
      };
    })
    .sort((a, b) => a.orderId.localeCompare(b.orderId));
}

export type Reconciliation = ReturnType<typeof reconciliation>;
