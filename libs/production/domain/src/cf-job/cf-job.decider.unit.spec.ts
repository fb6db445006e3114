import { isAppError, type Actor, type EvidenceRef } from '@ooh/eventing';
import { deciderSpec, eventsFrom } from '@ooh/eventing-testing';
import { cfJobBlockers, cfJobDecider, decideCfJob, type CfJobCommand } from './cf-job.decider';
import type { CfJobEvent } from './cf-job.events';

const spec = deciderSpec(cfJobDecider);
const am: Actor = { userId: 'wang', role: 'account-manager' };
const pm: Actor = { userId: 'zhou', role: 'production-manager' };
const pd: Actor = { userId: 'gao', role: 'production-director' };
const pdWhoDrafted: Actor = { userId: 'zhou', role: 'production-director' };
const system: Actor = { userId: 'system:finance', role: 'system' };
const AT = '2026-12-01T02:00:00.000Z';
const TODAY = '2026-12-01';
const doc: EvidenceRef = { blobId: 'd'.repeat(64), sha256: 'd'.repeat(64), contentType: 'application/pdf' };
const jobId = 'j-1';
const c = <T extends CfJobCommand['type']>(type: T, data: object, by: Actor): CfJobCommand => ({ type, data: { jobId, at: AT, by, ...data } }) as CfJobCommand;

const issue = c(
  'IssueCfTicket',
  { client: { clientId: 'c-1', name: 'Acme' }, campaign: 'Winter', brief: null, title: '30s TVC', deliverables: ['30s master'], script: [doc] },
  am,
);
const estimate = (by = pm) =>
  c(
    'DraftEstimate',
    {
      lines: [
        { category: 'crew', amountFen: 400_000 },
        { category: 'post', amountFen: 100_000 },
      ],
      note: '',
    },
    by,
  );
const approve = (by = pd, version = 1) => c('ApproveEstimate', { version }, by);
const house = c(
  'ChooseProductionHouse',
  { bid: { requestId: 'r-1', exists: true, jobId, awarded: { bidId: 'b-1', vendor: { vendorId: 'v1', name: 'Lighthouse' }, totalFen: 450_000 } } },
  pm,
);
const quote = c('RecordQuote', { amountFen: 600_000, currency: 'CNY', note: '' }, pm);
const schedule = c(
  'SetSchedule',
  {
    schedule: [
      { stage: 'briefing', dueDate: '2026-12-10' },
      { stage: 'pre-production', dueDate: '2026-12-12' },
      { stage: 'ppm', dueDate: '2026-12-15' },
      { stage: 'shooting', dueDate: '2026-12-20' },
      { stage: 'post-production', dueDate: '2027-01-05' },
      { stage: 'delivery', dueDate: '2027-01-10' },
    ],
    today: TODAY,
  },
  pm,
);
const confirm = c('ConfirmCrewAndPrice', { evidence: [doc] }, am);
const contract = c(
  'RecordProductionContract',
  { signedOn: TODAY, signatory: 'Ms Liu', prepaymentPercent: 50, includedReviewRounds: 2, evidence: [doc], today: TODAY },
  am,
);
const settled = c('RecordPrepaymentSettled', { receivableId: 'rc-1', settledAt: AT }, system);
const briefing = c('RecordCreativeBriefing', { heldOn: TODAY, attendees: ['Zhou', 'Director Li'], notes: 'Tone: warm', evidence: [], today: TODAY }, pm);
const preProduction = c('RecordPreProductionMeeting', { heldOn: TODAY, attendees: ['Zhou'], notes: '', today: TODAY }, pm);
const checklist = {
  casting: 'Two leads',
  wardrobe: 'Winter coats',
  locations: 'Jiefangbei',
  props: 'Beer crates',
  product: '12 bottles',
  schedule: '2 days',
  deliverables: '30s + 15s',
};
const ppm = (over: object = {}) =>
  c(
    'SignOffPpm',
    {
      heldOn: TODAY,
      agenda: ['Casting', 'Schedule'],
      attendees: { agency: ['Wang'], client: ['Ms Liu'], production: ['Director Li'] },
      checklist,
      evidence: [doc],
      today: TODAY,
      ...over,
    },
    am,
  );
const shoot = c('StartShooting', { startedOn: TODAY, today: TODAY }, pm);
const history = (...commands: CfJobCommand[]): CfJobEvent[] => eventsFrom(cfJobDecider, commands);

function refusal(events: CfJobEvent[], command: CfJobCommand): [string, string[]] {
  try {
    decideCfJob(command, events.reduce(cfJobDecider.evolve, cfJobDecider.initialState()));
  } catch (e) {
    if (isAppError(e)) return [e.code, ((e.extensions.blockedBy as Array<{ gate: string; releasedBy: string }>) ?? []).map((b) => `${b.gate}:${b.releasedBy}`)];
    throw e;
  }
  return ['accepted', []];
}

