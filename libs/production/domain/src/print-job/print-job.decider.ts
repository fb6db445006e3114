import { addDays } from '@ooh/calendar';
import {
  AppError,
  blank,
  blocker,
  forbidden,
  notFound,
  requireReason,
  requireRole,
  ruleViolated,
  type Actor,
  type Blocker,
  type Command,
  type Decider,
  type EvidenceRef,
} from '@ooh/eventing';
import { requireBriefOfClient, type BriefSnapshot } from '../shared';
import { decidePrintFinish, printFinishBlockers, type PrintFinishCommand } from './print-job.finish';
import { evolvePrintJob, initialPrintJobState, type PrintJobEvent, type PrintJobState, type ReviewedContract } from './print-job.events';

export const PRINT_ACCOUNT = ['account-manager'] as const;
export const PRINT_REVIEWERS = ['account-director'] as const;
export const PRINT_KEEPERS = ['account-manager', 'production-manager'] as const;
/** Delivery may differ from the ordered quantity by at most this share, percent. */
export const MAX_TOLERANCE_PERCENT = 10;
/** How far ahead a print job may be needed, in days. */
export const MAX_PRINT_LEAD_DAYS = 730;

/** The awarded bid of a request for quotes, as the caller read it. */
export interface AwardedPrinterBid {
  requestId: string;
  exists: boolean;
  jobId: string;
  awarded: { bidId: string; vendor: { vendorId: string; name: string }; totalFen: number } | null;
}

type Base = { jobId: string; at: string; by: Actor };
export type OpenPrintJob = Command<
  'OpenPrintJob',
  Base & { client: { clientId: string; name: string }; brief: BriefSnapshot | null; title: string; currency: string; neededBy: string; today: string }
>;
export type OutputFilmProof = Command<'OutputFilmProof', Base & { file: EvidenceRef }>;
export type RecordProofSignature = Command<
  'RecordProofSignature',
  Base & { proofNo: number; sha256: string; quantity: number; material: string; tolerancePercent: number; evidence: EvidenceRef[] }
>;
export type ChoosePrinter = Command<'ChoosePrinter', Base & { bid: AwardedPrinterBid }>;
export type DraftPrintClientContract = Command<'DraftPrintClientContract', Base & { valueFen: number; terms: string }>;
export type ReviewPrintClientContract = Command<'ReviewPrintClientContract', Base & { decision: 'approve' | 'return'; notes: string }>;
export type SignPrintClientContract = Command<
  'SignPrintClientContract',
  Base & { signedOn: string; signatory: string; evidence: EvidenceRef[]; prepaymentPercent: number; today: string }
>;
export type RecordPrintPrepaymentSettled = Command<'RecordPrintPrepaymentSettled', Base & { receivableId: string; settledAt: string }>;
export type DraftPrinterContract = Command<'DraftPrinterContract', Base & { terms: string }>;
export type ReviewPrinterContract = Command<'ReviewPrinterContract', Base & { decision: 'approve' | 'return'; notes: string }>;
export type SignPrinterContract = Command<'SignPrinterContract', Base & { signedOn: string; signatory: string; evidence: EvidenceRef[]; today: string }>;
export type HandProofToPrinter = Command<'HandProofToPrinter', Base & { proofNo: number; sha256: string; receipt: EvidenceRef[] }>;
export type CancelPrintJob = Command<'CancelPrintJob', Base & { reason: string }>;

export type PrintJobCommand =
  | PrintFinishCommand
  | OpenPrintJob
  | OutputFilmProof
  | RecordProofSignature
  | ChoosePrinter
  | DraftPrintClientContract
  | ReviewPrintClientContract
  | SignPrintClientContract
  | RecordPrintPrepaymentSettled
  | DraftPrinterContract
  | ReviewPrinterContract
  | SignPrinterContract
  | HandProofToPrinter
  | CancelPrintJob;

const PREPAYMENT_GATE = blocker('prepayment', 'Finance to record the client’s prepayment of the print contract', ['finance']);

function requireStatus(state: PrintJobState, allowed: PrintJobState['status'][], what: string): void {
  if (state.status === 'none') throw notFound('PRINT_JOB_NOT_FOUND', `No print job ${state.jobId}`);
  if (!allowed.includes(state.status)) {
    const gate = state.status === 'awaiting-prepayment' ? { blockedBy: [PREPAYMENT_GATE] } : {};
    const code = state.status === 'awaiting-prepayment' ? 'PREPAYMENT_NOT_RECEIVED' : 'PRINT_JOB_STATUS';
    throw ruleViolated(code, `${what}: the print job is ${state.status}`, { status: state.status, ...gate });
  }
}

