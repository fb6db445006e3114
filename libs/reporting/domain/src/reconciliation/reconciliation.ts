import { countedFacts, type CountedFact, type ReportTimes } from '../campaign/campaign-360';
import type { LedgerState } from '../ledger/ledger.events';
import { faceDays, lineBookings, type FaceDays } from './ooh-face-days';

/** Why a line does not balance. */
export const RECONCILIATION_REASONS = [
  'UNITS_PENDING',
  'NOT_PROVEN',
  'MISSED_NOT_MADE_GOOD',
  'INVOICED_NOT_AIRED',
  'AIRED_NOT_INVOICED',
  'FACE_DAYS_SHORT',
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
  /** An OOH unit: a face bought for days. */
  faceDays: FaceDays | null;
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
      // OOH units run on the operator's faces: each line is one booking, its face-days live from posting, removal and proof of play.
      const bookings = ledgers.filter((l) => l.kind === 'ooh-booking' && l.orderId === order.documentId).map((l) => l.ledgerId);
      const bookingsOfLine = (lineId: string) =>
        lineBookings(
          facts,
          bookings.filter((b) => facts.some((f) => f.ledgerId === b && f.measure === 'oohRequested' && f.detail?.lineId === lineId)),
        );
      const units = facts
        .filter((f) => mine(f) && f.measure === 'unitOrdered' && f.detail?.unitId)
        .map((f): Unit => {
          const d = f.detail!;
          const date = d.date ?? f.businessDate;
          return {
            unitId: d.unitId!,
            lineId: d.lineId ?? '',
            channel: d.channel ?? f.channel ?? '',
            date,
            netFen: f.amount,
            makegoodFor: d.makegoodFor ?? null,
            replacedBy: d.replacedBy ?? null,
            faceDays: d.face ? faceDays(d.face, { start: date, end: d.endDate ?? date }, bookingsOfLine(d.lineId ?? ''), cutoff) : null,
          };
        });
      const outcome = new Map(facts.filter((f) => mine(f) && OUTCOMES[f.measure] && f.detail?.unitId).map((f) => [f.detail!.unitId!, OUTCOMES[f.measure]]));
      // A face is delivered when every day bought was live: the operator's record decides, not a proof that it went up.
      for (const u of units) {
        if (!u.faceDays) continue;
        if (u.faceDays.live === u.faceDays.ordered) outcome.set(u.unitId, 'aired');
        else outcome.delete(u.unitId);
      }
      const credits = facts.filter((f) => mine(f) && f.measure === 'creditDue' && f.detail?.unitIds?.length);
      const credited = new Set(credits.flatMap((c) => c.detail!.unitIds!));
      const invoiceLedgers = new Set(ledgers.filter((l) => l.kind === 'vendor-invoice' && l.orderId === order.documentId).map((l) => l.ledgerId));
      const invoiceLines = facts.filter((f) => invoiceLedgers.has(f.ledgerId) && f.measure === 'unitInvoiced');
      const known = new Set(units.map((u) => u.unitId));
      const invoiced = (unitId: string) => invoiceLines.filter((f) => f.detail?.unitId === unitId);

      const lines = [...new Set(units.map((u) => u.lineId))].sort().map((lineId) => {
        const lineUnits = units.filter((u) => u.lineId === lineId);
        const inForce = lineUnits.filter((u) => u.replacedBy === null);
        const aired = inForce.filter((u) => outcome.get(u.unitId) === 'aired');
        const spots = inForce.filter((u) => !u.faceDays);
        const faces = inForce.filter((u) => u.faceDays);
        const share = (u: Unit, days: number) => Math.round((u.netFen * days) / u.faceDays!.ordered);
        const pending = [...spots.filter((u) => !outcome.has(u.unitId) && u.date > cutoff), ...faces.filter((u) => u.faceDays!.pending > 0)];
        const unproven = spots.filter((u) => !outcome.has(u.unitId) && u.date <= cutoff);
        const short = faces.filter((u) => u.faceDays!.short.length > 0);
        const lineCredits = credits.filter((c) => c.detail!.unitIds!.some((id) => lineUnits.some((u) => u.unitId === id)));
        // A missed unit the vendor credited is settled: the credit, not a makegood, closes it.
        const missed = inForce.filter((u) => ['missed', 'preempted'].includes(outcome.get(u.unitId) ?? '') && !credited.has(u.unitId));
        const creditedFen = lineCredits.reduce((s, c) => s + c.amount, 0);
        const lineInvoices = lineUnits.flatMap((u) => invoiced(u.unitId));
        const invoicedFen = lineInvoices.reduce((s, f) => s + f.amount, 0);
        const sumOf = (us: Unit[]) => us.reduce((s, u) => s + u.netFen, 0);
        const ids = (us: Unit[]) => us.map((u) => u.unitId);
        const reasons = [];
        if (pending.length)
          reasons.push(
            reason(
              'UNITS_PENDING',
              ids(pending),
              pending.reduce((s, u) => s + (u.faceDays ? share(u, u.faceDays.pending) : u.netFen), 0),
              'Not due yet',
            ),
          );
        if (unproven.length) reasons.push(reason('NOT_PROVEN', ids(unproven), sumOf(unproven), 'Due, but no proof of airing recorded'));
        if (missed.length) reasons.push(reason('MISSED_NOT_MADE_GOOD', ids(missed), sumOf(missed), 'Missed or preempted, no makegood accepted'));
        const shortDays = short.flatMap((u) => u.faceDays!.short);
        if (short.length)
          reasons.push(
            reason(
              'FACE_DAYS_SHORT',
              ids(short),
              short.reduce((s, u) => s + share(u, u.faceDays!.short.length), 0),
              `${shortDays.length} face-days bought and due were not live (posted late, removed early or out of service): ${[...new Set(shortDays)].sort().join(', ')}`,
            ),
          );
        const invoicedNotAired = lineUnits.filter(
          (u) => outcome.get(u.unitId) !== 'aired' && (!u.faceDays || u.faceDays.live === 0) && invoiced(u.unitId).some((f) => f.amount > 0),
        );
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
        const dueFen = orderedFen - creditedFen;
        const deliveredFen = sumOf(aired.filter((u) => !u.faceDays)) + faces.reduce((s, u) => s + share(u, u.faceDays!.live), 0);
        const faceDaysOf = (key: 'ordered' | 'pending' | 'live') => faces.reduce((s, u) => s + u.faceDays![key], 0);
        return {
          lineId,
          channel: lineUnits[0]?.channel ?? '',
          units: inForce.length,
          makegoods: lineUnits.filter((u) => u.makegoodFor !== null).length,
          aired: aired.length,
          missed: missed.length,
          unproven: unproven.length,
          pending: pending.length,
          faceDays: faces.length ? { ordered: faceDaysOf('ordered'), pending: faceDaysOf('pending'), live: faceDaysOf('live'), short: shortDays.length } : null,
          orderedFen,
          deliveredFen,
          invoicedFen,
          creditedFen,
          credits: lineCredits.map((c) => ({ unitIds: c.detail!.unitIds!, amountFen: c.amount, note: c.label })),
          balanced: reasons.length === 0 && dueFen === deliveredFen && deliveredFen === invoicedFen,
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

/** The face-days of every OOH line of a reconciliation, summed. */
export function totalFaceDays(orders: Reconciliation) {
  const total = { ordered: 0, pending: 0, live: 0, short: 0 };
  for (const line of orders.flatMap((o) => o.lines))
    if (line.faceDays) for (const key of ['ordered', 'pending', 'live', 'short'] as const) total[key] += line.faceDays[key];
  return total;
}
