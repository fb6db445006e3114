import { deciderSpec } from '@ooh/eventing-testing';
import { proofOfPlayDecider, type GenerateProofOfPlay, type MarkProofOfPlaySent } from './proof-of-play.decider';
import type { ProofOfPlayGenerated } from './proof-of-play.events';

const spec = deciderSpec(proofOfPlayDecider);
const system = { userId: 'system:scheduler', role: 'system' };
const manager = { userId: 'mei', role: 'ops-manager' };
const content = {
  advertiser: 'Chongqing Beer Co.',
  month: '2026-12',
  lines: [{ bookingId: 'b1', siteId: 'CQN-LED-01', face: 'A', daysLive: ['2026-12-02'], inspections: [] }],
};
const generate: GenerateProofOfPlay = { type: 'GenerateProofOfPlay', data: { reportId: 'r1', ...content, at: '2027-01-01T01:00:00.000Z', by: system } };
const generated: ProofOfPlayGenerated = { type: 'ProofOfPlayGenerated', data: generate.data };
const send: MarkProofOfPlaySent = {
  type: 'MarkProofOfPlaySent',
  data: { reportId: 'r1', sentTo: 'client@example.com', evidence: [], at: '2027-01-02T01:00:00.000Z', by: manager },
};

describe('proof-of-play report', () => {
  describe('When no report exists', () => {
    it('should generate and archive the month\u2019s report', () => spec.given([]).when(generate).then([generated]));
    it('should refuse a malformed month', () =>
      spec
        .given([])
        .when({ ...generate, data: { ...generate.data, month: '2026-13' } })
        .thenThrows('INVALID_MONTH', 'rule-violated'));
    it('should refuse to mark it sent', () => spec.given([]).when(send).thenThrows('REPORT_NOT_FOUND', 'not-found'));
  });

  describe('When the report was generated', () => {
    it('should not generate it twice (the scheduler may run again)', () => spec.given([generated]).when(generate).thenNothingHappens());
    it('should be marked sent with the recipient', () =>
      spec
        .given([generated])
        .when(send)
        .then([{ type: 'ProofOfPlaySent', data: send.data }]));
    it('should refuse sending without a recipient', () =>
      spec
        .given([generated])
        .when({ ...send, data: { ...send.data, sentTo: ' ' } })
        .thenThrows('RECIPIENT_REQUIRED'));
  });

  describe('When the report was sent', () => {
    it('should ignore a second send', () =>
      spec
        .given([generated, { type: 'ProofOfPlaySent', data: send.data }])
        .when(send)
        .thenNothingHappens());
  });
});
