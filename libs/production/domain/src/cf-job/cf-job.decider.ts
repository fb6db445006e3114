import { AppError, forbidden, notFound, ruleViolated, type Actor, type Command, type Decider, type EvidenceRef } from '@ooh/eventing';
import { decideVendorCost, type VendorCostCommand } from './cf-job.costs';
import { decidePostProduction, postProductionBlockers, type PostProductionCommand } from './cf-job.post';
import {
  blank,
  blocker,
  requireBriefOfClient,
  requireCostLines,
  requireReason,
  requireRole,
  totalOf,
  type BriefSnapshot,
  type Blocker,
  type CostLine,
} from '../shared';
import {
  CF_STAGES,
  evolveCfJob,
  initialCfJobState,
  PPM_ITEMS,
  type CfJobEvent,
  type CfJobState,
  type CfStage,
  type CfStatus,
  type PpmItem,
} from './cf-job.events';

export const TICKET_ISSUERS = ['account-manager'] as const;
export const CF_PRODUCERS = ['production-manager'] as const;
export const ESTIMATE_APPROVERS = ['production-director'] as const;
export const CLIENT_FACING = ['account-manager'] as const;
export const JOB_KEEPERS = ['production-manager', 'account-manager'] as const;

/** The awarded bid of a request for quotes, as the caller read it. */
export interface AwardedBidSnapshot {
  requestId: string;
  exists: boolean;
  jobId: string;
  awarded: { bidId: string; vendor: { vendorId: string; name: string }; totalFen: number } | null;
}

type Base = { jobId: string; at: string; by: Actor };
export type IssueCfTicket = Command<
  'IssueCfTicket',
  Base & {
    client: { clientId: string; name: string };
    campaign: string;
    brief: BriefSnapshot | null;
    title: string;
    deliverables: string[];
    script: EvidenceRef[];
  }
>;
export type RecordDirectorInput = Command<'RecordDirectorInput', Base & { director: string; notes: string; evidence: EvidenceRef[] }>;
export type DraftEstimate = Command<'DraftEstimate', Base & { lines: CostLine[]; note: string }>;
export type ApproveEstimate = Command<'ApproveEstimate', Base & { version: number }>;
export type ChooseProductionHouse = Command<'ChooseProductionHouse', Base & { bid: AwardedBidSnapshot }>;
export type RecordQuote = Command<'RecordQuote', Base & { amountFen: number; currency: string; note: string }>;
export type SetSchedule = Command<'SetSchedule', Base & { schedule: Array<{ stage: CfStage; dueDate: string }>; today: string }>;
export type ConfirmCrewAndPrice = Command<'ConfirmCrewAndPrice', Base & { evidence: EvidenceRef[] }>;
export type RecordProductionContract = Command<
  'RecordProductionContract',
  Base & { signedOn: string; signatory: string; prepaymentPercent: number; includedReviewRounds: number; evidence: EvidenceRef[]; today: string }
>;
export type RecordPrepaymentSettled = Command<'RecordPrepaymentSettled', Base & { receivableId: string; settledAt: string }>;
export type RecordCreativeBriefing = Command<
  'RecordCreativeBriefing',
  Base & { heldOn: string; attendees: string[]; notes: string; evidence: EvidenceRef[]; today: string }
>;
export type UpdatePreparation = Command<'UpdatePreparation', Base & { item: string; done: boolean; note: string }>;
export type RecordPreProductionMeeting = Command<'RecordPreProductionMeeting', Base & { heldOn: string; attendees: string[]; notes: string; today: string }>;
export type SignOffPpm = Command<
  'SignOffPpm',
  Base & {
    heldOn: string;
    agenda: string[];
    attendees: { agency: string[]; client: string[]; production: string[] };
    checklist: Partial<Record<PpmItem, string>>;
    evidence: EvidenceRef[];
    today: string;
  }
