import { assertNever, notFound, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import { evolveProofOfPlay, initialProofOfPlayState, type ProofOfPlayContent, type ProofOfPlayEvent, type ProofOfPlayState } from './proof-of-play.events';

/** Issued by the scheduler after a month ends; generating the same report again changes nothing (it is archived). */
export type GenerateProofOfPlay = Command<'GenerateProofOfPlay', ProofOfPlayContent & { reportId: string; at: string; by: Actor }>;
export type MarkProofOfPlaySent = Command<'MarkProofOfPlaySent', { reportId: string; sentTo: string; evidence: EvidenceRef[]; at: string; by: Actor }>;
export type ProofOfPlayCommand = GenerateProofOfPlay | MarkProofOfPlaySent;

export function decideProofOfPlay(command: ProofOfPlayCommand, state: ProofOfPlayState): ProofOfPlayEvent[] {
  switch (command.type) {
    case 'GenerateProofOfPlay': {
      if (state.status !== 'none') return [];
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(command.data.month)) throw ruleViolated('INVALID_MONTH', `${command.data.month} is not a month YYYY-MM`);
      return [{ type: 'ProofOfPlayGenerated', data: command.data }];
    }
    case 'MarkProofOfPlaySent': {
      if (state.status === 'none') throw notFound('REPORT_NOT_FOUND', `No proof-of-play report ${command.data.reportId}`);
      if (state.status === 'sent') return [];
      if (command.data.sentTo.trim() === '') throw ruleViolated('RECIPIENT_REQUIRED', 'Say whom the report was sent to');
      return [{ type: 'ProofOfPlaySent', data: command.data }];
    }
    default:
      return assertNever(command);
  }
}

export const proofOfPlayDecider: Decider<ProofOfPlayCommand, ProofOfPlayEvent, ProofOfPlayState> = {
  decide: decideProofOfPlay,
  evolve: evolveProofOfPlay,
  initialState: initialProofOfPlayState,
};
