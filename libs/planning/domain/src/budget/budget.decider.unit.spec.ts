import type { Actor, EvidenceRef } from '@ooh/eventing';
import { deciderSpec } from '@ooh/eventing-testing';
import { budgetDecider, type BudgetCommand, type CampaignSnapshot } from './budget.decider';
import type { BudgetBucket, BudgetEvent } from './budget.events';

const spec = deciderSpec(budgetDecider);
const am: Actor = { userId: 'wang', role: 'account-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const po: EvidenceRef = { blobId: 'a'.repeat(64), sha256: 'a'.repeat(64), contentType: 'application/pdf' };
const campaign: CampaignSnapshot = {
  briefId: 'b-1',
  exists: true,
  clientId: 'c-1',
  campaign: 'Winter 2027',
  currency: 'CNY',
  period: { start: '2027-01-01', end: '2027-02-28' },
};
const buckets: BudgetBucket[] = [
  { channel: 'outdoor', month: '2027-01', amountFen: 20_000_000 },
  { channel: 'outdoor', month: '2027-02', amountFen: 10_000_000 },
  { channel: 'tv', month: null, amountFen: 15_000_000 },
];
const request = (b = buckets, c = campaign): BudgetCommand => ({
  type: 'RequestBudget',
  data: { authorizationId: 'a-1', campaign: c, buckets: b, at: AT, by: am },
});
const requested: BudgetEvent = {
  type: 'BudgetRequested',
  data: { authorizationId: 'a-1', briefId: 'b-1', clientId: 'c-1', campaign: 'Winter 2027', currency: 'CNY', buckets, totalFen: 45_000_000, at: AT, by: am },
};
const authorize = (poReference = 'PO-7781', evidence = [po]): BudgetCommand => ({
  type: 'AuthorizeBudget',
  data: { authorizationId: 'a-1', poReference, evidence, at: AT, by: am },
});

describe('Budget authorization decider', () => {
  it('should request buckets by channel and/or month inside the campaign, totalled', () => {
    spec.given([]).when(request()).then([requested]);
    spec.given([]).when(request([])).thenThrows('BUCKETS_REQUIRED', 'rule-violated');
    spec
      .given([])
      .when(request([{ channel: 'tv', month: null, amountFen: 0 }]))
      .thenThrows('AMOUNT_REQUIRED', 'rule-violated');
    spec
      .given([])
      .when(request([buckets[2], buckets[2]]))
      .thenThrows('DUPLICATE_BUCKET', 'rule-violated');
    spec
      .given([])
      .when(request([{ channel: 'tv', month: '2027-04', amountFen: 1 }]))
      .thenThrows('MONTH_OUTSIDE_CAMPAIGN', 'rule-violated');
    spec
      .given([])
      .when(request(buckets, { ...campaign, exists: false }))
      .thenThrows('BRIEF_NOT_FOUND', 'not-found');
  });

  it('should be authorized by the client, recorded with its PO reference and document', () => {
    spec
      .given([requested])
      .when(authorize())
      .then([
        {
          type: 'BudgetAuthorized',
          data: {
            authorizationId: 'a-1',
            briefId: 'b-1',
            clientId: 'c-1',
            poReference: 'PO-7781',
            evidence: [po],
            currency: 'CNY',
            buckets,
            totalFen: 45_000_000,
            at: AT,
            by: am,
          },
        },
      ]);
    spec.given([requested]).when(authorize(' ')).thenThrows('PO_REFERENCE_REQUIRED', 'rule-violated');
    spec.given([requested]).when(authorize('PO-1', [])).thenThrows('EVIDENCE_REQUIRED', 'rule-violated');
  });

  it('should be rejected with a reason, and decided once', () => {
    const reject: BudgetCommand = { type: 'RejectBudget', data: { authorizationId: 'a-1', reason: 'Too much TV', evidence: [], at: AT, by: am } };
    const rejected = spec.given([requested]).when(reject).events();
    expect(spec.given([requested, ...rejected]).state()).toMatchObject({ status: 'rejected', rejectionReason: 'Too much TV' });
    spec
      .given([requested, ...rejected])
      .when(authorize())
      .thenThrows('BUDGET_DECIDED', 'rule-violated');
    spec.given([]).when(authorize()).thenThrows('BUDGET_NOT_FOUND', 'not-found');
  });
});