>;
export type StartShooting = Command<'StartShooting', Base & { startedOn: string; today: string }>;
export type HoldCfJob = Command<'HoldCfJob', Base & { reason: string }>;
export type ResumeCfJob = Command<'ResumeCfJob', Base>;
export type CancelCfJob = Command<'CancelCfJob', Base & { reason: string }>;

export type CfJobCommand =
  | VendorCostCommand
  | PostProductionCommand
  | IssueCfTicket
  | RecordDirectorInput
  | DraftEstimate
  | ApproveEstimate
  | ChooseProductionHouse
  | RecordQuote
  | SetSchedule
  | ConfirmCrewAndPrice
  | RecordProductionContract
  | RecordPrepaymentSettled
  | RecordCreativeBriefing
  | UpdatePreparation
  | RecordPreProductionMeeting
  | SignOffPpm
  | StartShooting
  | HoldCfJob
  | ResumeCfJob
  | CancelCfJob;

const PREPAYMENT_GATE = blocker('prepayment', 'Finance to record the client’s prepayment of the production contract', ['finance']);

function requireActive(state: CfJobState, jobId: string, what: string): void {
  if (state.status === 'none') throw notFound('CF_JOB_NOT_FOUND', `No CF job ${jobId}`);
  if (state.status === 'cancelled') throw ruleViolated('JOB_CANCELLED', `${what}: job ${jobId} was cancelled (${state.cancellation?.reason})`);
  if (state.status === 'on-hold')
    throw ruleViolated('JOB_ON_HOLD', `${what}: job ${jobId} is on hold (${state.hold?.reason})`, {
      blockedBy: [blocker('hold', 'The job to be resumed', JOB_KEEPERS)],
    });
}

function requirePlanning(state: CfJobState, what: string): void {
  if (state.status !== 'planning')
    throw ruleViolated('CONTRACT_SIGNED', `${what}: the production contract is signed; the plan changes only by a change order`, { status: state.status });
}

/** Nothing after the contract moves until the prepayment is received (the gate Finance releases). */
function requirePrepayment(state: CfJobState, what: string): void {
  if (state.contract === null) throw ruleViolated('NO_CONTRACT', `${what}: the production contract is not signed yet`);
  if (state.prepayment === null)
    throw ruleViolated('PREPAYMENT_NOT_RECEIVED', `${what}: waiting for the client’s prepayment of ${state.contract.prepaymentFen} fen`, {
      blockedBy: [PREPAYMENT_GATE],
    });
}

function requireDateNotFuture(day: string, today: string, what: string): void {
  if (day > today) throw ruleViolated('DATE_IN_FUTURE', `${what} cannot be recorded for ${day}, after today (${today})`);
}

/** What a confirmation of crew and price waits for. */
function confirmationBlockers(state: CfJobState): Blocker[] {
  return [
    ...(state.approvedEstimate === null ? [blocker('estimate', 'An estimate approved by a production director who did not draft it', ESTIMATE_APPROVERS)] : []),
    ...(state.productionHouse === null ? [blocker('production-house', 'A production house chosen from an awarded bid', CF_PRODUCERS)] : []),
    ...(state.quote === null ? [blocker('quote', 'The quote to the client', CF_PRODUCERS)] : []),
    ...(state.schedule.length === 0 ? [blocker('schedule', 'The production schedule', CF_PRODUCERS)] : []),
  ];
}

/**
 * TV-commercial jobs (CF制作), from the job ticket to shooting: estimate, production house, quote and
 * schedule confirmed by the client, the contract signed, then nothing moves until the prepayment is
 * received; the PPM is signed off by the client before shooting.
 */
