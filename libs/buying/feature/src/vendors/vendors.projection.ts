import { entityProjection } from '@ooh/eventing';
import { vendorDecider, type VendorEvent } from '@ooh/buying-domain';

export const VENDORS = 'buying_vendors';

/** The vendor library: each vendor as its decider folds it (every rate card version kept). */
export const vendorsProjection = entityProjection({
  name: 'buying.vendors',
  collection: VENDORS,
  category: 'buying.vendor',
  indexes: [['status'], ['profile.kind'], ['registeredAt']],
  decider: vendorDecider,
  id: (e: VendorEvent) => e.data.vendorId,
});
