import type { Projection } from '@ooh/eventing';
import type { ProofOfPlayEvent } from '@ooh/operations-domain';

export const PROOF_OF_PLAY = 'operations_proof_of_play';

/** The archive of proof-of-play reports, with whether and when each was sent to the client. */
export const proofOfPlayProjection: Projection = {
  name: 'operations.proof-of-play',
  collections: [PROOF_OF_PLAY],
  filter: { categories: ['operations.proof_of_play'] },
  indexes: [{ collection: PROOF_OF_PLAY, fields: ['month'] }, { collection: PROOF_OF_PLAY, fields: ['advertiser'] }],
  async apply({ event, get, put }) {
    const e = { type: event.type, data: event.data } as ProofOfPlayEvent;
    if (e.type === 'ProofOfPlayGenerated') {
      const { by: _by, at, ...content } = e.data;
      return put(PROOF_OF_PLAY, e.data.reportId, { ...content, status: 'generated', generatedAt: at, sentAt: null, sentTo: null, revision: event.revision });
    }
    const report = await get(PROOF_OF_PLAY, e.data.reportId);
    if (report) put(PROOF_OF_PLAY, e.data.reportId, { ...report, status: 'sent', sentAt: e.data.at, sentTo: e.data.sentTo, sentBy: e.data.by, sentEvidence: e.data.evidence, revision: event.revision });
  },
};