/** Reviewed by an account director who did not draft it; a returned draft is drafted again. */
function review(contract: ReviewedContract | null, by: Actor, what: string): void {
  requireRole(by, PRINT_REVIEWERS, what);
  if (!contract) throw ruleViolated('NO_DRAFT', `${what}: nothing is drafted`);
  if (contract.review) throw ruleViolated('ALREADY_REVIEWED', `${what}: the draft was already reviewed`);
  if (contract.draftedBy.userId === by.userId) throw forbidden('FOUR_EYES_VIOLATION', `${what} is by an account director who did not draft it`);
}

function requireSignable(contract: ReviewedContract | null, what: string): void {
  if (contract?.review?.decision !== 'approve')
    throw ruleViolated('CONTRACT_NOT_APPROVED', `${what}: the draft is approved by an account director first`, {
      blockedBy: [blocker('contract-review', 'The account director’s approval of the draft', PRINT_REVIEWERS)],
    });
  if (contract.signed) throw ruleViolated('ALREADY_SIGNED', `${what}: already signed`);
}

/**
 * Print jobs (印刷制作), to the hand-over: film proofs, the client's signed proof with quantity and
 * material, the printer from an awarded bid, the client's print contract (four-eyes review, signed,
 * prepayment invoiced), nothing more until the prepayment is received, the printer's contract (same
 * review), and the proof handed to the printer only if it is the very file the client signed.
 */
