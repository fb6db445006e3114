import { streamName, type Actor, type DomainEvent, type EvidenceRef } from '@ooh/eventing';
import type { VendorRef } from '../shared';

/** One stream per print job: `production.print_job-<id>`. */
export const printJobStream = (jobId: string): string => streamName('production', 'print_job', jobId);

export type PrintStatus =
  | 'none'
  | 'proofing'
  | 'specified'
  | 'printer-chosen'
  | 'client-contract'
  | 'awaiting-prepayment'
  | 'printer-contract'
  | 'printing'
  | 'samples'
  | 'awaiting-balance'
  | 'balance-received'
  | 'delivered'
  | 'closed'
  | 'cancelled';

/** A contract the account side drafts and an account director who did not draft it reviews. */
export interface ReviewedContract {
  valueFen: number;
  terms: string;
  draftedAt: string;
  draftedBy: Actor;
  review: { decision: 'approve' | 'return'; notes: string; at: string; by: Actor } | null;
  signed: { signedOn: string; signatory: string; evidence: EvidenceRef[]; at: string; by: Actor } | null;
}

interface Base {
  jobId: string;
  at: string;
  by: Actor;
}

export type PrintJobOpened = DomainEvent<
  'PrintJobOpened',
  Base & {
    client: { clientId: string; name: string };
    /** The campaign brief it is for (absent on jobs opened before jobs named one). */
    briefId?: string | null;
    title: string;
    currency: string;
    /** When the client needs the goods. */
    neededBy: string;
  }
>;
export type FilmProofOutput = DomainEvent<'FilmProofOutput', Base & { proofNo: number; file: EvidenceRef }>;
/** The client signed a film proof (菲林打样), with quantity, material and the delivery tolerance: the hash the printer must print. */
export type ProofSignedByClient = DomainEvent<
  'ProofSignedByClient',
  Base & { proofNo: number; sha256: string; quantity: number; material: string; tolerancePercent: number; evidence: EvidenceRef[] }
>;
export type PrinterChosen = DomainEvent<'PrinterChosen', Base & { requestId: string; bidId: string; printer: VendorRef; priceFen: number }>;
export type PrintClientContractDrafted = DomainEvent<'PrintClientContractDrafted', Base & { valueFen: number; terms: string }>;
export type PrintClientContractReviewed = DomainEvent<'PrintClientContractReviewed', Base & { decision: 'approve' | 'return'; notes: string }>;
export type PrintClientContractSigned = DomainEvent<
  'PrintClientContractSigned',
  Base & {
    signedOn: string;
    signatory: string;
    evidence: EvidenceRef[];
    client: { clientId: string; name: string };
    title: string;
    valueFen: number;
    prepaymentFen: number;
    currency: string;
  }
>;
export type PrintPrepaymentSettled = DomainEvent<'PrintPrepaymentSettled', Base & { receivableId: string; settledAt: string }>;
export type PrinterContractDrafted = DomainEvent<'PrinterContractDrafted', Base & { valueFen: number; terms: string }>;
export type PrinterContractReviewed = DomainEvent<'PrinterContractReviewed', Base & { decision: 'approve' | 'return'; notes: string }>;
export type PrinterContractSigned = DomainEvent<'PrinterContractSigned', Base & { signedOn: string; signatory: string; evidence: EvidenceRef[] }>;
/** The client-signed proof handed to the printer: the same bytes the client signed. */
export type ProofHandedToPrinter = DomainEvent<'ProofHandedToPrinter', Base & { proofNo: number; sha256: string; receipt: EvidenceRef[] }>;
export type PrintJobCancelled = DomainEvent<'PrintJobCancelled', Base & { reason: string }>;
export type PrinterPaymentRequested = DomainEvent<
  'PrinterPaymentRequested',
  Base & { costId: string; milestone: 'prepayment' | 'balance'; amountFen: number; currency: string; printer: VendorRef }
>;
export type PrintCheckpointRecorded = DomainEvent<
  'PrintCheckpointRecorded',
  Base & { kind: 'progress' | 'quality'; passed: boolean; notes: string; evidence: EvidenceRef[] }
>;
export type PrintSamplesSubmitted = DomainEvent<'PrintSamplesSubmitted', Base & { sampleNo: number; evidence: EvidenceRef[] }>;
export type PrintSamplesReviewed = DomainEvent<
  'PrintSamplesReviewed',
  Base & {
    sampleNo: number;
    decision: 'accept' | 'reject';
    reason: string;
    reprintCostBorneBy: 'printer' | 'agency' | 'client' | null;
    evidence: EvidenceRef[];
    balance: { amountFen: number; currency: string; client: { clientId: string; name: string }; title: string } | null;
  }
