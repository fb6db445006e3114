import type { Actor, EvidenceRef } from '@ooh/eventing';
import { deciderSpec } from '@ooh/eventing-testing';
import { mediaPlanDecider, planBlockers, type MediaPlanCommand, type PlanCampaign } from './media-plan.decider';
import type { AvailabilityCheck, MediaPlanEvent } from './media-plan.events';
import { computeLine, diffLines, faceRequests, planTotals, type PlanLineInput } from './media-plan.lines';

const spec = deciderSpec(mediaPlanDecider);
const planner: Actor = { userId: 'chen', role: 'media-manager' };
const director: Actor = { userId: 'tan', role: 'media-director' };
const accountDirector: Actor = { userId: 'lee', role: 'account-director' };
const am: Actor = { userId: 'wang', role: 'account-manager' };
const admin: Actor = { userId: 'root', role: 'admin' };
const AT = '2026-12-01T02:00:00.000Z';
const signed: EvidenceRef = { blobId: 'b'.repeat(64), sha256: 'b'.repeat(64), contentType: 'application/pdf' };
const campaign: PlanCampaign = {
  briefId: 'b-1',
  exists: true,
  client: { clientId: 'c-1', name: 'CQ Beer', status: 'active' },
  campaign: 'Winter 2027',
  currency: 'CNY',
  budgetFen: 10_000_000,
  authorizedFen: null,
};
const free: AvailabilityCheck = { checkedAt: AT, result: 'free', clashes: [] };

/** An OOH line on two faces for two weeks of January, the second a hiatus week. */
const ooh: PlanLineInput = {
  lineId: 'L1',
  channel: 'outdoor',
  vendor: { vendorId: 'OP', name: 'Rail Media' },
  property: 'Chongqing North',
  faces: [
    { siteId: 'CQN-LED-01', face: 'A' },
    { siteId: 'CQN-LED-01', face: 'B' },
  ],
  placement: 'LED 15s loop',
  format: 'video',
  spotLengthSeconds: 15,
  adSize: null,
  dayparts: ['all-day'],
  market: 'Chongqing',
  targetDemo: 'adults 25-44',
  flight: { start: '2027-01-04', end: '2027-01-17' },
  weeks: [
    { weekStart: '2027-01-04', units: 7 },
    { weekStart: '2027-01-11', units: 0 },
  ],
  pricing: 'per-face-day',
  grossRateFen: 100_000,
  commissionPercent: 15,
  estimates: { impressions: 2_000_000, grp: null, reach: null, frequency: null },
};
const tv: PlanLineInput = {
  ...ooh,
  lineId: 'L2',
  channel: 'tv',
  vendor: { vendorId: 'CQTV', name: 'Chongqing TV' },
  property: 'CQTV-1',
  faces: [],
  dayparts: ['prime'],
  flight: { start: '2027-01-25', end: '2027-02-07' },
  weeks: [
    { weekStart: '2027-01-25', units: 10 },
    { weekStart: '2027-02-01', units: 10 },
  ],
  pricing: 'per-spot',
  grossRateFen: 200_000,
  commissionPercent: 15,
  estimates: { impressions: null, grp: 40, reach: null, frequency: null },
};

const create = (lines = [ooh]): MediaPlanCommand => ({
  type: 'CreateMediaPlan',
  data: { planId: 'p-1', campaign, name: 'Winter plan', lines, at: AT, by: planner },
});
const submit = (version = 1, c = campaign, hash = `h${version}`): MediaPlanCommand => ({
  type: 'SubmitPlanVersion',
  data: { planId: 'p-1', version, contentHash: hash, campaign: c, availability: free, at: AT, by: planner },
});
const approve = (by: Actor, version = 1, hash = `h${version}`): MediaPlanCommand => ({
  type: 'ApprovePlanVersion',
  data: { planId: 'p-1', version, contentHash: hash, at: AT, by },
});
const run = (...commands: MediaPlanCommand[]): MediaPlanEvent[] => {
  const events: MediaPlanEvent[] = [];
  for (const c of commands) events.push(...spec.given(events).when(c).events());
  return events;
};

