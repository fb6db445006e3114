import { isAppError, type Actor, type EvidenceRef } from '@ooh/eventing';
import { eventsFrom } from '@ooh/eventing-testing';
import { costReport } from './cf-job.costs';
import { cfJobBlockers, cfJobDecider, decideCfJob, type CfJobCommand } from './cf-job.decider';
import type { CfJobEvent } from './cf-job.events';

const am: Actor = { userId: 'wang', role: 'account-manager' };
const pm: Actor = { userId: 'zhou', role: 'production-manager' };
const pd: Actor = { userId: 'gao', role: 'production-director' };
const system: Actor = { userId: 'system:finance', role: 'system' };
const AT = '2026-12-01T02:00:00.000Z';
const TODAY = '2026-12-01';
const doc: EvidenceRef = { blobId: 'd'.repeat(64), sha256: 'd'.repeat(64), contentType: 'application/pdf' };
const file = (n: number): EvidenceRef => ({ blobId: String(n).repeat(64), sha256: String(n).repeat(64), contentType: 'video/mp4' });
const jobId = 'j-1';
const c = (type: CfJobCommand['type'], data: object, by: Actor): CfJobCommand => ({ type, data: { jobId, at: AT, by, ...data } }) as CfJobCommand;
const checklist = { casting: 'a', wardrobe: 'a', locations: 'a', props: 'a', product: 'a', schedule: 'a', deliverables: 'a' };
const stages = ['briefing', 'pre-production', 'ppm', 'shooting', 'post-production', 'delivery'].map((stage, i) => ({ stage, dueDate: `2026-12-${10 + i}` }));
const shooting: CfJobCommand[] = [
  c('IssueCfTicket', { client: { clientId: 'c-1', name: 'Acme' }, campaign: 'W', brief: null, title: 'TVC', deliverables: ['30s'], script: [doc] }, am),
  c('DraftEstimate', { lines: [{ category: 'crew', amountFen: 400_000 }], note: '' }, pm),
  c('ApproveEstimate', { version: 1 }, pd),
  c(
    'ChooseProductionHouse',
    { bid: { requestId: 'r-1', exists: true, jobId, awarded: { bidId: 'b-1', vendor: { vendorId: 'v1', name: 'L' }, totalFen: 400_000 } } },
    pm,
  ),
  c('RecordQuote', { amountFen: 600_000, currency: 'CNY', note: '' }, pm),
  c('SetSchedule', { schedule: stages, today: TODAY }, pm),
  c('ConfirmCrewAndPrice', { evidence: [doc] }, am),
  c('RecordProductionContract', { signedOn: TODAY, signatory: 'Ms Liu', prepaymentPercent: 50, includedReviewRounds: 2, evidence: [doc], today: TODAY }, am),
  c('RecordPrepaymentSettled', { receivableId: 'rc-1', settledAt: AT }, system),
  c('RecordCreativeBriefing', { heldOn: TODAY, attendees: ['Z'], notes: '', evidence: [], today: TODAY }, pm),
  c('RecordPreProductionMeeting', { heldOn: TODAY, attendees: ['Z'], notes: '', today: TODAY }, pm),
  c(
    'SignOffPpm',
    { heldOn: TODAY, agenda: ['a'], attendees: { agency: ['a'], client: ['b'], production: ['c'] }, checklist, evidence: [doc], today: TODAY },
    am,
  ),
  c('StartShooting', { startedOn: TODAY, today: TODAY }, pm),
  c('StartPostProduction', { startedOn: TODAY, today: TODAY }, pm),
];
const submit = (n: number) => c('SubmitCut', { file: file(n), note: '' }, pm);
const internal = (n: number, decision = 'approve', by = pd) =>
  c('ReviewCutInternally', { cutNo: n, sha256: file(n).sha256, decision, notes: decision === 'approve' ? '' : 'Tighter' }, by);
const client = (n: number, decision = 'approve', sha256 = file(n).sha256) =>
  c('RecordClientCutReview', { cutNo: n, sha256, decision, notes: decision === 'approve' ? '' : 'Brighter', evidence: [doc] }, am);
const history = (...commands: CfJobCommand[]): CfJobEvent[] => eventsFrom(cfJobDecider, [...shooting, ...commands]);
const state = (events: CfJobEvent[]) => events.reduce(cfJobDecider.evolve, cfJobDecider.initialState());

function outcome(events: CfJobEvent[], command: CfJobCommand): [string, string[]] {
  try {
    decideCfJob(command, state(events));
  } catch (e) {
    if (isAppError(e)) return [e.code, ((e.extensions.blockedBy as Array<{ gate: string; releasedBy: string }>) ?? []).map((b) => `${b.gate}:${b.releasedBy}`)];
    throw e;
  }
  return ['accepted', []];
}

