import { defineAggregate } from '@ooh/eventing';
import { vendorInvoiceDecider } from './vendor-invoice.decider';
import { vendorInvoiceStream } from './vendor-invoice.events';

export const vendorInvoiceAggregate = defineAggregate({
  name: 'vendor-invoice',
  decider: vendorInvoiceDecider,
  stream: vendorInvoiceStream,
  idField: 'invoiceId',
  notFoundCode: 'VENDOR_INVOICE_NOT_FOUND',
});
