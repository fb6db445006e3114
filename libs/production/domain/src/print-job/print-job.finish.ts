import { blank, blocker, notFound, requireReason, requireRole, ruleViolated, type Actor, type Blocker, type Command, type EvidenceRef } from '@ooh/eventing';
import type { PrintJobEvent, PrintJobState } from './print-job.events';

const ACCOUNT = ['account-manager'] as const;
const KEEPERS = ['account-manager', 'production-manager'] as const;
/** Progress is checked by the account executive, quality by the art director too (DOMAIN: 质量检查). */
const CHECKERS = { progress: ['account-manager', 'art-director'], quality: ['art-director'] } as const;
/** Everyone who may record a checkpoint (the decider checks the kind). */
export const PRINT_CHECKERS = ['account-manager', 'art-director'] as const;

type Base = { jobId: string; at: string; by: Actor };
export type RequestPrinterPayment = Command<'RequestPrinterPayment', Base & { costId: string; milestone: 'prepayment' | 'balance'; prepaymentPercent: number }>;
export type RecordPrintCheckpoint = Command<
  'RecordPrintCheckpoint',
  Base & { kind: 'progress' | 'quality'; passed: boolean; notes: string; evidence: EvidenceRef[] }
>;
export type SubmitPrintSamples = Command<'SubmitPrintSamples', Base & { evidence: EvidenceRef[] }>;
export type ReviewPrintSamples = Command<
  'ReviewPrintSamples',
  Base & {
    sampleNo: number;
    decision: 'accept' | 'reject';
    reason: string;
    reprintCostBorneBy: 'printer' | 'agency' | 'client' | null;
    evidence: EvidenceRef[];
  }
>;
export type RecordPrintBalanceSettled = Command<'RecordPrintBalanceSettled', Base & { receivableId: string; settledAt: string }>;
export type DeliverPrintGoods = Command<
  'DeliverPrintGoods',
  Base & { deliveredOn: string; quantity: number; receipt: EvidenceRef[]; acceptShortfall: boolean; today: string }
>;
export type RecordPrinterPaid = Command<'RecordPrinterPaid', Base & { costId: string; payableId: string; paidOn: string }>;

export type PrintFinishCommand =
  RequestPrinterPayment | RecordPrintCheckpoint | SubmitPrintSamples | ReviewPrintSamples | RecordPrintBalanceSettled | DeliverPrintGoods | RecordPrinterPaid;

const BALANCE_GATE = blocker('balance', 'Finance to record the client’s balance payment', ['finance']);

function requireStatus(state: PrintJobState, allowed: PrintJobState['status'][], what: string): void {
  if (state.status === 'none') throw notFound('PRINT_JOB_NOT_FOUND', `No print job ${state.jobId}`);
  if (!allowed.includes(state.status)) {
    const waitingForBalance = state.status === 'awaiting-balance';
    throw ruleViolated(waitingForBalance ? 'BALANCE_NOT_RECEIVED' : 'PRINT_JOB_STATUS', `${what}: the print job is ${state.status}`, {
      status: state.status,
      ...(waitingForBalance ? { blockedBy: [BALANCE_GATE] } : {}),
    });
  }
}

const prepaid = (state: PrintJobState) => state.printerPayments.filter((p) => p.milestone === 'prepayment').reduce((s, p) => s + p.amountFen, 0);

