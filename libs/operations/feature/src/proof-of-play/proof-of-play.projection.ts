import { entityProjection } from '@ooh/eventing';
import { proofOfPlayDecider, type ProofOfPlayEvent } from '@ooh/operations-domain';

export const PROOF_OF_PLAY = 'operations_proof_of_play';

/** The archive of proof-of-play reports, with whether, when and to whom each was sent: the report's own state. */
export const proofOfPlayProjection = entityProjection({
  name: 'operations.proof-of-play',
  collection: PROOF_OF_PLAY,
  category: 'operations.proof_of_play',
  indexes: [['month'], ['advertiser']],
  decider: proofOfPlayDecider,
  id: (e: ProofOfPlayEvent) => e.data.reportId,
});
