import { combineProjections, entityProjection, eventProjection } from '@ooh/eventing';
import { invoiceBlockers, vendorInvoiceDecider, type VendorInvoiceEvent, type VendorInvoiceState, type InvoiceMatch } from '@ooh/buying-domain';

export const VENDOR_INVOICES = 'buying_vendor_invoices';
export const INVOICE_DISCREPANCIES = 'buying_invoice_discrepancies';

export const invoiceView = (state: VendorInvoiceState) => ({ blockedBy: invoiceBlockers(state), vendorId: state.vendor?.vendorId ?? '' });

const invoices = entityProjection({
  name: 'buying.vendor-invoices',
  collection: VENDOR_INVOICES,
  category: 'buying.vendor_invoice',
  indexes: [['status'], ['orderId'], ['vendorId'], ['recordedAt']],
  decider: vendorInvoiceDecider,
  id: (e: VendorInvoiceEvent) => e.data.invoiceId,
  view: invoiceView,
});

/** Every line that did not match, as its invoice now stands (open until dispositioned). */
const discrepancies = eventProjection<VendorInvoiceEvent>({
  name: 'buying.invoice-discrepancies',
  collections: [INVOICE_DISCREPANCIES],
  categories: ['buying.vendor_invoice'],
  indexes: [
    { collection: INVOICE_DISCREPANCIES, fields: ['open', 'vendorId'] },
    { collection: INVOICE_DISCREPANCIES, fields: ['result'] },
  ],
  on: {
    async VendorInvoiceRecorded(_event, context) {
      await rewrite(context);
    },
    async DiscrepancyDispositioned(_event, context) {
      await rewrite(context);
    },
    async VendorInvoiceApproved(_event, context) {
      await rewrite(context);
    },
    async VendorInvoiceRejected(_event, context) {
      await rewrite(context);
    },
  },
});

async function rewrite(context: Parameters<typeof discrepancies.apply>[0]): Promise<void> {
  const invoiceId = (context.event.data as { invoiceId: string }).invoiceId;
  const invoice = await context.get<VendorInvoiceState & Record<string, unknown>>(VENDOR_INVOICES, invoiceId);
  if (!invoice) return;
  invoice.matches
    .filter((m: InvoiceMatch) => m.result !== 'matched')
    .forEach((m: InvoiceMatch) =>
      context.put(INVOICE_DISCREPANCIES, `${invoiceId}:${m.lineNo}`, {
        ...m,
        invoiceId,
        invoiceNumber: invoice.invoiceNumber,
        orderId: invoice.orderId,
        vendorId: invoice.vendor?.vendorId ?? '',
        open: m.disposition === null,
        invoiceStatus: invoice.status,
      }),
    );
}

/** Vendor invoices and their open discrepancies, in one projection (the discrepancies read the invoice it just wrote). */
export const vendorInvoicesProjection = combineProjections('buying.vendor-invoices+discrepancies', invoices, discrepancies);
export { invoices as vendorInvoiceEntities };
