import { isAppError, type Actor, type EvidenceRef } from '@ooh/eventing';
import { deciderSpec, eventsFrom } from '@ooh/eventing-testing';
import type { RateCard } from '../vendor/vendor.events';
import {
  decideMediaOrder,
  mediaOrderDecider,
  orderBlockers,
  type MediaOrderCommand,
  type OrderContent,
  type OrderPlanSnapshot,
  type OrderVendorSnapshot,
} from './media-order.decider';
import type { MediaOrderEvent } from './media-order.events';
import type { SigningFacts } from './media-order.gates';
import type { OrderUnitInput } from './media-order.lines';

const spec = deciderSpec(mediaOrderDecider);
const mm: Actor = { userId: 'li', role: 'media-manager' };
const md: Actor = { userId: 'sun', role: 'media-director' };
const mdWhoDrafted: Actor = { userId: 'li', role: 'media-director' };
const system: Actor = { userId: 'system:scheduler', role: 'admin' };
const AT = '2026-12-01T02:00:00.000Z';
const TODAY = '2026-12-01';
const id = 'o-1';
const doc: EvidenceRef = { blobId: 'c'.repeat(64), sha256: 'c'.repeat(64), contentType: 'application/pdf' };

const card: RateCard = {
  property: 'CCTV-1',
  version: 1,
  effectiveFrom: '2026-01-01',
  items: [{ daypart: 'prime', unit: 'spot', spotLengthSeconds: 15, rateFen: 1_000_000, surchargePercent: 0 }],
  publishedAt: AT,
  publishedBy: mm,
};
const vendor: OrderVendorSnapshot = {
  vendorId: 'v-1',
  exists: true,
  active: true,
  name: 'CCTV Ad Sales',
  aliases: [],
  terms: { prepaymentPercent: 30, balanceDaysAfterAiring: 30 },
  payee: { accountName: 'CCTV', bank: 'ICBC', accountNumber: '1' },
  rateCards: [card],
};
const plan: OrderPlanSnapshot = {
  planId: 'p-1',
  version: 2,
  contentHash: 'h'.repeat(64),
  briefId: 'b-1',
  clientId: 'c-1',
  campaign: 'Winter 2027',
  currency: 'CNY',
  exists: true,
  lines: [
    {
      lineId: 'tv-1',
      channel: 'tv',
      vendor: { vendorId: 'v-1', name: 'CCTV Ad Sales' },
      property: 'CCTV-1',
      faces: [],
      market: 'national',
      flight: { start: '2027-01-04', end: '2027-01-31' },
      commissionPercent: 15,
      netFen: 3_400_000,
    },
    {
      lineId: 'ooh-1',
      channel: 'outdoor',
      vendor: { vendorId: 'op', name: 'Station Media' },
      property: 'Beijing South',
      faces: [{ siteId: 's-1', face: 'A' }],
      market: 'Beijing',
      flight: { start: '2027-01-04', end: '2027-01-31' },
      commissionPercent: 0,
      netFen: 100,
    },
  ],
};
const spot = (unitId: string, date: string, over: Partial<OrderUnitInput> = {}): OrderUnitInput => ({
  unitId,
  date,
  endDate: date,
  daypart: 'prime',
  unit: 'spot',
  spotLengthSeconds: 15,
  quantity: 1,
  rateFen: 1_000_000,
  negotiationNote: null,
  face: null,
  ...over,
});
const content = (units = [spot('u1', '2027-01-05'), spot('u2', '2027-01-12'), spot('u3', '2027-01-19'), spot('u4', '2027-01-26')]): OrderContent => ({
  lines: [{ planLineId: 'tv-1', units }],
  materialsDueDate: '2026-12-28',
});
const facts = (over: Partial<SigningFacts> = {}): SigningFacts => ({
  contract: { exists: true, status: 'signed', signedRevision: 1, clientId: 'c-1', briefId: 'b-1' },
  plan: { clientApproved: true, latestApprovedVersion: 2 },
  budget: { authorizedFen: 10_000_000, authorizedByChannel: {}, committedFen: 0, committedByChannel: {} },
  rateCards: [card],
  ...over,
});

