import type { Actor, EvidenceRef } from '@ooh/eventing';
import { deciderSpec, eventsFrom } from '@ooh/eventing-testing';
import { clientContractDecider, contractBlockers, type ApprovedPlanSnapshot, type ClientContractCommand, type ContractDraft } from './client-contract.decider';
import type { ClientContractEvent } from './client-contract.events';

const spec = deciderSpec(clientContractDecider);
const am: Actor = { userId: 'wang', role: 'account-manager' };
const ad: Actor = { userId: 'zhang', role: 'account-director' };
const adWhoDrafted: Actor = { userId: 'wang', role: 'account-director' };
const mm: Actor = { userId: 'li', role: 'media-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const TODAY = '2026-12-01';
const id = 'cc-1';
const signed: EvidenceRef = { blobId: 'b'.repeat(64), sha256: 'b'.repeat(64), contentType: 'application/pdf' };
const plan: ApprovedPlanSnapshot = {
  planId: 'p-1',
  version: 2,
  exists: true,
  clientApproved: true,
  contentHash: 'h'.repeat(64),
  clientId: 'c-1',
  briefId: 'b-1',
  campaign: 'Winter 2027',
  currency: 'CNY',
  netFen: 90_000_000,
};
const draft = (over: Partial<ContractDraft> = {}): ContractDraft => ({
  plan,
  party: { clientId: '', clientName: 'Acme Beverages', campaign: '', currency: 'CNY' },
  valueFen: 100_000_001,
  milestones: [
    { kind: 'prepayment', percent: 30, dueDate: '2026-12-15' },
    { kind: 'balance', percent: 70, dueDate: '2027-03-31' },
  ],
  scope: 'TV and outdoor buying for Winter 2027',
  ...over,
});

const cmd = {
  draft: (d = draft(), by = am): ClientContractCommand => ({ type: 'DraftClientContract', data: { contractId: id, draft: d, today: TODAY, at: AT, by } }),
  submit: (by = am): ClientContractCommand => ({ type: 'SubmitClientContract', data: { contractId: id, at: AT, by } }),
  approve: (by = ad, revision = 1): ClientContractCommand => ({ type: 'ApproveClientContract', data: { contractId: id, revision, at: AT, by } }),
  return: (reasons: string[], by = ad): ClientContractCommand => ({ type: 'ReturnClientContract', data: { contractId: id, revision: 1, reasons, at: AT, by } }),
  sign: (over: { signedOn?: string; evidence?: EvidenceRef[]; revision?: number } = {}): ClientContractCommand => ({
    type: 'RecordClientSignature',
    data: {
      contractId: id,
      revision: over.revision ?? 1,
      signedOn: over.signedOn ?? TODAY,
      signatory: 'Ms. Chen, CMO',
      evidence: over.evidence ?? [signed],
      today: TODAY,
      at: AT,
      by: am,
    },
  }),
  amend: (d: ContractDraft, reason = 'Spring flight added'): ClientContractCommand => ({
    type: 'AmendClientContract',
    data: { contractId: id, draft: d, reason, today: TODAY, at: AT, by: am },
  }),
};
const history = (...commands: ClientContractCommand[]): ClientContractEvent[] => eventsFrom(clientContractDecider, commands);

describe('Client contract decider', () => {
  it('is drafted by an account manager from a client-approved plan version, milestones priced to the fen', () => {
    const [drafted] = spec.given([]).when(cmd.draft()).events();
    expect(drafted).toMatchObject({
      type: 'ClientContractDrafted',
      data: {
        revision: 1,
        terms: {
          clientId: 'c-1',
          briefId: 'b-1',
          campaign: 'Winter 2027',
          plan: { planId: 'p-1', version: 2 },
          milestones: [
            { kind: 'prepayment', amountFen: 30_000_000 },
            { kind: 'balance', amountFen: 70_000_001 },
          ],
        },
      },
    });
    spec.given([]).when(cmd.draft(draft(), mm)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec
      .given([])
      .when(cmd.draft(draft({ plan: { ...plan, clientApproved: false } })))
      .thenThrows('PLAN_NOT_CLIENT_APPROVED', 'rule-violated');
    spec
      .given([])
      .when(cmd.draft(draft({ plan: { ...plan, exists: false } })))
      .thenThrows('PLAN_NOT_FOUND', 'not-found');
  });

  it('is drafted directly for a named client and campaign', () => {
    const direct = draft({ plan: null, party: { clientId: 'c-9', clientName: 'Zeta', campaign: 'Launch', currency: 'CNY' } });
    expect(spec.given([]).when(cmd.draft(direct)).events()[0]).toMatchObject({ data: { terms: { clientId: 'c-9', briefId: null, plan: null } } });
    spec
      .given([])
      .when(cmd.draft(draft({ plan: null })))
      .thenThrows('PARTY_REQUIRED', 'rule-violated');
  });

  it('refuses milestones that do not bill the value exactly once, in time', () => {
    const ms = (m: ContractDraft['milestones']) => cmd.draft(draft({ milestones: m }));
    spec
      .given([])
      .when(ms([{ kind: 'prepayment', percent: 100, dueDate: '2026-12-15' }]))
      .thenThrows('MILESTONES_INVALID', 'rule-violated');
    spec
      .given([])
      .when(ms([{ kind: 'full', percent: 90, dueDate: '2026-12-15' }]))
      .thenThrows('MILESTONES_NOT_100', 'rule-violated');
    spec
      .given([])
      .when(ms([{ kind: 'full', percent: 100, dueDate: '2026-11-30' }]))
      .thenThrows('DUE_DATE_OUTSIDE_WINDOW', 'rule-violated');
    spec
      .given([])
      .when(
        ms([
          { kind: 'prepayment', percent: 50, dueDate: '2027-02-01' },
          { kind: 'balance', percent: 50, dueDate: '2027-01-01' },
        ]),
      )
      .thenThrows('BALANCE_BEFORE_PREPAYMENT', 'rule-violated');
    spec
      .given([])
      .when(cmd.draft(draft({ valueFen: 0 })))
      .thenThrows('VALUE_REQUIRED', 'rule-violated');
  });

  it('is reviewed by an account director who did not draft it (four-eyes: no role lets the drafter approve)', () => {
    const submitted = history(cmd.draft(), cmd.submit());
    expect(spec.given(submitted).when(cmd.approve()).events()[0].type).toBe('ClientContractApproved');
    spec.given(submitted).when(cmd.approve(adWhoDrafted)).thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    spec.given(submitted).when(cmd.approve(am)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec.given(submitted).when(cmd.approve(ad, 2)).thenThrows('STALE_REVISION', 'rule-violated');
    spec.given(history(cmd.draft())).when(cmd.approve()).thenThrows('CONTRACT_STATUS', 'rule-violated');
    spec.given(submitted).when(cmd.return([])).thenThrows('REASONS_REQUIRED', 'rule-violated');
    const returned = [
      ...submitted,
      ...spec
        .given(submitted)
        .when(cmd.return(['Balance date too early']))
        .events(),
    ];
    expect(contractBlockers(spec.given(returned).state())).toEqual([
      { gate: 'revision', waitingFor: 'A revision answering: Balance date too early', releasedBy: 'account-manager', releasedByRoles: ['account-manager'] },
    ]);
  });

  it('is signed by the client, recorded with the signed document, billing every milestone', () => {
    const approved = history(cmd.draft(), cmd.submit(), cmd.approve());
    const [event] = spec.given(approved).when(cmd.sign()).events();
    expect(event).toMatchObject({
      type: 'ClientContractSigned',
      data: {
        billing: [
          { kind: 'prepayment', amountFen: 30_000_000, dueDate: '2026-12-15' },
          { kind: 'balance', amountFen: 70_000_001, dueDate: '2027-03-31' },
        ],
      },
    });
    spec
      .given(approved)
      .when(cmd.sign({ evidence: [] }))
      .thenThrows('EVIDENCE_REQUIRED', 'rule-violated');
    spec
      .given(approved)
      .when(cmd.sign({ signedOn: '2026-12-02' }))
      .thenThrows('SIGNED_IN_FUTURE', 'rule-violated');
    spec
      .given(approved)
      .when(cmd.sign({ signedOn: '2026-11-30' }))
      .thenThrows('SIGNED_BEFORE_DRAFT', 'rule-violated');
    spec.given(history(cmd.draft(), cmd.submit())).when(cmd.sign()).thenThrows('CONTRACT_STATUS', 'rule-violated');
  });

  it('is amended by a new revision, reviewed and signed again, billing only what it adds; a billed milestone is never reduced', () => {
    const signedHistory = history(cmd.draft(), cmd.submit(), cmd.approve(), cmd.sign());
    const bigger = draft({ valueFen: 120_000_001 });
    const amended = history(cmd.draft(), cmd.submit(), cmd.approve(), cmd.sign(), cmd.amend(bigger), cmd.submit(), cmd.approve(ad, 2));
    expect(
      spec
        .given(amended)
        .when(cmd.sign({ revision: 2 }))
        .events()[0],
    ).toMatchObject({
      data: {
        revision: 2,
        billing: [
          { kind: 'prepayment', amountFen: 6_000_000 },
          { kind: 'balance', amountFen: 14_000_000 },
        ],
      },
    });
    spec
      .given(signedHistory)
      .when(cmd.amend(draft({ valueFen: 90_000_000 })))
      .thenThrows('BILLED_MILESTONE_REDUCED', 'rule-violated');
    spec.given(signedHistory).when(cmd.amend(bigger, ' ')).thenThrows('REASON_REQUIRED', 'rule-violated');
    expect(spec.given(amended).state()).toMatchObject({ status: 'approved', currentRevision: 2, signedRevision: 1 });
  });

  it('records collections from finance once per receivable, and is terminated with a reason', () => {
    const signedHistory = history(cmd.draft(), cmd.submit(), cmd.approve(), cmd.sign());
    const collect: ClientContractCommand = {
      type: 'RecordMilestoneCollected',
      data: {
        contractId: id,
        receivableId: 'r-1',
        kind: 'prepayment',
        amountFen: 30_000_000,
        settledAt: AT,
        at: AT,
        by: { userId: 'system:finance', role: 'finance' },
      },
    };
    const collected = spec.given(signedHistory).when(collect).events();
    expect(collected).toHaveLength(1);
    spec
      .given([...signedHistory, ...collected])
      .when(collect)
      .thenNothingHappens();
    expect(spec.given([...signedHistory, ...collected]).state().collectedFen).toBe(30_000_000);
    const terminate = (reason: string, effectiveOn = TODAY): ClientContractCommand => ({
      type: 'TerminateClientContract',
      data: { contractId: id, reason, effectiveOn, today: TODAY, at: AT, by: ad },
    });
    expect(spec.given(signedHistory).when(terminate('Client merged')).events()[0].type).toBe('ClientContractTerminated');
    spec.given(signedHistory).when(terminate('')).thenThrows('REASON_REQUIRED', 'rule-violated');
    spec.given(signedHistory).when(terminate('x', '2026-11-30')).thenThrows('EFFECTIVE_DATE_PAST', 'rule-violated');
  });
});
