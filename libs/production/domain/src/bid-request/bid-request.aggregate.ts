import { defineAggregate } from '@ooh/eventing';
import { bidRequestDecider } from './bid-request.decider';
import { bidRequestStream } from './bid-request.events';

export const bidRequestAggregate = defineAggregate({
  name: 'bid-request',
  decider: bidRequestDecider,
  stream: bidRequestStream,
  idField: 'requestId',
  notFoundCode: 'BID_REQUEST_NOT_FOUND',
});
