import { entityProjection } from '@ooh/eventing';
import { mediaOrderDecider, orderBlockers, signedRevisionOf, currentRevisionOf, type MediaOrderEvent, type MediaOrderState } from '@ooh/buying-domain';

export const MEDIA_ORDERS = 'buying_media_orders';

/** What an order's view adds to its state: what it waits for, and the fields lists filter by. */
export const orderView = (state: MediaOrderState) => ({
  blockedBy: orderBlockers(state),
  vendorId: state.vendor?.vendorId ?? '',
  briefId: state.plan?.briefId ?? '',
  planId: state.plan?.planId ?? '',
  committedNetFen: state.status === 'cancelled' ? 0 : (signedRevisionOf(state)?.totals.netFen ?? 0),
  materialsDueDate: (signedRevisionOf(state) ?? currentRevisionOf(state))?.materialsDueDate ?? null,
  draftedAt: state.revisions[0]?.draftedAt ?? null,
});

/** Media orders with every revision, what each waits for and who releases it: the aggregate's own state. */
export const mediaOrdersProjection = entityProjection({
  name: 'buying.media-orders',
  collection: MEDIA_ORDERS,
  category: 'buying.media_order',
  indexes: [['status'], ['vendorId', 'status'], ['briefId'], ['planId'], ['draftedAt'], ['materialsDueDate']],
  decider: mediaOrderDecider,
  id: (e: MediaOrderEvent) => e.data.orderId,
  view: orderView,
});
