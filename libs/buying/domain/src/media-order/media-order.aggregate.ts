import { defineAggregate } from '@ooh/eventing';
import { mediaOrderDecider } from './media-order.decider';
import { mediaOrderStream } from './media-order.events';

export const mediaOrderAggregate = defineAggregate({
  name: 'media-order',
  decider: mediaOrderDecider,
  stream: mediaOrderStream,
  idField: 'orderId',
  notFoundCode: 'MEDIA_ORDER_NOT_FOUND',
});
