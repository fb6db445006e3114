import type { Actor, EvidenceRef } from '@ooh/eventing';
import { deciderSpec, eventsFrom } from '@ooh/eventing-testing';
import type { RateCard } from '../vendor/vendor.events';
import { mediaOrderDecider, type MediaOrderCommand, type OrderPlanSnapshot, type OrderVendorSnapshot } from './media-order.decider';
import type { ProofInput } from './media-order.delivery';
import type { MediaOrderEvent } from './media-order.events';
import type { SigningFacts } from './media-order.gates';
import type { OrderUnitInput } from './media-order.lines';

const spec = deciderSpec(mediaOrderDecider);
const mm: Actor = { userId: 'li', role: 'media-manager' };
const md: Actor = { userId: 'sun', role: 'media-director' };
const am: Actor = { userId: 'wang', role: 'account-manager' };
const operator: Actor = { userId: 'system:feed', role: 'system' };
const AT = '2027-01-20T02:00:00.000Z';
const TZ = 'Asia/Shanghai';
const id = 'o-1';
const doc: EvidenceRef = { blobId: 'c'.repeat(64), sha256: 'c'.repeat(64), contentType: 'application/pdf' };
const csv: EvidenceRef = { blobId: 'd'.repeat(64), sha256: 'd'.repeat(64), contentType: 'text/csv' };
const card: RateCard = {
  property: 'CCTV-1',
  version: 1,
  effectiveFrom: '2026-01-01',
  items: [
    { daypart: 'prime', unit: 'spot', spotLengthSeconds: 15, rateFen: 1_000_000, surchargePercent: 0 },
    { daypart: 'fringe', unit: 'spot', spotLengthSeconds: 15, rateFen: 400_000, surchargePercent: 0 },
  ],
  publishedAt: AT,
  publishedBy: mm,
};
const vendor: OrderVendorSnapshot = {
  vendorId: 'v-1',
  exists: true,
  active: true,
  name: 'CCTV',
  aliases: [],
  terms: { prepaymentPercent: 0, balanceDaysAfterAiring: 30 },
  payee: { accountName: 'CCTV', bank: 'ICBC', accountNumber: '1' },
  rateCards: [card],
};
const plan: OrderPlanSnapshot = {
  planId: 'p-1',
  version: 1,
  contentHash: 'h',
  briefId: 'b-1',
  clientId: 'c-1',
  campaign: 'Winter',
  currency: 'CNY',
  exists: true,
  lines: [
    {
      lineId: 'tv',
      channel: 'tv',
      vendor: { vendorId: 'v-1', name: 'CCTV' },
      property: 'CCTV-1',
      faces: [],
      market: 'national',
      flight: { start: '2027-01-04', end: '2027-01-31' },
      commissionPercent: 0,
      netFen: 0,
    },
  ],
};
const spot = (unitId: string, date: string, daypart = 'prime', rateFen = 1_000_000): OrderUnitInput => ({
  unitId,
  date,
  endDate: date,
  daypart,
  unit: 'spot',
  spotLengthSeconds: 15,
  quantity: 1,
  rateFen,
  negotiationNote: null,
  face: null,
});
const facts: SigningFacts = {
  contract: { exists: true, status: 'signed', signedRevision: 1, clientId: 'c-1', briefId: 'b-1' },
  plan: { clientApproved: true, latestApprovedVersion: 1 },
  budget: { authorizedFen: 100_000_000, authorizedByChannel: {}, committedFen: 0, committedByChannel: {} },
  rateCards: [card],
};
const confirmed: MediaOrderEvent[] = eventsFrom(mediaOrderDecider, [
  {
    type: 'DraftMediaOrder',
    data: {
      orderId: id,
      vendor,
      plan,
      contractId: 'cc-1',
      content: { lines: [{ planLineId: 'tv', units: [spot('u1', '2027-01-05'), spot('u2', '2027-01-06'), spot('u3', '2027-01-07')] }], materialsDueDate: null },
      today: '2026-12-01',
      at: AT,
      by: mm,
    },
  },
  { type: 'SubmitMediaOrder', data: { orderId: id, at: AT, by: mm } },
  { type: 'SignMediaOrder', data: { orderId: id, revision: 1, facts, at: AT, by: md } },
  { type: 'SendMediaOrder', data: { orderId: id, evidence: [], advertiser: { name: 'Acme', clientId: 'c-1' }, at: AT, by: mm } },
  { type: 'RecordVendorConfirmation', data: { orderId: id, vendorReference: 'R-1', evidence: [doc], at: AT, by: mm } },
]);
const proof = (unitId: string, outcome: ProofInput['outcome'], airedAt: string | null = null, over: Partial<ProofInput> = {}): ProofInput => ({
  unitId,
  outcome,
  airedAt,
  airedLengthSeconds: null,
  source: 'affidavit',
  evidence: [doc],
  note: '',
  ...over,
});
const record = (proofs: ProofInput[], by: Actor = mm, importedFrom: EvidenceRef | null = null, at = AT): MediaOrderCommand => ({
  type: 'RecordUnitProofs',
  data: { orderId: id, proofs, importedFrom, graceDays: 7, timeZone: TZ, at, by },
});
const withProof = [
  ...confirmed,
  ...spec
    .given(confirmed)
    .when(record([proof('u1', 'aired', '2027-01-05T12:30:00Z'), proof('u2', 'missed'), proof('u3', 'preempted')], mm, null, '2027-01-08T02:00:00Z'))
    .events(),
];
const offer = (makegoodId: string, units: OrderUnitInput[], forUnitIds = ['u2']): MediaOrderCommand => ({
  type: 'OfferMakegood',
  data: { orderId: id, makegoodId, planLineId: 'tv', forUnitIds, units, rateCards: [card], at: AT, by: mm },
});

