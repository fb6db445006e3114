import { AppError, forbidden, notFound, ruleViolated, type Actor, type Command, type EvidenceRef } from '@ooh/eventing';
import { blank, blocker, requireReason, requireRole, type Blocker } from '../shared';
import type { CfJobState } from './cf-job.events';
import type { PostProductionEvent, ReviewDecision } from './cf-job.post.events';

const PRODUCERS = ['production-manager'] as const;
const DIRECTORS = ['production-director'] as const;
const CLIENT_FACING = ['account-manager'] as const;
const KEEPERS = ['production-manager', 'account-manager'] as const;

type Base = { jobId: string; at: string; by: Actor };
export type StartPostProduction = Command<'StartPostProduction', Base & { startedOn: string; today: string }>;
export type SubmitCut = Command<'SubmitCut', Base & { file: EvidenceRef; note: string }>;
export type ReviewCutInternally = Command<'ReviewCutInternally', Base & { cutNo: number; sha256: string; decision: ReviewDecision; notes: string }>;
export type RecordClientCutReview = Command<
  'RecordClientCutReview',
  Base & { cutNo: number; sha256: string; decision: ReviewDecision; notes: string; evidence: EvidenceRef[] }
>;
export type RequestChangeOrder = Command<
  'RequestChangeOrder',
  Base & { changeId: string; scope: string; costDeltaFen: number; extraRounds: number; reason: string; clientEvidence: EvidenceRef[] }
>;
export type ApproveChangeOrder = Command<'ApproveChangeOrder', Base & { changeId: string }>;
export type RecordBalanceSettled = Command<'RecordBalanceSettled', Base & { receivableId: string; settledAt: string }>;
export type DeliverMaster = Command<'DeliverMaster', Base & { deliveredOn: string; receipt: EvidenceRef[]; today: string }>;
export type CloseCfJob = Command<'CloseCfJob', Base>;

export type PostProductionCommand =
  | StartPostProduction
  | SubmitCut
  | ReviewCutInternally
  | RecordClientCutReview
  | RequestChangeOrder
  | ApproveChangeOrder
  | RecordBalanceSettled
  | DeliverMaster
  | CloseCfJob;

/** Client review rounds the contract and the approved change orders allow. */
export const roundsAllowed = (state: CfJobState): number =>
  (state.contract?.includedReviewRounds ?? 0) + state.changeOrders.filter((c) => c.approved).reduce((n, c) => n + c.extraRounds, 0);

const latestCut = (state: CfJobState) => state.cuts.at(-1);
const BALANCE_GATE = blocker('balance', 'Finance to record the client’s balance payment', ['finance']);
const changeOrderGate = (state: CfJobState) =>
  blocker('change-order', `An approved change order adding review rounds (${state.roundsUsed} of ${roundsAllowed(state)} used)`, DIRECTORS);

function cutUnderReview(state: CfJobState, cutNo: number, sha256: string) {
  const cut = state.cuts.find((c) => c.cutNo === cutNo);
  if (!cut) throw notFound('CUT_NOT_FOUND', `Job ${state.jobId} has no cut ${cutNo}`);
  if (cut.cutNo !== latestCut(state)?.cutNo)
    throw ruleViolated('CUT_STALE', `Cut ${cutNo} was replaced by cut ${latestCut(state)?.cutNo}: a review is of the latest cut`);
  if (cut.file.sha256 !== sha256) throw ruleViolated('CUT_HASH_MISMATCH', `Cut ${cutNo} is ${cut.file.sha256}, not the file reviewed (${sha256})`);
  return cut;
}