/** Printing to closure: the printer paid per its contract, checkpoints, samples, the balance gate, delivery within tolerance, closed once the printer is paid. */
export function decidePrintFinish(command: PrintFinishCommand, state: PrintJobState): PrintJobEvent[] {
  const { jobId, at, by } = command.data;
  switch (command.type) {
    case 'RequestPrinterPayment': {
      const { costId, milestone, prepaymentPercent } = command.data;
      requireRole(by, KEEPERS, 'Requesting the printer’s payment');
      if (state.printerPayments.some((p) => p.milestone === milestone))
        throw ruleViolated('PAYMENT_ALREADY_REQUESTED', `The printer’s ${milestone} was already requested`);
      const price = state.printer?.priceFen ?? 0;
      if (milestone === 'prepayment') {
        requireStatus(state, ['printer-contract', 'printing', 'samples', 'awaiting-balance', 'balance-received', 'delivered'], 'The printer’s prepayment');
        if (!state.printerContract?.signed) throw ruleViolated('PRINTER_CONTRACT_NOT_SIGNED', 'The printer is prepaid once its contract is signed');
        if (prepaymentPercent <= 0 || prepaymentPercent >= 100) throw ruleViolated('PREPAYMENT_INVALID', 'The prepayment is above 0 and below 100 percent');
        const amountFen = Math.round((price * Math.round(prepaymentPercent * 100)) / 10_000);
        return [
          { type: 'PrinterPaymentRequested', data: { jobId, costId, milestone, amountFen, currency: state.currency, printer: state.printer!.printer, at, by } },
        ];
      }
      requireStatus(state, ['delivered'], 'The printer’s balance');
      // The printer is paid for what it delivered: a shortfall the client was credited is not paid either.
      const shortfall = state.delivery?.shortfall;
      const withheld = shortfall ? Math.round((price * shortfall.units) / state.signedProof!.quantity) : 0;
      const amountFen = price - prepaid(state) - withheld;
      if (amountFen <= 0) throw ruleViolated('NOTHING_TO_PAY', 'The printer was paid in full');
      return [
        { type: 'PrinterPaymentRequested', data: { jobId, costId, milestone, amountFen, currency: state.currency, printer: state.printer!.printer, at, by } },
      ];
    }
    case 'RecordPrintCheckpoint': {
      const { kind, passed, notes, evidence } = command.data;
      requireRole(by, CHECKERS[kind], `A ${kind} checkpoint`);
      requireStatus(state, ['printing', 'samples'], 'A checkpoint');
      if (!passed && blank(notes)) throw ruleViolated('NOTES_REQUIRED', 'A failed checkpoint says what is wrong');
      return [{ type: 'PrintCheckpointRecorded', data: { jobId, kind, passed, notes, evidence, at, by } }];
    }
    case 'SubmitPrintSamples': {
      requireRole(by, KEEPERS, 'Submitting samples');
      requireStatus(state, ['printing'], 'Samples');
      // The print run as it is now: a reprint after rejected samples is checked again.
      const lastQuality = [...state.checkpoints].reverse().find((c) => c.kind === 'quality' && c.round === state.samples.length);
      if (!lastQuality?.passed)
        throw ruleViolated('QUALITY_NOT_CHECKED', 'Samples go to the client after a passed quality check of this print run', {
          blockedBy: [blocker('quality', 'A passed quality checkpoint by the art director', CHECKERS.quality)],
        });
      if (command.data.evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'Samples are recorded with photos or the delivery note');
      return [{ type: 'PrintSamplesSubmitted', data: { jobId, sampleNo: state.samples.length + 1, evidence: command.data.evidence, at, by } }];
    }
    case 'ReviewPrintSamples': {
      const { sampleNo, decision, reason, reprintCostBorneBy, evidence } = command.data;
      requireRole(by, ACCOUNT, 'Recording the client’s review of the samples');
      requireStatus(state, ['samples'], 'A review of samples');
      if (sampleNo !== state.samples.length) throw ruleViolated('SAMPLES_STALE', `Samples ${sampleNo} were replaced by samples ${state.samples.length}`);
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The client’s review is recorded with its evidence');
      if (decision === 'reject') {
        requireReason(reason, 'Rejected samples');
        if (reprintCostBorneBy === null) throw ruleViolated('REPRINT_COST_OWNER_REQUIRED', 'A reprint says who bears its cost');
      }
      const contract = state.clientContract!;
      const balance =
        decision === 'accept'
          ? { amountFen: contract.valueFen - state.clientPrepaymentFen, currency: state.currency, client: state.client!, title: state.title }
          : null;
      return [
        {
          type: 'PrintSamplesReviewed',
          data: { jobId, sampleNo, decision, reason, reprintCostBorneBy: decision === 'reject' ? reprintCostBorneBy : null, evidence, balance, at, by },
        },
      ];
    }
    case 'RecordPrintBalanceSettled': {
      if (state.balance) return [];
      requireStatus(state, ['awaiting-balance'], 'The balance');
      return [{ type: 'PrintBalanceSettled', data: { jobId, receivableId: command.data.receivableId, settledAt: command.data.settledAt, at, by } }];
    }
    case 'DeliverPrintGoods': {
      const { deliveredOn, quantity, receipt, acceptShortfall, today } = command.data;
      requireRole(by, KEEPERS, 'Recording the delivery');
      requireStatus(state, ['balance-received'], 'Delivery');
      if (deliveredOn > today) throw ruleViolated('DATE_IN_FUTURE', `Delivery cannot be recorded for ${deliveredOn}, after today (${today})`);
      if (receipt.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'Delivery is recorded with the client’s signed receipt');
      const ordered = state.signedProof!.quantity;
      const tolerance = Math.floor((ordered * state.signedProof!.tolerancePercent) / 100);
      if (quantity > ordered + tolerance)
        throw ruleViolated('OVER_DELIVERED', `${quantity} delivered, more than the ${ordered} ordered plus the tolerance (${tolerance})`);
      let shortfall: { units: number; creditFen: number } | null = null;
      if (quantity < ordered - tolerance) {
        if (!acceptShortfall)
          throw ruleViolated(
            'SHORT_DELIVERY',
            `${quantity} delivered: below the ${ordered} ordered less the tolerance (${tolerance}); refuse it, or accept it with a shortfall credit`,
            {
              ordered,
              tolerance,
            },
          );
        const units = ordered - quantity;
        shortfall = { units, creditFen: Math.round((state.clientContract!.valueFen * units) / ordered) };
      }
      return [{ type: 'PrintGoodsDelivered', data: { jobId, deliveredOn, quantity, receipt, shortfall, at, by } }];
    }
    case 'RecordPrinterPaid': {
      const { costId, payableId, paidOn } = command.data;
      const payment = state.printerPayments.find((p) => p.costId === costId);
      if (!payment) throw notFound('PRINTER_PAYMENT_NOT_FOUND', `Print job ${jobId} has no printer payment ${costId}`);
      if (payment.paid) return [];
      const events: PrintJobEvent[] = [{ type: 'PrinterPaid', data: { jobId, costId, payableId, paidOn, at, by } }];
      // Closed once, after delivery, the printer's balance and every other payment to it are paid.
      const allPaid = state.printerPayments.every((p) => p.costId === costId || p.paid);
      const balanceRequested = state.printerPayments.some((p) => p.milestone === 'balance');
      if (state.status === 'delivered' && balanceRequested && allPaid) events.push({ type: 'PrintJobClosed', data: { jobId, at, by } });
      return events;
    }
  }
}

/** What a print job waits for after the hand-over. */
export function printFinishBlockers(state: PrintJobState): Blocker[] {
  switch (state.status) {
    case 'printing':
      return [blocker('samples', 'Samples to the client after a passed quality check', CHECKERS.quality)];
    case 'samples':
      return [blocker('sample-review', 'The client’s review of the samples', ACCOUNT)];
    case 'awaiting-balance':
      return [BALANCE_GATE];
    case 'balance-received':
      return [blocker('delivery', 'The goods delivered with the client’s signed receipt', KEEPERS)];
    case 'delivered':
      return [blocker('printer-balance', 'The printer’s balance requested and paid by finance', ['production-manager', 'finance'])];
    case 'none':
    case 'proofing':
    case 'specified':
    case 'printer-chosen':
    case 'client-contract':
    case 'awaiting-prepayment':
    case 'printer-contract':
    case 'closed':
    case 'cancelled':
      return [];
  }
}
