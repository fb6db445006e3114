import { defineAggregate } from '@ooh/eventing';
import { ledgerDecider } from './ledger.decider';
import { ledgerStream } from './ledger.events';

export const ledgerAggregate = defineAggregate({
  name: 'ledger',
  decider: ledgerDecider,
  stream: ledgerStream,
  idField: 'ledgerId',
  notFoundCode: 'LEDGER_NOT_FOUND',
});