describe('Media order delivery: proof of airing per unit, makegoods, proof to the client', () => {
  it('records each unit aired, preempted or missed, with evidence or from an imported file, time and length differences kept', () => {
    expect(spec.given(withProof).state().proofs).toMatchObject({
      u1: { outcome: 'aired', discrepancies: [], late: false },
      u2: { outcome: 'missed' },
      u3: { outcome: 'preempted' },
    });
    const [late] = spec
      .given(confirmed)
      .when(record([proof('u1', 'aired', '2027-01-06T01:00:00Z', { airedLengthSeconds: 30 })], mm, null, '2027-01-20T02:00:00Z'))
      .events();
    expect(late).toMatchObject({ data: { proofs: [{ discrepancies: ['time', 'length'], late: true }] } });
    const imported = spec
      .given(confirmed)
      .when(record([proof('u1', 'aired', '2027-01-05T12:30:00Z', { evidence: [] })], mm, csv))
      .events();
    expect(imported[0]).toMatchObject({ data: { importedFrom: csv } });
    spec
      .given(confirmed)
      .when(record([proof('u1', 'aired', '2027-01-05T12:30:00Z', { evidence: [] })]))
      .thenThrows('EVIDENCE_REQUIRED', 'rule-violated');
    spec
      .given(confirmed)
      .when(record([proof('u1', 'aired')]))
      .thenThrows('AIRED_AT_REQUIRED', 'rule-violated');
    spec
      .given(confirmed)
      .when(record([proof('u1', 'aired', '2027-02-01T00:00:00Z')]))
      .thenThrows('AIRED_IN_FUTURE', 'rule-violated');
    spec
      .given(confirmed)
      .when(record([proof('u1', 'missed', '2027-01-05T12:30:00Z')]))
      .thenThrows('AIRED_AT_NOT_EXPECTED', 'rule-violated');
    spec
      .given(confirmed)
      .when(record([proof('u9', 'missed')]))
      .thenThrows('UNIT_NOT_FOUND', 'rule-violated');
    spec
      .given(confirmed)
      .when(record([proof('u1', 'missed'), proof('u1', 'missed')]))
      .thenThrows('DUPLICATE_UNIT', 'rule-violated');
    spec
      .given(confirmed)
      .when(record([proof('u1', 'missed')], md))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec
      .given(confirmed.slice(0, 3))
      .when(record([proof('u1', 'missed')]))
      .thenThrows('ORDER_NOT_CONFIRMED', 'rule-violated');
    // A later report adds its evidence to the unit's proof (the first airing kept); without proof, a removal adds nothing.
    const removal: EvidenceRef = { blobId: 'f'.repeat(64), sha256: 'f'.repeat(64), contentType: 'image/jpeg' };
    const [added] = spec
      .given(withProof)
      .when(
        record(
          [
            proof('u1', 'aired', null, { evidence: [removal], source: 'operator-removal', addToExisting: true }),
            proof('u2', 'aired', null, { evidence: [removal], addToExisting: true }),
          ],
          operator,
        ),
      )
      .events();
    expect(added).toMatchObject({
      data: {
        proofs: [
          { unitId: 'u1', outcome: 'aired', airedAt: '2027-01-05T12:30:00Z', evidence: [doc, removal] },
          { unitId: 'u2', outcome: 'missed', evidence: [doc, removal] },
        ],
      },
    });
    spec
      .given(confirmed)
      .when(record([proof('u1', 'aired', null, { evidence: [removal], addToExisting: true })], operator))
      .thenNothingHappens();
    // The operator's feed redelivered: the same proof again changes nothing.
    spec
      .given(withProof)
      .when(record([proof('u1', 'aired', '2027-01-05T12:30:00Z')], operator))
      .thenNothingHappens();
  });

  it('checks a makegood’s value: within the rule the media manager accepts it as a revision in force', () => {
    const fair = [
      ...withProof,
      ...spec
        .given(withProof)
        .when(offer('mg-1', [spot('m1', '2027-01-12')]))
        .events(),
    ];
    expect(spec.given(fair).state().makegoods[0]).toMatchObject({ check: { withinRule: true, failures: [] }, status: 'offered' });
    const [accepted] = spec
      .given(fair)
      .when({ type: 'AcceptMakegood', data: { orderId: id, makegoodId: 'mg-1', reason: '', at: AT, by: mm } })
      .events();
    expect(accepted).toMatchObject({ type: 'MakegoodAccepted', data: { revision: 2, outsideRule: false, totals: { units: 3, grossFen: 3_000_000 } } });
    const after = spec.given([...fair, accepted]).state();
    expect(after).toMatchObject({ signedRevision: 2, currentRevision: 2 });
    const units = after.revisions[1].lines[0].units.map((u) => [u.unitId, u.replacedBy, u.makegoodFor]);
    expect(units).toEqual([
      ['u1', null, null],
      ['u2', 'mg-1', null],
      ['u3', null, null],
      ['m1', null, 'mg-1'],
    ]);
  });

  it('lets only a media director accept a makegood outside the rule, with a reason', () => {
    const cheap = [
      ...withProof,
      ...spec
        .given(withProof)
        .when(offer('mg-2', [spot('m2', '2027-01-12', 'fringe', 400_000)]))
        .events(),
    ];
    expect(spec.given(cheap).state().makegoods[0].check).toMatchObject({ withinRule: false, daypartOk: false });
    const accept = (by: Actor, reason: string): MediaOrderCommand => ({
      type: 'AcceptMakegood',
      data: { orderId: id, makegoodId: 'mg-2', reason, at: AT, by },
    });
    spec.given(cheap).when(accept(mm, 'fine')).thenThrows('MAKEGOOD_OUTSIDE_RULE', 'forbidden');
    spec.given(cheap).when(accept(md, ' ')).thenThrows('REASON_REQUIRED', 'rule-violated');
    expect(spec.given(cheap).when(accept(md, 'Client prefers the early slot')).events()[0]).toMatchObject({ data: { outsideRule: true } });
    const late = spec
      .given(withProof)
      .when(offer('mg-3', [spot('m3', '2027-02-05')]))
      .events()[0] as { data: { offer: { check: { windowOk: boolean } } } };
    expect(late.data.offer.check.windowOk).toBe(false);
    const dearer = spec
      .given(withProof)
      .when(offer('mg-4', [spot('m4', '2027-01-12', 'prime', 1_200_000)]))
      .events()[0] as { data: { offer: { check: { failures: string[] } } } };
    expect(dearer.data.offer.check.failures).toEqual([expect.stringMatching(/^costs 1200000 fen/)]);
  });

  it('makes good only missed or preempted units, once; a rejected makegood leaves a credit due', () => {
    spec
      .given(withProof)
      .when(offer('mg-5', [spot('m5', '2027-01-12')], ['u1']))
      .thenThrows('UNIT_NOT_MISSED', 'rule-violated');
    const offered = [
      ...withProof,
      ...spec
        .given(withProof)
        .when(offer('mg-6', [spot('m6', '2027-01-12')], ['u3']))
        .events(),
    ];
    spec
      .given(offered)
      .when(offer('mg-7', [spot('m7', '2027-01-13')], ['u3']))
      .thenThrows('MAKEGOOD_PENDING', 'rule-violated');
    const [rejected] = spec
      .given(offered)
      .when({ type: 'RejectMakegood', data: { orderId: id, makegoodId: 'mg-6', reason: 'Too late for the launch', creditId: 'cr-1', at: AT, by: mm } })
      .events();
    expect(rejected).toMatchObject({ data: { credit: { creditId: 'cr-1', unitIds: ['u3'], amountFen: 1_000_000 } } });
    spec
      .given([...offered, rejected])
      .when({ type: 'AcceptMakegood', data: { orderId: id, makegoodId: 'mg-6', reason: '', at: AT, by: md } })
      .thenThrows('MAKEGOOD_DECIDED', 'rule-violated');
  });

  it('delivers the proof to the client as a pack of units with their evidence, acknowledged with evidence', () => {
    const deliver = (unitIds: string[], deliveredOn = '2027-01-20'): MediaOrderCommand => ({
      type: 'DeliverProofPack',
      data: { orderId: id, packId: 'pk-1', unitIds, deliveredOn, recipient: 'Ms Liu', note: '', today: '2027-01-20', at: AT, by: am },
    });
    const [pack] = spec.given(withProof).when(deliver([])).events();
    expect(pack).toMatchObject({
      type: 'ProofPackDelivered',
      data: { pack: { units: [{ unitId: 'u1', outcome: 'aired', evidence: [doc] }, { unitId: 'u2' }, { unitId: 'u3' }] } },
    });
    spec
      .given(confirmed)
      .when(deliver(['u1']))
      .thenThrows('PROOF_MISSING', 'rule-violated');
    spec.given(withProof).when(deliver([], '2027-01-21')).thenThrows('DELIVERED_IN_FUTURE', 'rule-violated');
    spec
      .given(withProof)
      .when({ ...deliver([]), data: { ...(deliver([]).data as object), by: mm } } as MediaOrderCommand)
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    const ack = (evidence: EvidenceRef[], acknowledgedOn = '2027-01-20'): MediaOrderCommand => ({
      type: 'RecordProofAcknowledgement',
      data: { orderId: id, packId: 'pk-1', acknowledgedOn, evidence, today: '2027-01-20', at: AT, by: am },
    });
    spec
      .given([...withProof, pack])
      .when(ack([]))
      .thenThrows('EVIDENCE_REQUIRED', 'rule-violated');
    spec
      .given([...withProof, pack])
      .when(ack([doc], '2027-01-19'))
      .thenThrows('ACKNOWLEDGED_OUTSIDE_WINDOW', 'rule-violated');
    const [acked] = spec
      .given([...withProof, pack])
      .when(ack([doc]))
      .events();
    spec
      .given([...withProof, pack, acked])
      .when(ack([doc]))
      .thenThrows('ALREADY_ACKNOWLEDGED', 'rule-violated');
  });

  describe('the audience a line delivered, measured after it ran (post-buy)', () => {
    const figures = { impressions: 12_000_000, grp: 240, reach: 62, frequency: 3.87 };
    const measure = (over: Record<string, unknown> = {}, by: Actor = mm): MediaOrderCommand => ({
      type: 'RecordAudienceDelivery',
      data: {
        orderId: id,
        planLineId: 'tv',
        measuredOn: '2027-01-20',
        source: 'ratings-panel',
        figures,
        evidence: [doc],
        note: '',
        today: '2027-01-20',
        at: AT,
        by,
        ...over,
      },
    });

    it('records it on the line with its vendor and source report, the latest replacing none of the earlier ones', () => {
      const [recorded] = spec.given(confirmed).when(measure()).events();
      expect(recorded).toMatchObject({
        type: 'AudienceDeliveryRecorded',
        data: { measurement: { planLineId: 'tv', channel: 'tv', vendor: { vendorId: 'v-1', name: 'CCTV' }, grp: 240, reach: 62, source: 'ratings-panel' } },
      });
      const state = spec
        .given([...confirmed, recorded])
        .when(measure({ figures: { ...figures, grp: 250, frequency: 4.03 } }))
        .events();
      expect(state).toHaveLength(1);
    });

    it.each([
      ['LINE_NOT_FOUND', { planLineId: 'radio' }],
      ['MEASURED_OUTSIDE_WINDOW', { measuredOn: '2027-01-04' }],
      ['MEASURED_OUTSIDE_WINDOW', { measuredOn: '2027-01-21' }],
      ['FIGURES_REQUIRED', { figures: { impressions: null, grp: null, reach: null, frequency: null } }],
      ['FREQUENCY_BELOW_ONE', { figures: { ...figures, frequency: 0.5 } }],
      ['GRP_NOT_REACH_TIMES_FREQUENCY', { figures: { ...figures, grp: 300 } }],
      ['EVIDENCE_REQUIRED', { evidence: [] }],
    ])('refuses %s', (code, over) => {
      spec.given(confirmed).when(measure(over)).thenThrows(code, 'rule-violated');
    });

    it('is recorded by a media manager on an order signed and sent, nobody else', () => {
      spec.given(confirmed).when(measure({}, md)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      spec.given(confirmed.slice(0, 2)).when(measure()).thenThrows('ORDER_NOT_CONFIRMED', 'rule-violated');
    });
  });
});
