import { fold, SYSTEM_ACTORS, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { proofOfPlayDecider } from '@ooh/operations-domain';
import { PROOF_OF_PLAY, proofOfPlayProjection } from './proof-of-play.projection';

const sales: Actor = { userId: 'xiao', role: 'sales' };
const proof = { blobId: 'f'.repeat(64), sha256: 'f'.repeat(64), contentType: 'image/png' };
const lines = [{ bookingId: 'b1', siteId: 'S-1', face: 'A', daysLive: ['2026-12-01'], inspections: [] }];

describe('proof-of-play projection', () => {
  it('archives each report as generated, then who sent it to whom and when', async () => {
    const events = eventsFrom(proofOfPlayDecider, [
      {
        type: 'GenerateProofOfPlay',
        data: { reportId: 'r1', advertiser: 'Beer Co.', month: '2026-12', lines, at: '2027-01-01T01:00:00.000Z', by: SYSTEM_ACTORS.scheduler },
      },
      { type: 'MarkProofOfPlaySent', data: { reportId: 'r1', sentTo: 'client@example.com', evidence: [proof], at: '2027-01-02T01:00:00.000Z', by: sales } },
    ]);
    const documents = await projectionSpec(proofOfPlayProjection)
      .given(...events.map((e) => ({ streamId: 'operations.proof_of_play-r1', recordedAt: '2027-01-02T01:00:01.000Z', ...e })))
      .documents();
    expect(documents[PROOF_OF_PLAY].r1).toEqual({ ...fold(proofOfPlayDecider, events), revision: 1, updatedAt: '2027-01-02T01:00:01.000Z' });
    expect(documents[PROOF_OF_PLAY].r1).toMatchObject({
      status: 'sent',
      advertiser: 'Beer Co.',
      month: '2026-12',
      lines,
      generatedAt: '2027-01-01T01:00:00.000Z',
      sentAt: '2027-01-02T01:00:00.000Z',
      sentTo: 'client@example.com',
      sentBy: sales,
      sentEvidence: [proof],
    });
  });
});
