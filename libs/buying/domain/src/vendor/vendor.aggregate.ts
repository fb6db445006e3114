import { defineAggregate } from '@ooh/eventing';
import { vendorDecider } from './vendor.decider';
import { vendorStream } from './vendor.events';

export const vendorAggregate = defineAggregate({
  name: 'vendor',
  decider: vendorDecider,
  stream: vendorStream,
  idField: 'vendorId',
  notFoundCode: 'VENDOR_NOT_FOUND',
});