>;
export type PrintBalanceSettled = DomainEvent<'PrintBalanceSettled', Base & { receivableId: string; settledAt: string }>;
export type PrintGoodsDelivered = DomainEvent<
  'PrintGoodsDelivered',
  Base & { deliveredOn: string; quantity: number; receipt: EvidenceRef[]; shortfall: { units: number; creditFen: number } | null }
>;
export type PrinterPaid = DomainEvent<'PrinterPaid', Base & { costId: string; payableId: string; paidOn: string }>;
export type PrintJobClosed = DomainEvent<'PrintJobClosed', Base>;

export type PrintJobEvent =
  | PrintJobOpened
  | FilmProofOutput
  | ProofSignedByClient
  | PrinterChosen
  | PrintClientContractDrafted
  | PrintClientContractReviewed
  | PrintClientContractSigned
  | PrintPrepaymentSettled
  | PrinterContractDrafted
  | PrinterContractReviewed
  | PrinterContractSigned
  | ProofHandedToPrinter
  | PrintJobCancelled
  | PrinterPaymentRequested
  | PrintCheckpointRecorded
  | PrintSamplesSubmitted
  | PrintSamplesReviewed
  | PrintBalanceSettled
  | PrintGoodsDelivered
  | PrinterPaid
  | PrintJobClosed;

export interface PrintJobState {
  status: PrintStatus;
  jobId: string;
  client: { clientId: string; name: string } | null;
  briefId: string | null;
  title: string;
  currency: string;
  neededBy: string;
  proofs: Array<{ proofNo: number; file: EvidenceRef; at: string; by: Actor }>;
  signedProof: {
    proofNo: number;
    sha256: string;
    quantity: number;
    material: string;
    tolerancePercent: number;
    evidence: EvidenceRef[];
    at: string;
    by: Actor;
  } | null;
  printer: { requestId: string; bidId: string; printer: VendorRef; priceFen: number } | null;
  clientContract: ReviewedContract | null;
  /** What the client's signature invoiced in advance (the balance is the rest). */
  clientPrepaymentFen: number;
  prepayment: { receivableId: string; settledAt: string } | null;
  printerContract: ReviewedContract | null;
  handOver: { proofNo: number; sha256: string; receipt: EvidenceRef[]; at: string; by: Actor } | null;
  printerPayments: Array<{ costId: string; milestone: 'prepayment' | 'balance'; amountFen: number; paid: { payableId: string; paidOn: string } | null }>;
  /** `round`: how many samples had gone to the client when the check was made (a reprint is checked again). */
  checkpoints: Array<{ kind: 'progress' | 'quality'; passed: boolean; notes: string; evidence: EvidenceRef[]; round: number; at: string; by: Actor }>;
  samples: Array<{
    sampleNo: number;
    evidence: EvidenceRef[];
    review: { decision: 'accept' | 'reject'; reason: string; reprintCostBorneBy: string | null; at: string; by: Actor } | null;
  }>;
  balance: { receivableId: string; settledAt: string } | null;
  delivery: {
    deliveredOn: string;
    quantity: number;
    receipt: EvidenceRef[];
    shortfall: { units: number; creditFen: number } | null;
    at: string;
    by: Actor;
  } | null;
  openedAt: string | null;
  openedBy: Actor | null;
  cancellation: { reason: string; at: string; by: Actor } | null;
}

export const initialPrintJobState = (): PrintJobState => ({
  status: 'none',
  jobId: '',
  client: null,
  briefId: null,
  title: '',
  currency: '',
  neededBy: '',
  proofs: [],
  signedProof: null,
  printer: null,
  clientContract: null,
  clientPrepaymentFen: 0,
  prepayment: null,
  printerContract: null,
  handOver: null,
  printerPayments: [],
  checkpoints: [],
  samples: [],
  balance: null,
  delivery: null,
  openedAt: null,
  openedBy: null,
  cancellation: null,
});

const drafted = (valueFen: number, terms: string, at: string, by: Actor): ReviewedContract => ({
  valueFen,
  terms,
  draftedAt: at,
  draftedBy: by,
  review: null,
  signed: null,
});