/** Post-production to closure: cuts reviewed by the production director then the client, rounds, change orders, the balance gate and delivery. */
export function decidePostProduction(command: PostProductionCommand, state: CfJobState): PostProductionEvent[] {
  const { jobId, at, by } = command.data;
  switch (command.type) {
    case 'StartPostProduction': {
      const { startedOn, today } = command.data;
      requireRole(by, PRODUCERS, 'Starting post-production');
      if (state.status !== 'shooting') throw ruleViolated('NOT_SHOT', `Post-production follows the shoot; job ${jobId} is ${state.status}`);
      if (startedOn > today) throw ruleViolated('DATE_IN_FUTURE', `Post-production cannot have started on ${startedOn}, after today (${today})`);
      if (state.shootingStartedOn && startedOn < state.shootingStartedOn)
        throw ruleViolated('BEFORE_SHOOT', `Post-production starts after the shoot (${state.shootingStartedOn})`);
      return [{ type: 'PostProductionStarted', data: { jobId, startedOn, at, by } }];
    }
    case 'SubmitCut': {
      const { file, note } = command.data;
      requireRole(by, PRODUCERS, 'Submitting a cut');
      if (state.status !== 'post-production' && state.status !== 'client-approved')
        throw ruleViolated('NOT_IN_POST_PRODUCTION', `Job ${jobId} is ${state.status}`);
      if (state.cuts.some((c) => c.file.sha256 === file.sha256)) throw ruleViolated('CUT_UNCHANGED', 'This file was already submitted as a cut');
      const lastClient = latestCut(state)?.client;
      if (lastClient && state.roundsUsed >= roundsAllowed(state))
        throw ruleViolated(
          'REVIEW_ROUNDS_EXHAUSTED',
          `The contract’s ${roundsAllowed(state)} review round(s) are used: another cut needs an approved change order`,
          {
            blockedBy: [changeOrderGate(state)],
          },
        );
      const cut = { cutNo: state.cuts.length + 1, file, note, submittedAt: at, submittedBy: by, internal: null, client: null };
      return [{ type: 'CutSubmitted', data: { jobId, cut, at, by } }];
    }
    case 'ReviewCutInternally': {
      const { cutNo, sha256, decision, notes } = command.data;
      requireRole(by, DIRECTORS, 'Reviewing a cut internally');
      const cut = cutUnderReview(state, cutNo, sha256);
      if (cut.submittedBy.userId === by.userId) throw forbidden('FOUR_EYES_VIOLATION', `Cut ${cutNo} is reviewed by someone other than who submitted it`);
      if (cut.internal) throw ruleViolated('ALREADY_REVIEWED', `Cut ${cutNo} was already reviewed internally`);
      if (decision === 'send-back' && blank(notes)) throw ruleViolated('NOTES_REQUIRED', 'A cut sent back says what to change');
      return [{ type: 'CutReviewedInternally', data: { jobId, cutNo, sha256, decision, notes, at, by } }];
    }
    case 'RecordClientCutReview': {
      const { cutNo, sha256, decision, notes, evidence } = command.data;
      requireRole(by, CLIENT_FACING, 'Recording the client’s review of a cut');
      const cut = cutUnderReview(state, cutNo, sha256);
      if (cut.internal?.decision !== 'approve')
        throw ruleViolated('INTERNAL_REVIEW_FIRST', `Cut ${cutNo} goes to the client once the production director approved it`, {
          blockedBy: [blocker('internal-review', `The production director’s approval of cut ${cutNo}`, DIRECTORS)],
        });
      if (cut.client) throw ruleViolated('ALREADY_REVIEWED', `The client already reviewed cut ${cutNo}`);
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The client’s review is recorded with its evidence');
      if (decision === 'send-back' && blank(notes)) throw ruleViolated('NOTES_REQUIRED', 'A cut sent back says what to change');
      const round = state.roundsUsed + 1;
      if (round > roundsAllowed(state)) throw ruleViolated('REVIEW_ROUNDS_EXHAUSTED', 'No review round is left', { blockedBy: [changeOrderGate(state)] });
      const contract = state.contract!;
      const deltas = state.changeOrders.filter((c) => c.approved).reduce((s, c) => s + c.costDeltaFen, 0);
      const firstApproval = decision === 'approve' && !state.cuts.some((c) => c.client?.decision === 'approve');
      const balance = firstApproval
        ? { amountFen: contract.balanceFen + deltas, currency: contract.currency, client: state.client!, title: state.title }
        : null;
      return [{ type: 'CutReviewedByClient', data: { jobId, cutNo, sha256, decision, notes, evidence, round, balance, at, by } }];
    }
    case 'RequestChangeOrder': {
      const { changeId, scope, costDeltaFen, extraRounds, reason, clientEvidence } = command.data;
      requireRole(by, PRODUCERS, 'Requesting a change order');
      if (!state.contract) throw ruleViolated('NO_CONTRACT', 'Before the contract the estimate is simply revised');
      if (state.status === 'delivered' || state.status === 'closed') throw ruleViolated('JOB_DELIVERED', `Job ${jobId} is ${state.status}`);
      if (state.changeOrders.some((c) => c.changeId === changeId))
        throw new AppError('conflict', 'CHANGE_ORDER_ALREADY_EXISTS', `Change order ${changeId} exists`);
      if (blank(scope)) throw ruleViolated('SCOPE_REQUIRED', 'A change order says what changes');
      requireReason(reason, 'A change order');
      if (clientEvidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'A change order carries the client’s agreement');
      if (extraRounds < 0 || (costDeltaFen === 0 && extraRounds === 0))
        throw ruleViolated('CHANGE_ORDER_EMPTY', 'A change order changes the cost or the review rounds');
      const change = { changeId, scope, costDeltaFen, extraRounds, reason, clientEvidence, requestedAt: at, requestedBy: by, approved: null };
      return [{ type: 'ChangeOrderRequested', data: { jobId, change, at, by } }];
    }
    case 'ApproveChangeOrder': {
      const { changeId } = command.data;
      requireRole(by, DIRECTORS, 'Approving a change order');
      const change = state.changeOrders.find((c) => c.changeId === changeId);
      if (!change) throw notFound('CHANGE_ORDER_NOT_FOUND', `Job ${jobId} has no change order ${changeId}`);
      if (change.approved) throw ruleViolated('ALREADY_APPROVED', `Change order ${changeId} is approved`);
      if (change.requestedBy.userId === by.userId) throw forbidden('FOUR_EYES_VIOLATION', 'A change order is approved by someone other than who requested it');
      return [{ type: 'ChangeOrderApproved', data: { jobId, changeId, costDeltaFen: change.costDeltaFen, extraRounds: change.extraRounds, at, by } }];
    }
    case 'RecordBalanceSettled': {
      if (state.balance) return [];
      return [{ type: 'BalanceSettled', data: { jobId, receivableId: command.data.receivableId, settledAt: command.data.settledAt, at, by } }];
    }
    case 'DeliverMaster': {
      const { deliveredOn, receipt, today } = command.data;
      requireRole(by, KEEPERS, 'Delivering the master');
      if (state.status !== 'client-approved')
        throw ruleViolated('CUT_NOT_APPROVED', 'The master is the cut the client approved', {
          blockedBy: [blocker('client-review', 'The client’s approval of the latest cut', CLIENT_FACING)],
        });
      if (!state.balance) throw ruleViolated('BALANCE_NOT_RECEIVED', 'No delivery before the client’s balance is received', { blockedBy: [BALANCE_GATE] });
      if (deliveredOn > today) throw ruleViolated('DATE_IN_FUTURE', `Delivery cannot be recorded for ${deliveredOn}, after today (${today})`);
      if (receipt.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'Delivery is recorded with the client’s receipt');
      const cut = latestCut(state)!;
      return [{ type: 'MasterDelivered', data: { jobId, deliveredOn, cutNo: cut.cutNo, sha256: cut.file.sha256, receipt, at, by } }];
    }
    case 'CloseCfJob': {
      requireRole(by, KEEPERS, 'Closing a job');
      if (state.status !== 'delivered') throw ruleViolated('NOT_DELIVERED', `A job is closed once its master is delivered; job ${jobId} is ${state.status}`);
      return [{ type: 'CfJobClosed', data: { jobId, at, by } }];
    }
  }
}

/** What a job in post-production waits for. */
export function postProductionBlockers(state: CfJobState): Blocker[] {
  const cut = latestCut(state);
  if (state.status === 'client-approved') return state.balance ? [blocker('delivery', 'The master delivered to the client', KEEPERS)] : [BALANCE_GATE];
  if (!cut || cut.internal?.decision === 'send-back' || cut.client?.decision === 'send-back')
    return cut?.client && state.roundsUsed >= roundsAllowed(state) ? [changeOrderGate(state)] : [blocker('cut', 'The next cut', PRODUCERS)];
  if (!cut.internal) return [blocker('internal-review', `The production director’s review of cut ${cut.cutNo}`, DIRECTORS)];
  return [blocker('client-review', `The client’s review of cut ${cut.cutNo}`, CLIENT_FACING)];
}