const cmd = {
  draft: (c = content(), by = mm, v = vendor): MediaOrderCommand => ({
    type: 'DraftMediaOrder',
    data: { orderId: id, vendor: v, plan, contractId: 'cc-1', content: c, today: TODAY, at: AT, by },
  }),
  replace: (c: OrderContent, by = mm): MediaOrderCommand => ({ type: 'ReplaceOrderLines', data: { orderId: id, plan, content: c, today: TODAY, at: AT, by } }),
  submit: (): MediaOrderCommand => ({ type: 'SubmitMediaOrder', data: { orderId: id, at: AT, by: mm } }),
  sign: (f = facts(), by = md, revision = 1): MediaOrderCommand => ({ type: 'SignMediaOrder', data: { orderId: id, revision, facts: f, at: AT, by } }),
  send: (): MediaOrderCommand => ({
    type: 'SendMediaOrder',
    data: { orderId: id, evidence: [], advertiser: { name: 'Acme', clientId: 'c-1' }, at: AT, by: mm },
  }),
  confirm: (evidence = [doc]): MediaOrderCommand => ({
    type: 'RecordVendorConfirmation',
    data: { orderId: id, vendorReference: 'CCTV-2027-001', evidence, at: AT, by: mm },
  }),
  revise: (reason = 'Vendor moved a spot'): MediaOrderCommand => ({ type: 'OpenOrderRevision', data: { orderId: id, reason, at: AT, by: mm } }),
  pay: (milestone: 'prepayment', today = TODAY): MediaOrderCommand => ({
    type: 'RequestVendorPayment',
    data: { orderId: id, requestId: `${id}-${milestone}`, milestone, today, at: AT, by: mm },
  }),
};
const history = (...commands: MediaOrderCommand[]): MediaOrderEvent[] => eventsFrom(mediaOrderDecider, commands);

function blockedBy(events: MediaOrderEvent[], command: MediaOrderCommand): string[] {
  try {
    decideMediaOrder(command, events.reduce(mediaOrderDecider.evolve, mediaOrderDecider.initialState()));
  } catch (e) {
    if (isAppError(e) && e.code === 'SIGNING_BLOCKED')
      return (e.extensions.blockedBy as Array<{ gate: string; releasedBy: string }>).map((b) => `${b.gate}:${b.releasedBy}`);
    throw e;
  }
  return [];
}

