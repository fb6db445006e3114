import { defineAggregate } from '@ooh/eventing';
import { clientDecider } from './client.decider';
import { clientStream } from './client.events';

export const clientAggregate = defineAggregate({
  name: 'client',
  decider: clientDecider,
  stream: clientStream,
  idField: 'clientId',
  notFoundCode: 'CLIENT_NOT_FOUND',
});