export function decidePrintJob(command: PrintJobCommand, state: PrintJobState): PrintJobEvent[] {
  const { jobId, at, by } = command.data;
  switch (command.type) {
    case 'OpenPrintJob': {
      const { client, brief, title, currency, neededBy, today } = command.data;
      requireRole(by, PRINT_ACCOUNT, 'Opening a print job');
      if (state.status !== 'none') throw new AppError('conflict', 'PRINT_JOB_ALREADY_EXISTS', `Print job ${jobId} already exists`);
      if (blank(client.clientId) || blank(client.name) || blank(title)) throw ruleViolated('JOB_INCOMPLETE', 'A print job names its client and title');
      if (neededBy < today) throw ruleViolated('DATE_IN_PAST', `The goods cannot be needed by ${neededBy}, before today (${today})`);
      if (neededBy > addDays(today, MAX_PRINT_LEAD_DAYS))
        throw ruleViolated('DATE_TOO_FAR', `The goods are needed within ${MAX_PRINT_LEAD_DAYS} days of today (${today}), not on ${neededBy}`);
      requireBriefOfClient(brief, client.clientId);
      return [{ type: 'PrintJobOpened', data: { jobId, client, briefId: brief?.briefId ?? null, title, currency, neededBy, at, by } }];
    }
    case 'OutputFilmProof': {
      requireRole(by, PRINT_KEEPERS, 'Recording a film proof');
      requireStatus(state, ['proofing'], 'A film proof');
      if (state.proofs.some((p) => p.file.sha256 === command.data.file.sha256))
        throw ruleViolated('PROOF_UNCHANGED', 'This file was already output as a proof');
      return [{ type: 'FilmProofOutput', data: { jobId, proofNo: state.proofs.length + 1, file: command.data.file, at, by } }];
    }
    case 'RecordProofSignature': {
      const { proofNo, sha256, quantity, material, tolerancePercent, evidence } = command.data;
      requireRole(by, PRINT_ACCOUNT, 'Recording the client’s signed proof');
      requireStatus(state, ['proofing'], 'The client’s signature of a proof');
      const proof = state.proofs.find((p) => p.proofNo === proofNo);
      if (!proof) throw notFound('PROOF_NOT_FOUND', `Print job ${jobId} has no proof ${proofNo}`);
      if (proof.file.sha256 !== sha256) throw ruleViolated('PROOF_HASH_MISMATCH', `Proof ${proofNo} is ${proof.file.sha256}, not the file signed (${sha256})`);
      if (proofNo !== state.proofs.length) throw ruleViolated('PROOF_STALE', `Proof ${proofNo} was replaced by proof ${state.proofs.length}`);
      if (quantity < 1 || blank(material)) throw ruleViolated('SPECIFICATION_REQUIRED', 'The client gives the quantity and the material');
      if (tolerancePercent < 0 || tolerancePercent > MAX_TOLERANCE_PERCENT)
        throw ruleViolated('TOLERANCE_INVALID', `The tolerance is 0 to ${MAX_TOLERANCE_PERCENT} percent`);
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The signed proof is recorded with its evidence');
      return [{ type: 'ProofSignedByClient', data: { jobId, proofNo, sha256, quantity, material, tolerancePercent, evidence, at, by } }];
    }
    case 'ChoosePrinter': {
      const { bid } = command.data;
      requireRole(by, PRINT_KEEPERS, 'Choosing the printer');
      requireStatus(state, ['specified'], 'Choosing the printer');
      if (!bid.exists) throw notFound('BID_REQUEST_NOT_FOUND', `No request for quotes ${bid.requestId}`);
      if (bid.jobId !== jobId) throw ruleViolated('BID_OF_ANOTHER_JOB', `Request ${bid.requestId} is for job ${bid.jobId}`);
      if (!bid.awarded)
        throw ruleViolated('BID_NOT_AWARDED', `Request ${bid.requestId} has no award yet`, {
          blockedBy: [blocker('award', 'An award of the printers’ bids (three compared, or the reason)', PRINT_KEEPERS)],
        });
      return [
        {
          type: 'PrinterChosen',
          data: { jobId, requestId: bid.requestId, bidId: bid.awarded.bidId, printer: bid.awarded.vendor, priceFen: bid.awarded.totalFen, at, by },
        },
      ];
    }
    case 'DraftPrintClientContract': {
      const { valueFen, terms } = command.data;
      requireRole(by, PRINT_ACCOUNT, 'Drafting the client’s print contract');
      requireStatus(state, ['printer-chosen', 'client-contract'], 'Drafting the client contract');
      if (state.clientContract && state.clientContract.review?.decision !== 'return') throw ruleViolated('DRAFT_PENDING', 'The draft waits for its review');
      if (valueFen <= 0 || blank(terms)) throw ruleViolated('CONTRACT_INCOMPLETE', 'A contract has a positive value and its terms');
      return [{ type: 'PrintClientContractDrafted', data: { jobId, valueFen, terms, at, by } }];
    }
    case 'ReviewPrintClientContract': {
      const { decision, notes } = command.data;
      requireStatus(state, ['client-contract'], 'Reviewing the client contract');
      review(state.clientContract, by, 'Reviewing the client’s print contract');
      if (decision === 'return') requireReason(notes, 'A returned draft');
      return [{ type: 'PrintClientContractReviewed', data: { jobId, decision, notes, at, by } }];
    }
    case 'SignPrintClientContract': {
      const { signedOn, signatory, evidence, prepaymentPercent, today } = command.data;
      requireRole(by, PRINT_ACCOUNT, 'Recording the client’s signature');
      requireStatus(state, ['client-contract'], 'Signing the client contract');
      requireSignable(state.clientContract, 'The client contract');
      if (evidence.length === 0 || blank(signatory))
        throw ruleViolated('EVIDENCE_REQUIRED', 'The signature is recorded with the signed contract and who signed');
      if (signedOn > today) throw ruleViolated('DATE_IN_FUTURE', `A contract cannot be signed on ${signedOn}, after today (${today})`);
      if (prepaymentPercent <= 0 || prepaymentPercent >= 100) throw ruleViolated('PREPAYMENT_INVALID', 'The prepayment is above 0 and below 100 percent');
      const valueFen = state.clientContract!.valueFen;
      const prepaymentFen = Math.round((valueFen * Math.round(prepaymentPercent * 100)) / 10_000);
      return [
        {
          type: 'PrintClientContractSigned',
          data: { jobId, signedOn, signatory, evidence, client: state.client!, title: state.title, valueFen, prepaymentFen, currency: state.currency, at, by },
        },
      ];
    }
    case 'RecordPrintPrepaymentSettled': {
      if (state.status === 'none') throw notFound('PRINT_JOB_NOT_FOUND', `No print job ${jobId}`);
      if (state.prepayment) return [];
      return [{ type: 'PrintPrepaymentSettled', data: { jobId, receivableId: command.data.receivableId, settledAt: command.data.settledAt, at, by } }];
    }
    case 'DraftPrinterContract': {
      requireRole(by, PRINT_ACCOUNT, 'Drafting the printer’s contract');
      requireStatus(state, ['printer-contract'], 'Drafting the printer contract');
      if (state.printerContract && state.printerContract.review?.decision !== 'return') throw ruleViolated('DRAFT_PENDING', 'The draft waits for its review');
      if (blank(command.data.terms)) throw ruleViolated('CONTRACT_INCOMPLETE', 'A contract has its terms');
      return [{ type: 'PrinterContractDrafted', data: { jobId, valueFen: state.printer!.priceFen, terms: command.data.terms, at, by } }];
    }
    case 'ReviewPrinterContract': {
      const { decision, notes } = command.data;
      requireStatus(state, ['printer-contract'], 'Reviewing the printer contract');
      review(state.printerContract, by, 'Reviewing the printer’s contract');
      if (decision === 'return') requireReason(notes, 'A returned draft');
      return [{ type: 'PrinterContractReviewed', data: { jobId, decision, notes, at, by } }];
    }
    case 'SignPrinterContract': {
      const { signedOn, signatory, evidence, today } = command.data;
      requireRole(by, PRINT_ACCOUNT, 'Recording the printer’s signature');
      requireStatus(state, ['printer-contract'], 'Signing the printer contract');
      requireSignable(state.printerContract, 'The printer contract');
      if (evidence.length === 0 || blank(signatory))
        throw ruleViolated('EVIDENCE_REQUIRED', 'The signature is recorded with the signed contract and who signed');
      if (signedOn > today) throw ruleViolated('DATE_IN_FUTURE', `A contract cannot be signed on ${signedOn}, after today (${today})`);
      return [{ type: 'PrinterContractSigned', data: { jobId, signedOn, signatory, evidence, at, by } }];
    }
    case 'HandProofToPrinter': {
      const { proofNo, sha256, receipt } = command.data;
      requireRole(by, PRINT_KEEPERS, 'Handing the proof to the printer');
      requireStatus(state, ['printer-contract'], 'The hand-over');
      if (!state.printerContract?.signed)
        throw ruleViolated('PRINTER_CONTRACT_NOT_SIGNED', 'The proof goes to the printer once its contract is signed', {
          blockedBy: [blocker('printer-contract', 'The printer’s contract signed', PRINT_ACCOUNT)],
        });
      const signed = state.signedProof!;
      if (proofNo !== signed.proofNo || sha256 !== signed.sha256)
        throw ruleViolated(
          'PROOF_NOT_THE_SIGNED_ONE',
          `The printer prints the proof the client signed (proof ${signed.proofNo}, ${signed.sha256}), not ${sha256}`,
        );
      if (receipt.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The hand-over is recorded with the printer’s receipt');
      return [{ type: 'ProofHandedToPrinter', data: { jobId, proofNo, sha256, receipt, at, by } }];
    }
    case 'RequestPrinterPayment':
    case 'RecordPrintCheckpoint':
    case 'SubmitPrintSamples':
    case 'ReviewPrintSamples':
    case 'RecordPrintBalanceSettled':
    case 'DeliverPrintGoods':
    case 'RecordPrinterPaid':
      return decidePrintFinish(command, state);
    case 'CancelPrintJob': {
      requireRole(by, PRINT_KEEPERS, 'Cancelling a print job');
      if (state.status === 'none') throw notFound('PRINT_JOB_NOT_FOUND', `No print job ${jobId}`);
      if (['cancelled', 'delivered', 'closed'].includes(state.status))
        throw ruleViolated('PRINT_JOB_STATUS', `A ${state.status} print job cannot be cancelled`, { status: state.status });
      requireReason(command.data.reason, 'A cancellation');
      return [{ type: 'PrintJobCancelled', data: { jobId, reason: command.data.reason, at, by } }];
    }
  }
}

export const printJobDecider: Decider<PrintJobCommand, PrintJobEvent, PrintJobState> = {
  decide: decidePrintJob,
  evolve: evolvePrintJob,
  initialState: initialPrintJobState,
};

/** What a print job waits for, and who releases it. */
export function printJobBlockers(state: PrintJobState): Blocker[] {
  switch (state.status) {
    case 'proofing':
      return [blocker('proof-signature', 'The client’s signature of the latest film proof, with quantity and material', PRINT_ACCOUNT)];
    case 'specified':
      return [blocker('printer', 'A printer chosen from an awarded bid', PRINT_KEEPERS)];
    case 'printer-chosen':
    case 'client-contract':
      return !state.clientContract || state.clientContract.review?.decision === 'return'
        ? [blocker('client-contract', 'The client’s print contract drafted', PRINT_ACCOUNT)]
        : !state.clientContract.review
          ? [blocker('contract-review', 'Review of the client contract by an account director who did not draft it', PRINT_REVIEWERS)]
          : [blocker('client-signature', 'The client’s signature', PRINT_ACCOUNT)];
    case 'awaiting-prepayment':
      return [PREPAYMENT_GATE];
    case 'printer-contract':
      return !state.printerContract?.signed
        ? [blocker('printer-contract', 'The printer’s contract drafted, reviewed and signed', PRINT_ACCOUNT)]
        : [blocker('hand-over', 'The signed proof handed to the printer', PRINT_KEEPERS)];
    case 'printing':
    case 'samples':
    case 'awaiting-balance':
    case 'balance-received':
    case 'delivered':
      return printFinishBlockers(state);
    case 'none':
    case 'closed':
    case 'cancelled':
      return [];
  }
}