describe('CF job decider', () => {
  it('is issued by an account manager with the client-approved script', () => {
    expect(spec.given([]).when(issue).events()[0].type).toBe('CfTicketIssued');
    spec
      .given([])
      .when({ ...issue, data: { ...issue.data, by: pm } } as CfJobCommand)
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec
      .given([])
      .when({ ...issue, data: { ...issue.data, script: [] } } as CfJobCommand)
      .thenThrows('SCRIPT_REQUIRED', 'rule-violated');
  });

  it('names the campaign brief it is for only when planning published it, for the same client', () => {
    const withBrief = (brief: object) => ({ ...issue, data: { ...issue.data, brief } }) as CfJobCommand;
    expect(
      spec
        .given([])
        .when(withBrief({ briefId: 'b-1', known: true, clientId: 'c-1' }))
        .events()[0],
    ).toMatchObject({ data: { briefId: 'b-1' } });
    expect(spec.given([]).when(issue).events()[0]).toMatchObject({ data: { briefId: null } });
    spec
      .given([])
      .when(withBrief({ briefId: 'b-9', known: false, clientId: null }))
      .thenThrows('BRIEF_NOT_FOUND', 'rule-violated');
    spec
      .given([])
      .when(withBrief({ briefId: 'b-2', known: true, clientId: 'c-2' }))
      .thenThrows('BRIEF_OF_ANOTHER_CLIENT', 'rule-violated');
  });

  it('approves the latest estimate by a production director who did not draft it', () => {
    const drafted = history(issue, estimate());
    spec.given(drafted).when(approve(pdWhoDrafted)).thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    spec.given(drafted).when(approve(pm)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec
      .given(history(issue, estimate(), estimate()))
      .when(approve(pd, 1))
      .thenThrows('STALE_ESTIMATE', 'rule-violated');
    expect(spec.given(drafted).when(approve()).events()[0]).toMatchObject({ type: 'EstimateApproved', data: { totalFen: 500_000 } });
  });

  it('goes to the client only with an approved estimate, an awarded production house, a quote and a schedule, saying what is missing', () => {
    expect(refusal(history(issue, estimate()), confirm)).toEqual([
      'NOT_READY_FOR_CLIENT',
      ['estimate:production-director', 'production-house:production-manager', 'quote:production-manager', 'schedule:production-manager'],
    ]);
    const notAwarded = c('ChooseProductionHouse', { bid: { requestId: 'r-1', exists: true, jobId, awarded: null } }, pm);
    expect(refusal(history(issue), notAwarded)).toEqual(['BID_NOT_AWARDED', ['award:production-manager']]);
    expect(refusal(history(issue, estimate(), approve(), house, quote, schedule), confirm)).toEqual(['accepted', []]);
    expect(refusal(history(issue, estimate(), approve(), house, quote, schedule), contract)).toEqual([
      'CREW_AND_PRICE_NOT_CONFIRMED',
      ['client-confirmation:account-manager'],
    ]);
  });

  it('requests the prepayment on signature; nothing moves until Finance records it', () => {
    const signed = history(issue, estimate(), approve(), house, quote, schedule, confirm, contract);
    expect(signed.at(-1)).toMatchObject({
      type: 'ProductionContractSigned',
      data: { contract: { valueFen: 600_000, prepaymentFen: 300_000, balanceFen: 300_000, includedReviewRounds: 2 } },
    });
    expect(cfJobBlockers(spec.given(signed).state())).toEqual([expect.objectContaining({ gate: 'prepayment', releasedBy: 'finance' })]);
    for (const command of [briefing, preProduction, ppm(), shoot, c('UpdatePreparation', { item: 'Casting call', done: true, note: '' }, pm)])
      expect(refusal(signed, command)).toEqual(['PREPAYMENT_NOT_RECEIVED', ['prepayment:finance']]);
    expect(refusal(signed, estimate())).toEqual(['CONTRACT_SIGNED', []]);
    const paid = [...signed, ...spec.given(signed).when(settled).events()];
    spec.given(paid).when(settled).thenNothingHappens();
    expect(spec.given(paid).state().status).toBe('preparation');
  });

  it('holds the PPM with all three parties and every checklist item confirmed; no shooting before the client signs it off', () => {
    const paid = history(issue, estimate(), approve(), house, quote, schedule, confirm, contract, settled);
    expect(refusal(paid, preProduction)).toEqual(['BRIEFING_FIRST', []]);
    const prepared = history(issue, estimate(), approve(), house, quote, schedule, confirm, contract, settled, briefing, preProduction);
    expect(refusal(prepared, shoot)).toEqual(['PPM_NOT_SIGNED_OFF', ['ppm:production-manager']]);
    expect(refusal(prepared, ppm({ attendees: { agency: ['Wang'], client: [], production: ['Li'] } }))[0]).toBe('THREE_PARTIES_REQUIRED');
    expect(refusal(prepared, ppm({ checklist: { ...checklist, props: ' ' } }))[0]).toBe('PPM_CHECKLIST_INCOMPLETE');
    expect(refusal(prepared, ppm({ evidence: [] }))[0]).toBe('EVIDENCE_REQUIRED');
    const signedOff = [...prepared, ...spec.given(prepared).when(ppm()).events()];
    expect(spec.given(signedOff).when(shoot).events()[0].type).toBe('ShootingStarted');
  });

  it('is held and resumed, or cancelled, with a reason', () => {
    const held = history(issue, c('HoldCfJob', { reason: 'Client reviewing budget' }, am));
    expect(refusal(held, estimate())).toEqual(['JOB_ON_HOLD', ['hold:production-manager']]);
    expect(
      spec
        .given(held)
        .when(c('ResumeCfJob', {}, pm))
        .events()[0],
    ).toMatchObject({ data: { status: 'planning' } });
    spec
      .given(history(issue))
      .when(c('CancelCfJob', { reason: '' }, am))
      .thenThrows('REASON_REQUIRED', 'rule-violated');
  });
});