describe('Media order decider', () => {
  it('is drafted by a media manager for one vendor from its lines of the plan version, units priced net of commission', () => {
    const [drafted] = spec.given([]).when(cmd.draft()).events();
    expect(drafted).toMatchObject({
      type: 'MediaOrderDrafted',
      data: {
        revision: 1,
        vendor: { vendorId: 'v-1' },
        totals: { grossFen: 4_000_000, netFen: 3_400_000, units: 4, firstDate: '2027-01-05', lastDate: '2027-01-26' },
      },
    });
    spec.given([]).when(cmd.draft(content(), md)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec
      .given([])
      .when(cmd.draft(content(), mm, { ...vendor, active: false }))
      .thenThrows('VENDOR_INACTIVE', 'rule-violated');
    spec
      .given([])
      .when(cmd.draft({ lines: [{ planLineId: 'ooh-1', units: [] }], materialsDueDate: null }))
      .thenThrows('LINE_OF_ANOTHER_VENDOR', 'rule-violated');
    spec
      .given([])
      .when(cmd.draft(content([spot('u1', '2027-02-05')])))
      .thenThrows('UNIT_OUTSIDE_FLIGHT', 'rule-violated');
    spec
      .given([])
      .when(cmd.draft(content([spot('u1', '2027-01-05'), spot('u1', '2027-01-06')])))
      .thenThrows('DUPLICATE_UNIT', 'rule-violated');
    spec
      .given([])
      .when(cmd.draft({ ...content(), materialsDueDate: '2027-01-10' }))
      .thenThrows('MATERIALS_DUE_AFTER_AIRING', 'rule-violated');
    spec
      .given([])
      .when(cmd.draft({ ...content(), materialsDueDate: '2026-11-30' }))
      .thenThrows('MATERIALS_DUE_IN_PAST', 'rule-violated');
  });

  it('buys operator faces in face-days on the faces the plan line names', () => {
    const operator = { ...vendor, vendorId: 'op', name: 'Station Media' };
    const face = (f: { siteId: string; face: string } | null, unit: OrderUnitInput['unit'] = 'face-day') =>
      cmd.draft(
        {
          lines: [
            {
              planLineId: 'ooh-1',
              units: [spot('f1', '2027-01-04', { endDate: '2027-01-17', quantity: 14, unit, face: f, daypart: 'all-day', rateFen: 5_000 })],
            },
          ],
          materialsDueDate: null,
        },
        mm,
        operator,
      );
    expect(
      spec
        .given([])
        .when(face({ siteId: 's-1', face: 'A' }))
        .events()[0],
    ).toMatchObject({ data: { totals: { grossFen: 70_000, netFen: 70_000 } } });
    spec.given([]).when(face(null)).thenThrows('FACE_REQUIRED', 'rule-violated');
    spec
      .given([])
      .when(face({ siteId: 's-1', face: 'B' }))
      .thenThrows('FACE_NOT_IN_PLAN', 'rule-violated');
    spec
      .given([])
      .when(face({ siteId: 's-1', face: 'A' }, 'spot'))
      .thenThrows('FACE_DAYS_REQUIRED', 'rule-violated');
  });

  it('is signed by a media director who did not draft it: no role lets the drafter sign', () => {
    const submitted = history(cmd.draft(), cmd.submit());
    expect(spec.given(submitted).when(cmd.sign()).events()[0]).toMatchObject({
      type: 'MediaOrderSigned',
      data: { revision: 1, committed: [{ channel: 'tv', month: '2027-01', netFen: 3_400_000 }], negotiatedUnits: [] },
    });
    spec.given(submitted).when(cmd.sign(facts(), mdWhoDrafted)).thenThrows('FOUR_EYES_VIOLATION', 'forbidden');
    spec.given(submitted).when(cmd.sign(facts(), mm)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec.given(history(cmd.draft())).when(cmd.sign()).thenThrows('ORDER_STATUS', 'rule-violated');
    spec
      .given(submitted)
      .when(cmd.sign(facts(), md, 2))
      .thenThrows('STALE_REVISION', 'rule-violated');
  });

  it('refuses the signature while a gate is closed, naming each gate and who releases it', () => {
    const submitted = history(cmd.draft(), cmd.submit());
    const closed = facts({
      contract: { exists: true, status: 'approved', signedRevision: 0, clientId: 'c-1', briefId: 'b-1' },
      plan: { clientApproved: false, latestApprovedVersion: null },
      budget: { authorizedFen: null, authorizedByChannel: {}, committedFen: 0, committedByChannel: {} },
      rateCards: [],
    });
    expect(blockedBy(submitted, cmd.sign(closed))).toEqual([
      'client-contract:account-manager',
      'plan-approval:account-manager',
      'budget:account-manager',
      'rate-card:media-manager',
    ]);
    expect(
      blockedBy(submitted, cmd.sign(facts({ budget: { authorizedFen: 5_000_000, authorizedByChannel: {}, committedFen: 2_000_000, committedByChannel: {} } }))),
    ).toEqual(['budget:account-manager']);
    expect(
      blockedBy(
        submitted,
        cmd.sign(facts({ budget: { authorizedFen: 9_000_000, authorizedByChannel: { tv: 3_000_000 }, committedFen: 0, committedByChannel: {} } })),
      ),
    ).toEqual(['budget:account-manager']);
    expect(blockedBy(submitted, cmd.sign(facts({ plan: { clientApproved: true, latestApprovedVersion: 3 } })))).toEqual(['plan-approval:media-manager']);
    expect(blockedBy(submitted, cmd.sign(facts({ contract: { exists: true, status: 'signed', signedRevision: 1, clientId: 'c-2', briefId: null } })))).toEqual([
      'client-contract:account-manager',
    ]);
  });

  it('lets a rate off the card through only with a negotiation note', () => {
    const cheaper = content([spot('u1', '2027-01-05', { rateFen: 900_000 })]);
    expect(blockedBy(history(cmd.draft(cheaper), cmd.submit()), cmd.sign())).toEqual(['rate-card:media-manager']);
    const noted = content([spot('u1', '2027-01-05', { rateFen: 900_000, negotiationNote: 'Volume discount agreed 2026-11-20' })]);
    expect(
      spec
        .given(history(cmd.draft(noted), cmd.submit()))
        .when(cmd.sign())
        .events()[0],
    ).toMatchObject({ data: { negotiatedUnits: ['u1'] } });
  });

  it('is sent, confirmed by the vendor with its document, and only then paid in advance per the vendor’s terms (once)', () => {
    const signed = history(cmd.draft(), cmd.submit(), cmd.sign());
    spec.given(signed).when(cmd.pay('prepayment')).thenThrows('ORDER_NOT_CONFIRMED', 'rule-violated');
    const sent = [...signed, ...spec.given(signed).when(cmd.send()).events()];
    spec.given(sent).when(cmd.confirm([])).thenThrows('EVIDENCE_REQUIRED', 'rule-violated');
    const confirmed = [...sent, ...spec.given(sent).when(cmd.confirm()).events()];
    expect(spec.given(confirmed).when(cmd.pay('prepayment')).events()[0]).toMatchObject({
      type: 'VendorPaymentRequested',
      data: { milestone: 'prepayment', amountFen: 1_020_000, currency: 'CNY' },
    });
    const paid = [...confirmed, ...spec.given(confirmed).when(cmd.pay('prepayment')).events()];
    spec.given(paid).when(cmd.pay('prepayment')).thenThrows('PAYMENT_ALREADY_REQUESTED', 'rule-violated');
  });

  it('changes a signed order only by a revision signed again; after billing a revision never reduces a unit', () => {
    const confirmed = history(cmd.draft(), cmd.submit(), cmd.sign(), cmd.send(), cmd.confirm());
    spec.given(confirmed).when(cmd.replace(content())).thenThrows('ORDER_STATUS', 'rule-violated');
    const revising = [...confirmed, ...spec.given(confirmed).when(cmd.revise()).events()];
    expect(spec.given(revising).state()).toMatchObject({ status: 'draft', currentRevision: 2, signedRevision: 1 });
    expect(
      spec
        .given(revising)
        .when(cmd.replace(content([spot('u1', '2027-01-05')])))
        .events()[0].type,
    ).toBe('MediaOrderLinesReplaced');
    const billed = history(cmd.draft(), cmd.submit(), cmd.sign(), cmd.send(), cmd.confirm(), cmd.pay('prepayment'), cmd.revise());
    spec
      .given(billed)
      .when(cmd.replace(content([spot('u1', '2027-01-05')])))
      .thenThrows('REDUCTION_AFTER_BILLING', 'rule-violated');
    const more = content([spot('u1', '2027-01-05'), spot('u2', '2027-01-12'), spot('u3', '2027-01-19'), spot('u4', '2027-01-26'), spot('u5', '2027-01-27')]);
    expect(spec.given(billed).when(cmd.replace(more)).events()[0]).toMatchObject({ data: { revision: 2, totals: { units: 5 } } });
    spec.given(billed).when(cmd.revise()).thenThrows('ORDER_STATUS', 'rule-violated');
    const withdraw = (reason: string): MediaOrderCommand => ({ type: 'WithdrawOrderRevision', data: { orderId: id, reason, at: AT, by: mm } });
    const withdrawn = spec.given(billed).when(withdraw('The vendor’s request was refused')).events();
    expect(withdrawn).toEqual([
      {
        type: 'MediaOrderRevisionWithdrawn',
        data: { orderId: id, revision: 2, reason: 'The vendor’s request was refused', restoredStatus: 'confirmed', at: AT, by: mm },
      },
    ]);
    expect(spec.given([...billed, ...withdrawn]).state()).toMatchObject({ status: 'confirmed', currentRevision: 1, signedRevision: 1 });
    spec.given(billed).when(withdraw('')).thenThrows('REASON_REQUIRED', 'rule-violated');
    spec.given(history(cmd.draft())).when(withdraw('x')).thenThrows('NOTHING_SIGNED', 'rule-violated');
    spec.given(confirmed).when(cmd.revise(' ')).thenThrows('REASON_REQUIRED', 'rule-violated');
  });

  it('flags materials late once, after their deadline, unless sent', () => {
    const signed = history(cmd.draft(), cmd.submit(), cmd.sign());
    const flag = (today: string): MediaOrderCommand => ({ type: 'FlagMaterialsLate', data: { orderId: id, today, at: AT, by: system } });
    spec.given(signed).when(flag('2026-12-28')).thenNothingHappens();
    const flagged = spec.given(signed).when(flag('2026-12-29')).events();
    expect(flagged).toEqual([{ type: 'MaterialsLateFlagged', data: { orderId: id, dueDate: '2026-12-28', flaggedOn: '2026-12-29', at: AT, by: system } }]);
    spec
      .given([...signed, ...flagged])
      .when(flag('2026-12-30'))
      .thenNothingHappens();
    const sent: MediaOrderCommand = {
      type: 'RecordMaterialsSent',
      data: { orderId: id, sentOn: '2026-12-01', note: 'Master tapes by courier', evidence: [doc], creative: null, today: TODAY, at: AT, by: mm },
    };
    const materials = spec.given(signed).when(sent).events();
    expect(materials[0]).toMatchObject({ data: { late: false, dueDate: '2026-12-28' } });
    spec
      .given([...signed, ...materials])
      .when(flag('2026-12-29'))
      .thenNothingHappens();
    spec.given(history(cmd.draft())).when(sent).thenThrows('ORDER_NOT_SIGNED', 'rule-violated');
  });

  it('says what it waits for and who releases it', () => {
    expect(orderBlockers(spec.given(history(cmd.draft(), cmd.submit())).state())[0]).toMatchObject({ gate: 'signature', releasedBy: 'media-director' });
    expect(orderBlockers(spec.given(history(cmd.draft(), cmd.submit(), cmd.sign(), cmd.send())).state())[0]).toMatchObject({
      gate: 'vendor-confirmation',
      releasedBy: 'media-manager',
    });
  });

  it('sends an order on the operator’s own faces as one booking request per line, with the creative sent as materials', () => {
    const operator = { ...vendor, vendorId: 'op', name: 'Station Media', rateCards: [] };
    const faceUnits = [
      spot('f1', '2027-01-04', {
        endDate: '2027-01-17',
        quantity: 14,
        unit: 'face-day',
        face: { siteId: 's-1', face: 'A' },
        daypart: 'all-day',
        rateFen: 5_000,
        negotiationNote: 'Agency rate',
      }),
    ];
    const ooh = (c = { lines: [{ planLineId: 'ooh-1', units: faceUnits }], materialsDueDate: null }): MediaOrderCommand => cmd.draft(c, mm, operator);
    const signed = history(ooh(), cmd.submit(), cmd.sign());
    spec.given(signed).when(cmd.send()).thenThrows('OOH_CREATIVE_REQUIRED', 'rule-violated');
    const materials: MediaOrderCommand = {
      type: 'RecordMaterialsSent',
      data: {
        orderId: id,
        sentOn: '2026-12-01',
        note: 'Video master',
        evidence: [doc],
        creative: { description: 'Winter beer 15s', kind: 'video' },
        today: TODAY,
        at: AT,
        by: mm,
      },
    };
    const ready = [...signed, ...spec.given(signed).when(materials).events()];
    const [sent] = spec.given(ready).when(cmd.send()).events();
    expect(sent).toMatchObject({
      type: 'MediaOrderSent',
      data: {
        ooh: {
          advertiser: { name: 'Acme', clientId: 'c-1' },
          creative: { description: 'Winter beer 15s', kind: 'video', files: [doc] },
          requests: [
            {
              requestId: 'o-1:r1:ooh-1',
              planLineId: 'ooh-1',
              faces: [{ siteId: 's-1', face: 'A' }],
              period: { start: '2027-01-04', end: '2027-01-17' },
              amountFen: 70_000,
            },
          ],
        },
      },
    });
    const refuse: MediaOrderCommand = {
      type: 'RecordOohBookingRefused',
      data: { orderId: id, requestId: 'o-1:r1:ooh-1', code: 'FACES_UNAVAILABLE', reason: 'A is held', at: AT, by: system },
    };
    const refused = spec
      .given([...ready, sent])
      .when(refuse)
      .events();
    expect(orderBlockers(spec.given([...ready, sent, ...refused]).state())).toEqual([
      expect.objectContaining({ gate: 'operator-booking', releasedBy: 'media-manager', waitingFor: expect.stringContaining('A is held') }),
    ]);
    spec
      .given([...ready, sent, ...refused])
      .when(refuse)
      .thenNothingHappens();
    // A TV order goes out as before, with no booking request.
    expect(
      spec
        .given(history(cmd.draft(), cmd.submit(), cmd.sign()))
        .when(cmd.send())
        .events()[0].data,
    ).not.toHaveProperty('ooh');
  });
});
