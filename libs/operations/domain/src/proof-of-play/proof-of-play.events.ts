import { streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';

/** 监播报告: monthly, per advertiser. Stream `operations.proof_of_play-<reportId>`. */
export const proofOfPlayStream = (reportId: string): string => streamName('operations', 'proof_of_play', reportId);

export interface ProofOfPlayLine {
  bookingId: string;
  siteId: string;
  face: string;
  /** Local dates the ad was live in the month. */
  daysLive: string[];
  inspections: Array<{ inspectionId: string; date: string; adsCorrect: boolean; photos: EvidenceRef[] }>;
}

export interface ProofOfPlayContent {
  advertiser: string;
  /** YYYY-MM */
  month: string;
  lines: ProofOfPlayLine[];
}

export type ProofOfPlayGenerated = DomainEvent<'ProofOfPlayGenerated', ProofOfPlayContent & { reportId: string; at: string; by: Actor }>;
export type ProofOfPlaySent = DomainEvent<'ProofOfPlaySent', { reportId: string; sentTo: string; evidence: EvidenceRef[]; at: string; by: Actor }>;
export type ProofOfPlayEvent = ProofOfPlayGenerated | ProofOfPlaySent;

export interface ProofOfPlayState extends ProofOfPlayContent {
  status: 'none' | 'generated' | 'sent';
  reportId: string;
  generatedAt: string | null;
  sentAt: string | null;
  sentTo: string | null;
  sentBy?: Actor;
  sentEvidence?: EvidenceRef[];
}

export const initialProofOfPlayState = (): ProofOfPlayState => ({
  status: 'none',
  reportId: '',
  advertiser: '',
  month: '',
  lines: [],
  generatedAt: null,
  sentAt: null,
  sentTo: null,
});

export function evolveProofOfPlay(state: ProofOfPlayState, event: ProofOfPlayEvent): ProofOfPlayState {
  switch (event.type) {
    case 'ProofOfPlayGenerated': {
      const { reportId, advertiser, month, lines, at } = event.data;
      return { ...initialProofOfPlayState(), status: 'generated', reportId, advertiser, month, lines, generatedAt: at };
    }
    case 'ProofOfPlaySent': {
      const { sentTo, evidence, at, by } = event.data;
      return { ...state, status: 'sent', sentAt: at, sentTo, sentBy: by, sentEvidence: evidence };
    }
    default:
      return state;
  }
}