describe('CF job post-production', () => {
  it('reviews each cut internally (never by who submitted it) before the client sees it, bound to its hash', () => {
    expect(outcome(history(submit(1)), client(1))).toEqual(['INTERNAL_REVIEW_FIRST', ['internal-review:production-director']]);
    expect(outcome(history(submit(1)), internal(1, 'approve', { userId: 'zhou', role: 'production-director' }))[0]).toBe('FOUR_EYES_VIOLATION');
    expect(outcome(history(submit(1), internal(1)), client(1, 'approve', file(9).sha256))[0]).toBe('CUT_HASH_MISMATCH');
    expect(outcome(history(submit(1), submit(2)), internal(1))[0]).toBe('CUT_STALE');
  });

  it('makes an approval of cut 2 stale when cut 3 comes; rounds beyond the contract need an approved change order', () => {
    const twoRounds = history(submit(1), internal(1), client(1, 'send-back'), submit(2), internal(2), client(2, 'send-back'));
    expect(outcome(twoRounds, submit(3))).toEqual(['REVIEW_ROUNDS_EXHAUSTED', ['change-order:production-director']]);
    expect(cfJobBlockers(state(twoRounds))).toEqual([expect.objectContaining({ gate: 'change-order' })]);
    const order = c(
      'RequestChangeOrder',
      { changeId: 'co-1', scope: 'One more round', costDeltaFen: 20_000, extraRounds: 1, reason: 'Client asked', clientEvidence: [doc] },
      pm,
    );
    expect(outcome([...twoRounds, ...eventsFrom(cfJobDecider, [])], order)[0]).toBe('accepted');
    const requested = [...twoRounds, ...decideCfJob(order, state(twoRounds))];
    expect(outcome(requested, c('ApproveChangeOrder', { changeId: 'co-1' }, { userId: 'zhou', role: 'production-director' }))[0]).toBe('FOUR_EYES_VIOLATION');
    const approved = [...requested, ...decideCfJob(c('ApproveChangeOrder', { changeId: 'co-1' }, pd), state(requested))];
    expect(outcome(approved, submit(3))[0]).toBe('accepted');
    // A client approval of a cut, then a new cut: the approval no longer stands for the master.
    const approvedCut = history(submit(1), internal(1), client(1));
    const [event] = decideCfJob(submit(2), state(approvedCut));
    expect(state([...approvedCut, event]).status).toBe('post-production');
    expect(outcome([...approvedCut, event], c('DeliverMaster', { deliveredOn: TODAY, receipt: [doc], today: TODAY }, pm))).toEqual([
      'CUT_NOT_APPROVED',
      ['client-review:account-manager'],
    ]);
  });

  it('requests the balance on the client’s first approval (change orders included) and delivers only once it is received', () => {
    const events = history(submit(1), internal(1), client(1));
    expect(events.at(-1)).toMatchObject({ type: 'CutReviewedByClient', data: { round: 1, balance: { amountFen: 300_000, currency: 'CNY' } } });
    const deliver = c('DeliverMaster', { deliveredOn: TODAY, receipt: [doc], today: TODAY }, pm);
    expect(outcome(events, deliver)).toEqual(['BALANCE_NOT_RECEIVED', ['balance:finance']]);
    const paid = [...events, ...decideCfJob(c('RecordBalanceSettled', { receivableId: 'rc-2', settledAt: AT }, system), state(events))];
    const [delivered] = decideCfJob(deliver, state(paid));
    expect(delivered).toMatchObject({ type: 'MasterDelivered', data: { cutNo: 1, sha256: file(1).sha256 } });
    expect(decideCfJob(c('CloseCfJob', {}, am), state([...paid, delivered]))[0].type).toBe('CfJobClosed');
    expect(outcome(paid, c('CloseCfJob', {}, am))[0]).toBe('NOT_DELIVERED');
  });

  it('requests vendor costs within the budget (estimate plus approved change orders), and records each paid once', () => {
    const events = history();
    const cost = (costId: string, amountFen: number) =>
      c('RequestVendorCost', { costId, vendor: { vendorId: 'v1', name: 'L' }, category: 'production house', milestone: 'full', amountFen }, pm);
    expect(outcome(events, cost('k-1', 400_001))).toEqual(['OVER_BUDGET', ['change-order:production-director']]);
    const requested = [...events, ...decideCfJob(cost('k-1', 400_000), state(events))];
    const paid = c('RecordVendorCostPaid', { costId: 'k-1', payableId: 'p-1', reference: 'OUT-1', paidOn: TODAY }, system);
    const once = [...requested, ...decideCfJob(paid, state(requested))];
    expect(decideCfJob(paid, state(once))).toEqual([]);
    expect(costReport(state(once))).toEqual({ budgetFen: 400_000, requestedFen: 400_000, paidFen: 400_000, remainingFen: 0, roundsUsed: 0, roundsAllowed: 2 });
    const beforePrepayment = eventsFrom(cfJobDecider, shooting.slice(0, 8));
    expect(outcome(beforePrepayment, cost('k-2', 1))).toEqual(['PREPAYMENT_NOT_RECEIVED', ['prepayment:finance']]);
  });
});