export function decideCfJob(command: CfJobCommand, state: CfJobState): CfJobEvent[] {
  const { jobId, at, by } = command.data;
  if (command.type === 'IssueCfTicket') {
    const { client, campaign, brief, title, deliverables, script } = command.data;
    requireRole(by, TICKET_ISSUERS, 'Issuing a job ticket');
    if (state.status !== 'none') throw new AppError('conflict', 'CF_JOB_ALREADY_EXISTS', `CF job ${jobId} already exists`);
    if (blank(client.clientId) || blank(client.name) || blank(title)) throw ruleViolated('TICKET_INCOMPLETE', 'A job ticket names its client and title');
    if (script.length === 0) throw ruleViolated('SCRIPT_REQUIRED', 'A job ticket carries the client-approved script');
    if (deliverables.length === 0) throw ruleViolated('DELIVERABLES_REQUIRED', 'A job ticket lists its deliverables');
    requireBriefOfClient(brief, client.clientId);
    const briefId = brief?.briefId ?? null;
    return [{ type: 'CfTicketIssued', data: { jobId, client, campaign, briefId, title, deliverables, script, at, by } }];
  }
  if (command.type === 'RecordPrepaymentSettled') {
    if (state.status === 'none') throw notFound('CF_JOB_NOT_FOUND', `No CF job ${jobId}`);
    if (state.prepayment) return [];
    return [{ type: 'PrepaymentSettled', data: { jobId, receivableId: command.data.receivableId, settledAt: command.data.settledAt, at, by } }];
  }
  if (command.type === 'RecordVendorCostPaid') {
    if (state.status === 'none') throw notFound('CF_JOB_NOT_FOUND', `No CF job ${jobId}`);
    return decideVendorCost(command, state);
  }
  if (command.type === 'RecordBalanceSettled') {
    if (state.status === 'none') throw notFound('CF_JOB_NOT_FOUND', `No CF job ${jobId}`);
    return decidePostProduction(command, state);
  }
  if (command.type === 'ResumeCfJob') {
    requireRole(by, JOB_KEEPERS, 'Resuming a job');
    if (state.status === 'none') throw notFound('CF_JOB_NOT_FOUND', `No CF job ${jobId}`);
    if (state.status !== 'on-hold') throw ruleViolated('NOT_ON_HOLD', `Job ${jobId} is ${state.status}, not on hold`);
    return [{ type: 'CfJobResumed', data: { jobId, status: state.hold?.previous ?? 'planning', at, by } }];
  }
  requireActive(state, jobId, command.type);
  switch (command.type) {
    case 'RecordDirectorInput': {
      const { director, notes, evidence } = command.data;
      requireRole(by, CF_PRODUCERS, 'Recording the director’s input');
      if (blank(director) || blank(notes)) throw ruleViolated('DIRECTOR_INPUT_REQUIRED', 'The director’s input names the director and says what was proposed');
      return [{ type: 'DirectorInputRecorded', data: { jobId, director, notes, evidence, at, by } }];
    }
    case 'DraftEstimate': {
      const { lines, note } = command.data;
      requireRole(by, CF_PRODUCERS, 'Drafting the estimate');
      requirePlanning(state, 'Drafting an estimate');
      requireCostLines(lines, 'An estimate');
      const estimate = { version: state.estimates.length + 1, lines, totalFen: totalOf(lines), note, draftedAt: at, draftedBy: by, approved: null };
      return [{ type: 'EstimateDrafted', data: { jobId, estimate, at, by } }];
    }
    case 'ApproveEstimate': {
      const { version } = command.data;
      requireRole(by, ESTIMATE_APPROVERS, 'Approving an estimate');
      requirePlanning(state, 'Approving an estimate');
      const estimate = state.estimates.find((e) => e.version === version);
      if (!estimate) throw notFound('ESTIMATE_NOT_FOUND', `Job ${jobId} has no estimate version ${version}`);
      if (version !== state.estimates.length) throw ruleViolated('STALE_ESTIMATE', `Version ${version} was superseded by version ${state.estimates.length}`);
      if (estimate.draftedBy.userId === by.userId)
        throw forbidden('FOUR_EYES_VIOLATION', `Estimate version ${version} is approved by someone who did not draft it`);
      if (estimate.approved) throw ruleViolated('ALREADY_APPROVED', `Estimate version ${version} is already approved`);
      return [{ type: 'EstimateApproved', data: { jobId, version, totalFen: estimate.totalFen, at, by } }];
    }
    case 'ChooseProductionHouse': {
      const { bid } = command.data;
      requireRole(by, CF_PRODUCERS, 'Choosing the production house');
      requirePlanning(state, 'Choosing a production house');
      if (!bid.exists) throw notFound('BID_REQUEST_NOT_FOUND', `No request for quotes ${bid.requestId}`);
      if (bid.jobId !== jobId) throw ruleViolated('BID_OF_ANOTHER_JOB', `Request ${bid.requestId} is for job ${bid.jobId}`);
      if (!bid.awarded)
        throw ruleViolated('BID_NOT_AWARDED', `Request ${bid.requestId} has no award yet`, {
          blockedBy: [blocker('award', 'An award of the bids (three compared, or the reason)', CF_PRODUCERS)],
        });
      const { bidId, vendor, totalFen } = bid.awarded;
      return [{ type: 'ProductionHouseChosen', data: { jobId, requestId: bid.requestId, bidId, vendor, totalFen, at, by } }];
    }
    case 'RecordQuote': {
      const { amountFen, currency, note } = command.data;
      requireRole(by, CF_PRODUCERS, 'Quoting the client');
      requirePlanning(state, 'Quoting');
      if (amountFen <= 0) throw ruleViolated('AMOUNT_REQUIRED', 'A quote has a positive amount');
      return [{ type: 'QuoteRecorded', data: { jobId, amountFen, currency, note, at, by } }];
    }
    case 'SetSchedule': {
      const { schedule, today } = command.data;
      requireRole(by, CF_PRODUCERS, 'Setting the production schedule');
      requirePlanning(state, 'Setting the schedule');
      const stages = schedule.map((s) => s.stage);
      if (CF_STAGES.some((s) => !stages.includes(s)) || new Set(stages).size !== stages.length)
        throw ruleViolated('SCHEDULE_INCOMPLETE', `A schedule dates each stage once: ${CF_STAGES.join(', ')}`);
      const ordered = [...schedule].sort((a, b) => CF_STAGES.indexOf(a.stage) - CF_STAGES.indexOf(b.stage));
      const backwards = ordered.find((s, i) => i > 0 && s.dueDate < ordered[i - 1].dueDate);
      if (backwards) throw ruleViolated('SCHEDULE_OUT_OF_ORDER', `${backwards.stage} is due before the stage it follows`);
      if (ordered[0].dueDate < today) throw ruleViolated('SCHEDULE_IN_PAST', `The schedule starts ${ordered[0].dueDate}, before today (${today})`);
      return [{ type: 'ScheduleSet', data: { jobId, schedule: ordered, at, by } }];
    }
    case 'ConfirmCrewAndPrice': {
      const { evidence } = command.data;
      requireRole(by, CLIENT_FACING, 'Recording the client’s confirmation of crew and price');
      requirePlanning(state, 'Confirming crew and price');
      const blockers = confirmationBlockers(state);
      if (blockers.length > 0) throw ruleViolated('NOT_READY_FOR_CLIENT', blockers.map((b) => b.waitingFor).join('; '), { blockedBy: blockers });
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The client’s confirmation is recorded with its evidence');
      return [{ type: 'CrewAndPriceConfirmed', data: { jobId, quoteFen: state.quote!.amountFen, evidence, at, by } }];
    }
    case 'RecordProductionContract': {
      const { signedOn, signatory, prepaymentPercent, includedReviewRounds, evidence, today } = command.data;
      requireRole(by, CLIENT_FACING, 'Recording the signed production contract');
      requirePlanning(state, 'Signing');
      if (!state.clientConfirmation)
        throw ruleViolated('CREW_AND_PRICE_NOT_CONFIRMED', 'The client confirms crew and price before the contract', {
          blockedBy: [blocker('client-confirmation', 'The client’s confirmation of crew and price', CLIENT_FACING)],
        });
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The contract is recorded with the signed document');
      if (blank(signatory)) throw ruleViolated('SIGNATORY_REQUIRED', 'The signature names who signed for the client');
      requireDateNotFuture(signedOn, today, 'A signature');
      if (prepaymentPercent <= 0 || prepaymentPercent >= 100)
        throw ruleViolated('PREPAYMENT_INVALID', 'The prepayment is a share of the value above 0 and below 100 percent');
      if (includedReviewRounds < 1) throw ruleViolated('REVIEW_ROUNDS_INVALID', 'A contract includes at least one review round');
      const valueFen = state.clientConfirmation.quoteFen;
      const prepaymentFen = Math.round((valueFen * Math.round(prepaymentPercent * 100)) / 10_000);
      const contract = {
        signedOn,
        signatory,
        valueFen,
        prepaymentFen,
        balanceFen: valueFen - prepaymentFen,
        currency: state.quote!.currency,
        includedReviewRounds,
        evidence,
      };
      return [{ type: 'ProductionContractSigned', data: { jobId, client: state.client!, contract, at, by } }];
    }
    case 'RecordCreativeBriefing': {
      const { heldOn, attendees, notes, evidence, today } = command.data;
      requireRole(by, CF_PRODUCERS, 'Recording the creative briefing');
      requirePrepayment(state, 'The creative briefing');
      requireDateNotFuture(heldOn, today, 'A briefing');
      if (attendees.length === 0) throw ruleViolated('ATTENDEES_REQUIRED', 'A briefing lists who attended');
      return [{ type: 'CreativeBriefingHeld', data: { jobId, heldOn, attendees, notes, evidence, at, by } }];
    }
    case 'UpdatePreparation': {
      const { item, done, note } = command.data;
      requireRole(by, CF_PRODUCERS, 'Tracking shoot preparation');
      requirePrepayment(state, 'Shoot preparation');
      if (blank(item)) throw ruleViolated('ITEM_REQUIRED', 'A preparation item is named');
      return [{ type: 'PreparationUpdated', data: { jobId, item: item.trim(), done, note, at, by } }];
    }
    case 'RecordPreProductionMeeting': {
      const { heldOn, attendees, notes, today } = command.data;
      requireRole(by, CF_PRODUCERS, 'Recording the pre-production meeting');
      requirePrepayment(state, 'The pre-production meeting');
      if (!state.briefing) throw ruleViolated('BRIEFING_FIRST', 'The creative briefing comes before the pre-production meeting');
      requireDateNotFuture(heldOn, today, 'A meeting');
      if (attendees.length === 0) throw ruleViolated('ATTENDEES_REQUIRED', 'A meeting lists who attended');
      return [{ type: 'PreProductionMeetingHeld', data: { jobId, heldOn, attendees, notes, at, by } }];
    }
    case 'SignOffPpm': {
      const { heldOn, agenda, attendees, checklist, evidence, today } = command.data;
      requireRole(by, JOB_KEEPERS, 'Recording the PPM');
      requirePrepayment(state, 'The PPM');
      if (!state.preProductionMeeting) throw ruleViolated('PRE_PRODUCTION_FIRST', 'The internal pre-production meeting comes before the PPM');
      requireDateNotFuture(heldOn, today, 'A PPM');
      if (agenda.length === 0) throw ruleViolated('AGENDA_REQUIRED', 'A PPM has its agenda');
      if (attendees.agency.length === 0 || attendees.client.length === 0 || attendees.production.length === 0)
        throw ruleViolated('THREE_PARTIES_REQUIRED', 'A PPM is held by the agency, the client and the production house together');
      const missing = PPM_ITEMS.filter((i) => blank(checklist[i]));
      if (missing.length > 0) throw ruleViolated('PPM_CHECKLIST_INCOMPLETE', `The PPM confirms every item: ${missing.join(', ')} missing`, { missing });
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The client’s sign-off of the PPM is recorded with its evidence');
      const confirmed = Object.fromEntries(PPM_ITEMS.map((i) => [i, checklist[i] as string])) as Record<PpmItem, string>;
      return [{ type: 'PpmSignedOff', data: { jobId, heldOn, agenda, attendees, checklist: confirmed, evidence, at, by } }];
    }
    case 'StartShooting': {
      const { startedOn, today } = command.data;
      requireRole(by, CF_PRODUCERS, 'Starting the shoot');
      requirePrepayment(state, 'Shooting');
      if (state.status !== 'ready-to-shoot')
        throw ruleViolated('PPM_NOT_SIGNED_OFF', 'No shooting before the client signed off the PPM', {
          blockedBy: [blocker('ppm', 'The three-party PPM signed off by the client', JOB_KEEPERS)],
        });
      requireDateNotFuture(startedOn, today, 'A shoot');
      return [{ type: 'ShootingStarted', data: { jobId, startedOn, at, by } }];
    }
    case 'HoldCfJob': {
      requireRole(by, JOB_KEEPERS, 'Putting a job on hold');
      requireReason(command.data.reason, 'A hold');
      return [{ type: 'CfJobHeld', data: { jobId, reason: command.data.reason, previous: state.status, at, by } }];
    }
    case 'StartPostProduction':
    case 'SubmitCut':
    case 'ReviewCutInternally':
    case 'RecordClientCutReview':
    case 'RequestChangeOrder':
    case 'ApproveChangeOrder':
    case 'DeliverMaster':
    case 'CloseCfJob':
      return decidePostProduction(command, state);
    case 'RequestVendorCost':
      return decideVendorCost(command, state);
    case 'CancelCfJob': {
      requireRole(by, JOB_KEEPERS, 'Cancelling a job');
      requireReason(command.data.reason, 'A cancellation');
      return [{ type: 'CfJobCancelled', data: { jobId, reason: command.data.reason, at, by } }];
    }
  }
}

