import { Injectable } from '@nestjs/common';
import { commandContext, SYSTEM_ACTORS, type CommandContext, type CommandResult, type RecordedEvent } from '@ooh/eventing';
import { Aggregates, type ReactorDefinition } from '@ooh/http-kit';
import {
  mediaOrderAggregate,
  payableOf,
  prepaymentAvailable,
  signedRevisionOf,
  vendorInvoiceAggregate,
  type InvoicedOrderSnapshot,
  type MediaOrderState,
  type VendorInvoiceApproved,
} from '@ooh/buying-domain';

/** An order as an invoice is matched and approved against it: every unit of the revision in force (replaced ones too: they did not run) with its proof, and what earlier invoices billed. */
export function invoicedOrder(orderId: string, state: MediaOrderState): InvoicedOrderSnapshot {
  const billed = new Map(state.invoices.flatMap((i) => i.unitIds.map((u) => [u, i.invoiceNumber] as const)));
  const units = (signedRevisionOf(state)?.lines ?? [])
    .flatMap((l) => l.units)
    .map((u) => ({
      unitId: u.unitId,
      date: u.date,
      endDate: u.endDate,
      spotLengthSeconds: u.spotLengthSeconds,
      rateFen: u.rateFen,
      quantity: u.quantity,
      netFen: u.netFen,
      proof: state.proofs[u.unitId]?.outcome ?? null,
      airedAt: state.proofs[u.unitId]?.airedAt ?? null,
      billedOn: billed.get(u.unitId) ?? null,
    }));
  return {
    orderId,
    exists: state.status !== 'none',
    confirmed: state.signedRevision > 0 && state.confirmation !== null && state.status !== 'cancelled',
    vendor: { vendorId: state.vendor?.vendorId ?? '', name: state.vendor?.name ?? '' },
    currency: state.plan?.currency ?? 'CNY',
    units,
  };
}

/**
 * Approving an invoice reads the order it bills (the prepayment still unused, the last airing day and
 * the vendor's terms); once approved, the order records what it billed (a reaction, so a crash
 * between the two only delays it).
 */
@Injectable()
export class InvoiceBilling {
  private readonly orders;
  private readonly invoices;

  constructor(aggregates: Aggregates) {
    this.orders = aggregates.commands(mediaOrderAggregate);
    this.invoices = aggregates.commands(vendorInvoiceAggregate);
  }

  async approve(invoiceId: string, ctx: CommandContext): Promise<CommandResult> {
    const { state: invoice } = await this.invoices.require(invoiceId);
    const { state: order } = await this.orders.load(invoice.orderId);
    const data = {
      prepaymentAvailableFen: prepaymentAvailable(order),
      lastAiringDate: signedRevisionOf(order)?.totals.lastDate ?? invoice.invoiceDate,
      balanceDaysAfterAiring: order.vendor?.terms.balanceDaysAfterAiring ?? 0,
    };
    return this.invoices.execute(invoiceId, 'ApproveVendorInvoice', data, ctx);
  }

  readonly applyToOrder: ReactorDefinition = {
    name: 'buying.invoices-bill-orders',
    filter: { categories: ['buying.vendor_invoice'], eventTypes: ['VendorInvoiceApproved'] },
    react: async (event: RecordedEvent) => {
      const d = event.data as VendorInvoiceApproved['data'];
      const { state } = await this.invoices.load(d.invoiceId);
      const unitIds = state.matches.filter((m) => m.unitId !== null && payableOf(m) > 0).map((m) => m.unitId as string);
      const data = {
        invoiceId: d.invoiceId,
        invoiceNumber: d.invoiceNumber,
        unitIds,
        payableFen: d.payableFen,
        prepaymentDeductedFen: d.prepaymentDeductedFen,
      };
      await this.orders.execute(d.orderId, 'ApplyVendorInvoice', data, commandContext.fromEvent(event, { actor: SYSTEM_ACTORS.finance, key: ['bill-order'] }));
    },
  };
}
