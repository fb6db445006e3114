import { entityProjection } from '@ooh/eventing';
import { clientContractDecider, contractBlockers, termsInForce, type ClientContractEvent, type ClientContractState } from '@ooh/buying-domain';

export const CLIENT_CONTRACTS = 'buying_client_contracts';

/** What a contract's view adds to its state: what it waits for, and the client and campaign to filter by. */
export const contractView = (state: ClientContractState) => {
  const terms = termsInForce(state) ?? state.revisions.at(-1)?.terms;
  return {
    blockedBy: contractBlockers(state),
    draftedAt: state.revisions[0]?.draftedAt ?? null,
    clientId: terms?.clientId ?? null,
    briefId: terms?.briefId ?? null,
  };
};

/** Client contracts with every revision, their billing and collections: the aggregate's own state. */
export const clientContractsProjection = entityProjection({
  name: 'buying.client-contracts',
  collection: CLIENT_CONTRACTS,
  category: 'buying.client_contract',
  indexes: [['status'], ['clientId'], ['briefId'], ['draftedAt']],
  decider: clientContractDecider,
  id: (e: ClientContractEvent) => e.data.contractId,
  view: contractView,
});