export const cfJobDecider: Decider<CfJobCommand, CfJobEvent, CfJobState> = {
  decide: decideCfJob,
  evolve: evolveCfJob,
  initialState: initialCfJobState,
};

/** What the job waits for and who releases it. */
export function cfJobBlockers(state: CfJobState): Blocker[] {
  const byStatus: Record<CfStatus, () => Blocker[]> = {
    none: () => [],
    cancelled: () => [],
    'on-hold': () => [blocker('hold', `The job to be resumed (${state.hold?.reason})`, JOB_KEEPERS)],
    planning: () => {
      const before = confirmationBlockers(state);
      if (before.length > 0) return before;
      if (!state.clientConfirmation) return [blocker('client-confirmation', 'The client’s confirmation of crew and price', CLIENT_FACING)];
      return [blocker('contract', 'The production contract signed by the client', CLIENT_FACING)];
    },
    'awaiting-prepayment': () => [PREPAYMENT_GATE],
    preparation: () =>
      !state.briefing
        ? [blocker('briefing', 'The creative briefing', CF_PRODUCERS)]
        : !state.preProductionMeeting
          ? [blocker('pre-production', 'The pre-production meeting', CF_PRODUCERS)]
          : [blocker('ppm', 'The three-party PPM signed off by the client', JOB_KEEPERS)],
    'ready-to-shoot': () => [blocker('shooting', 'The shoot to start', CF_PRODUCERS)],
    shooting: () => [blocker('post-production', 'Post-production to start', CF_PRODUCERS)],
    'post-production': () => postProductionBlockers(state),
    'client-approved': () => postProductionBlockers(state),
    delivered: () => [blocker('closure', 'The job to be closed', JOB_KEEPERS)],
    closed: () => [],
  };
  return byStatus[state.status]();
}