export function evolvePrintJob(state: PrintJobState, event: PrintJobEvent): PrintJobState {
  const { at, by } = event.data;
  switch (event.type) {
    case 'PrintJobOpened': {
      const { jobId, client, title, currency, neededBy } = event.data;
      const briefId = event.data.briefId ?? null;
      return { ...initialPrintJobState(), status: 'proofing', jobId, client, briefId, title, currency, neededBy, openedAt: at, openedBy: by };
    }
    case 'FilmProofOutput':
      return { ...state, proofs: [...state.proofs, { proofNo: event.data.proofNo, file: event.data.file, at, by }] };
    case 'ProofSignedByClient': {
      const { proofNo, sha256, quantity, material, tolerancePercent, evidence } = event.data;
      return { ...state, status: 'specified', signedProof: { proofNo, sha256, quantity, material, tolerancePercent, evidence, at, by } };
    }
    case 'PrinterChosen': {
      const { requestId, bidId, printer, priceFen } = event.data;
      return { ...state, status: 'printer-chosen', printer: { requestId, bidId, printer, priceFen } };
    }
    case 'PrintClientContractDrafted':
      return { ...state, status: 'client-contract', clientContract: drafted(event.data.valueFen, event.data.terms, at, by) };
    case 'PrintClientContractReviewed':
      return { ...state, clientContract: { ...state.clientContract!, review: { decision: event.data.decision, notes: event.data.notes, at, by } } };
    case 'PrintClientContractSigned': {
      const { signedOn, signatory, evidence } = event.data;
      return {
        ...state,
        status: 'awaiting-prepayment',
        clientPrepaymentFen: event.data.prepaymentFen,
        clientContract: { ...state.clientContract!, signed: { signedOn, signatory, evidence, at, by } },
      };
    }
    case 'PrintPrepaymentSettled':
      return { ...state, status: 'printer-contract', prepayment: { receivableId: event.data.receivableId, settledAt: event.data.settledAt } };
    case 'PrinterContractDrafted':
      return { ...state, printerContract: drafted(event.data.valueFen, event.data.terms, at, by) };
    case 'PrinterContractReviewed':
      return { ...state, printerContract: { ...state.printerContract!, review: { decision: event.data.decision, notes: event.data.notes, at, by } } };
    case 'PrinterContractSigned': {
      const { signedOn, signatory, evidence } = event.data;
      return { ...state, printerContract: { ...state.printerContract!, signed: { signedOn, signatory, evidence, at, by } } };
    }
    case 'ProofHandedToPrinter': {
      const { proofNo, sha256, receipt } = event.data;
      return { ...state, status: 'printing', handOver: { proofNo, sha256, receipt, at, by } };
    }
    case 'PrintJobCancelled':
      return { ...state, status: 'cancelled', cancellation: { reason: event.data.reason, at, by } };
    case 'PrinterPaymentRequested': {
      const { costId, milestone, amountFen } = event.data;
      return { ...state, printerPayments: [...state.printerPayments, { costId, milestone, amountFen, paid: null }] };
    }
    case 'PrintCheckpointRecorded': {
      const { kind, passed, notes, evidence } = event.data;
      return { ...state, checkpoints: [...state.checkpoints, { kind, passed, notes, evidence, round: state.samples.length, at, by }] };
    }
    case 'PrintSamplesSubmitted':
      return { ...state, status: 'samples', samples: [...state.samples, { sampleNo: event.data.sampleNo, evidence: event.data.evidence, review: null }] };
    case 'PrintSamplesReviewed': {
      const { sampleNo, decision, reason, reprintCostBorneBy } = event.data;
      return {
        ...state,
        status: decision === 'accept' ? 'awaiting-balance' : 'printing',
        samples: state.samples.map((x) => (x.sampleNo === sampleNo ? { ...x, review: { decision, reason, reprintCostBorneBy, at, by } } : x)),
      };
    }
    case 'PrintBalanceSettled':
      return { ...state, status: 'balance-received', balance: { receivableId: event.data.receivableId, settledAt: event.data.settledAt } };
    case 'PrintGoodsDelivered': {
      const { deliveredOn, quantity, receipt, shortfall } = event.data;
      return { ...state, status: 'delivered', delivery: { deliveredOn, quantity, receipt, shortfall, at, by } };
    }
    case 'PrinterPaid': {
      const { costId, payableId, paidOn } = event.data;
      return { ...state, printerPayments: state.printerPayments.map((p) => (p.costId === costId ? { ...p, paid: { payableId, paidOn } } : p)) };
    }
    case 'PrintJobClosed':
      return { ...state, status: 'closed' };
  }
}