describe('media plan lines', () => {
  it('should price a face-day line over its active days only (hiatus weeks excluded), net of commission', () => {
    const line = computeLine(ooh);
    expect(line).toMatchObject({ units: 7, activeDays: 7, grossFen: 1_400_000, netFen: 1_190_000, cpmFen: 595, cppFen: null });
    expect(line.netByMonth).toEqual({ '2027-01': 1_190_000 });
  });

  it('should spread a line over months pro rata by active days, the parts adding up exactly', () => {
    const line = computeLine(tv);
    expect(line).toMatchObject({ units: 20, activeDays: 14, grossFen: 4_000_000, netFen: 3_400_000, cppFen: 85_000 });
    expect(line.netByMonth).toEqual({ '2027-01': 1_700_000, '2027-02': 1_700_000 });
    const totals = planTotals([computeLine(ooh), line]);
    expect(totals).toEqual({
      grossFen: 5_400_000,
      netFen: 4_590_000,
      byChannel: { outdoor: 1_190_000, tv: 3_400_000 },
      byMonth: { '2027-01': 2_890_000, '2027-02': 1_700_000 },
      byVendor: { OP: { name: 'Rail Media', netFen: 1_190_000 }, CQTV: { name: 'Chongqing TV', netFen: 3_400_000 } },
    });
  });

  it('should ask the operator for its faces on the active days only', () => {
    expect(faceRequests(ooh)).toEqual([
      { siteId: 'CQN-LED-01', face: 'A', start: '2027-01-04', end: '2027-01-10' },
      { siteId: 'CQN-LED-01', face: 'B', start: '2027-01-04', end: '2027-01-10' },
    ]);
  });

  it('should show lines added, removed and changed, with totals before and after', () => {
    const before = [computeLine(ooh)];
    const after = [computeLine({ ...ooh, grossRateFen: 120_000 }), computeLine(tv)];
    const diff = diffLines(before, after);
    expect(diff.added.map((l) => l.lineId)).toEqual(['L2']);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      { lineId: 'L1', fields: expect.objectContaining({ grossRateFen: { from: 100_000, to: 120_000 }, netFen: { from: 1_190_000, to: 1_428_000 } }) },
    ]);
    expect([diff.totals.before.netFen, diff.totals.after.netFen]).toEqual([1_190_000, 4_828_000]);
  });
});

