import { workItemMapper } from '@ooh/contracts';
import type { StateRelayDefinition } from '@ooh/http-kit';
import {
  clientContractDecider,
  contractBlockers,
  invoiceBlockers,
  mediaOrderDecider,
  orderBlockers,
  vendorInvoiceDecider,
  type ClientContractState,
  type MediaOrderState,
  type VendorInvoiceState,
} from '@ooh/buying-domain';

const mediaOrders: StateRelayDefinition<MediaOrderState> = {
  name: 'buying.media-order-work',
  category: 'buying.media_order',
  decider: mediaOrderDecider,
  map: workItemMapper<MediaOrderState>({
    context: 'buying',
    kind: 'media-order',
    path: '/api/buying/media-orders/{id}',
    title: (s) => `Media order with ${s.vendor?.name ?? 'a vendor'} (revision ${s.currentRevision})`,
    blockers: orderBlockers,
  }),
};

const clientContracts: StateRelayDefinition<ClientContractState> = {
  name: 'buying.client-contract-work',
  category: 'buying.client_contract',
  decider: clientContractDecider,
  map: workItemMapper<ClientContractState>({
    context: 'buying',
    kind: 'client-contract',
    path: '/api/buying/client-contracts/{id}',
    title: (s) => {
      const terms = s.revisions.at(-1)?.terms;
      return terms ? `Client contract: ${terms.clientName}, ${terms.campaign}` : 'Client contract';
    },
    blockers: contractBlockers,
  }),
};

const vendorInvoices: StateRelayDefinition<VendorInvoiceState> = {
  name: 'buying.vendor-invoice-work',
  category: 'buying.vendor_invoice',
  decider: vendorInvoiceDecider,
  map: workItemMapper<VendorInvoiceState>({
    context: 'buying',
    kind: 'vendor-invoice',
    path: '/api/buying/vendor-invoices/{id}',
    title: (s) => `Invoice ${s.invoiceNumber} of ${s.vendor?.name ?? 'a vendor'}`,
    blockers: invoiceBlockers,
  }),
};

/** Buying's documents that wait on people, published to the work queue. */
export const WORK_ITEMS = [mediaOrders, clientContracts, vendorInvoices] as Array<StateRelayDefinition<unknown>>;
