import { defineAggregate } from '@ooh/eventing';
import { clientContractDecider } from './client-contract.decider';
import { clientContractStream } from './client-contract.events';

export const clientContractAggregate = defineAggregate({
  name: 'client-contract',
  decider: clientContractDecider,
  stream: clientContractStream,
  idField: 'contractId',
  notFoundCode: 'CLIENT_CONTRACT_NOT_FOUND',
});