describe('Media plan decider', () => {
  it('should create a plan with its first draft version, refusing lines that do not hold together', () => {
    const events = spec.given([]).when(create()).events();
    expect(events.map((e) => e.type)).toEqual(['MediaPlanCreated', 'PlanVersionDrafted']);
    spec
      .given([])
      .when(create([{ ...ooh, weeks: [{ weekStart: '2027-01-05', units: 1 }] }]))
      .thenThrows('WEEK_NOT_MONDAY', 'rule-violated');
    spec
      .given([])
      .when(create([{ ...ooh, weeks: [{ weekStart: '2027-03-01', units: 1 }] }]))
      .thenThrows('WEEK_OUTSIDE_FLIGHT', 'rule-violated');
    spec
      .given([])
      .when(create([{ ...ooh, faces: [] }]))
      .thenThrows('FACES_REQUIRED', 'rule-violated');
    spec
      .given([])
      .when(create([ooh, ooh]))
      .thenThrows('DUPLICATE_LINE', 'rule-violated');
    spec
      .given([])
      .when(create([{ ...tv, pricing: 'cpp', estimates: { ...tv.estimates, grp: null } }]))
      .thenThrows('GRP_REQUIRED', 'rule-violated');
  });

  it('should freeze a submitted version: it is never edited, only followed by a new one', () => {
    const events = run(create(), submit());
    spec
      .given(events)
      .when({ type: 'SetDraftLines', data: { planId: 'p-1', version: 1, lines: [tv], at: AT, by: planner } })
      .thenThrows('VERSION_FROZEN', 'rule-violated');
    spec
      .given(events)
      .when({ type: 'DraftNewVersion', data: { planId: 'p-1', fromVersion: 1, resolves: [], at: AT, by: planner } })
      .thenThrows('VERSION_UNDER_REVIEW', 'rule-violated');
  });

  it('should refuse submitting over budget unless an account director who did not write it overrides, with a reason', () => {
    const over = run(create([ooh, tv]));
    const tight = { ...campaign, budgetFen: 4_000_000 };
    spec.given(over).when(submit(1, tight)).thenThrows('OVER_BUDGET', 'rule-violated');
    spec
      .given(over)
      .when(submit(1, { ...campaign, authorizedFen: 4_000_000 }))
      .thenThrows('OVER_BUDGET', 'rule-violated');
    const grant = (by: Actor, reason = 'Client agreed to top up in Q1'): MediaPlanCommand => ({
      type: 'GrantBudgetOverride',
      data: { planId: 'p-1', version: 1, reason, campaign: tight, at: AT, by },
    });
    spec.given(over).when(grant(director)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec.given(over).when(grant(accountDirector, ' ')).thenThrows('REASON_REQUIRED', 'rule-violated');
    spec
      .given(over)
      .when(grant({ ...accountDirector, userId: 'chen' }))
      .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    spec
      .given(over)
      .when({ ...grant(accountDirector), data: { ...(grant(accountDirector) as { data: object }).data, campaign } } as MediaPlanCommand)
      .thenThrows('NOT_OVER_BUDGET', 'rule-violated');
    const granted = spec.given(over).when(grant(accountDirector)).events();
    const submitted = spec
      .given([...over, ...granted])
      .when(submit(1, tight))
      .events();
    expect(submitted[0]).toMatchObject({ type: 'PlanVersionSubmitted', data: { budgetCheck: { over: true, netFen: 4_590_000, briefBudgetFen: 4_000_000 } } });
  });

  it('should be approved internally only by a director who did not write the version, bound to its content hash', () => {
    const events = run(create(), submit());
    spec
      .given(events)
      .when(approve({ ...director, userId: 'chen' }))
      .thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    spec.given(events).when(approve(admin)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec.given(events).when(approve(am)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec
      .given(events)
      .when(approve(director, 1, 'h-other'))
      .thenThrows('STALE_APPROVAL', 'conflict');
    spec
      .given(events)
      .when(approve(director))
      .then([{ type: 'PlanVersionApprovedInternally', data: { planId: 'p-1', version: 1, contentHash: 'h1', at: AT, by: director } }]);
  });

  it('should keep every version: returned → a new draft with that parent; an approval of the old one is stale', () => {
    const returned = run(create(), submit(), {
      type: 'ReturnPlanVersion',
      data: { planId: 'p-1', version: 1, reasons: ['Too much TV'], at: AT, by: director },
    });
    expect(planBlockers(spec.given(returned).state())).toEqual([expect.objectContaining({ gate: 'revision', releasedBy: 'media-manager' })]);
    const events = run(
      create(),
      submit(),
      { type: 'ReturnPlanVersion', data: { planId: 'p-1', version: 1, reasons: ['Too much TV'], at: AT, by: director } },
      {
        type: 'DraftNewVersion',
        data: { planId: 'p-1', fromVersion: 1, resolves: [], at: AT, by: planner },
      },
    );
    const state = spec.given(events).state();
    expect(state.versions.map((v) => [v.version, v.parent, v.status])).toEqual([
      [1, null, 'returned'],
      [2, 1, 'draft'],
    ]);
    spec.given(events).when(approve(director)).thenThrows('VERSION_SUPERSEDED', 'conflict');
    spec
      .given(events)
      .when({ type: 'DraftNewVersion', data: { planId: 'p-1', fromVersion: 1, resolves: [], at: AT, by: planner } })
      .thenThrows('DRAFT_EXISTS', 'conflict');
  });

  it('should go from rehearsal feedback, resolved by a later version, to the client’s approval with evidence, frozen for good', () => {
    const rehearsal: MediaPlanCommand = {
      type: 'RecordRehearsal',
      data: { planId: 'p-1', version: 1, feedback: [{ feedbackId: 'f-1', text: 'Add a weekend burst' }], at: AT, by: am },
    };
    const rehearsed = run(create(), submit(), approve(director), rehearsal);
    spec
      .given(rehearsed)
      .when({ type: 'PresentPlan', data: { planId: 'p-1', version: 1, at: AT, by: am } })
      .thenThrows('FEEDBACK_OPEN', 'rule-violated');
    const v2 = run(
      create(),
      submit(),
      approve(director),
      rehearsal,
      { type: 'DraftNewVersion', data: { planId: 'p-1', fromVersion: 1, resolves: ['f-1'], at: AT, by: planner } },
      { type: 'SetDraftLines', data: { planId: 'p-1', version: 2, lines: [ooh, tv], at: AT, by: planner } },
      submit(2),
      approve(director, 2),
      { type: 'PresentPlan', data: { planId: 'p-1', version: 2, at: AT, by: am } },
    );
    const decide = (outcome: 'approved' | 'rejected', evidence = [signed], hash = 'h2', feedback: string[] = []): MediaPlanCommand => ({
      type: 'RecordClientDecision',
      data: { planId: 'p-1', version: 2, contentHash: hash, outcome, feedback, evidence, at: AT, by: am },
    });
    spec.given(v2).when(decide('approved', [])).thenThrows('EVIDENCE_REQUIRED', 'rule-violated');
    spec
      .given(v2)
      .when(decide('approved', [signed], 'h1'))
      .thenThrows('STALE_APPROVAL', 'conflict');
    spec.given(v2).when(decide('rejected')).thenThrows('FEEDBACK_REQUIRED', 'rule-violated');
    const approved = spec.given(v2).when(decide('approved')).events();
    expect(approved[0]).toMatchObject({
      type: 'PlanApprovedByClient',
      data: { version: 2, contentHash: 'h2', totals: { netFen: 4_590_000 }, evidence: [signed] },
    });
    const state = spec.given([...v2, ...approved]).state();
    expect(state).toMatchObject({ status: 'client-approved', approvedVersion: 2 });
    expect(state.feedback).toEqual([{ feedbackId: 'f-1', version: 1, source: 'rehearsal', text: 'Add a weekend burst', resolvedByVersion: 2 }]);
    expect(planBlockers(state)).toEqual([]);
    spec
      .given([...v2, ...approved])
      .when(decide('approved'))
      .thenThrows('VERSION_NOT_READY', 'rule-violated');
  });

  it('should present only a rehearsed plan, and take the client’s rejection with feedback', () => {
    const approvedInternally = run(create(), submit(), approve(director));
    spec
      .given(approvedInternally)
      .when({ type: 'PresentPlan', data: { planId: 'p-1', version: 1, at: AT, by: am } })
      .thenThrows('NOT_REHEARSED', 'rule-violated');
    const presented = run(
      create(),
      submit(),
      approve(director),
      { type: 'RecordRehearsal', data: { planId: 'p-1', version: 1, feedback: [], at: AT, by: am } },
      {
        type: 'PresentPlan',
        data: { planId: 'p-1', version: 1, at: AT, by: am },
      },
    );
    expect(planBlockers(spec.given(presented).state())).toEqual([expect.objectContaining({ gate: 'client-decision', onBehalfOf: 'CQ Beer' })]);
    const rejected = spec
      .given(presented)
      .when({
        type: 'RecordClientDecision',
        data: { planId: 'p-1', version: 1, contentHash: 'h1', outcome: 'rejected', feedback: ['Too expensive'], evidence: [signed], at: AT, by: am },
      })
      .events();
    expect(spec.given([...presented, ...rejected]).state().status).toBe('client-rejected');
  });
});
