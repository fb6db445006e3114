import { agencyBookingId } from '@ooh/contracts';
import { approvedCampaign, operatorFaces } from './testing/agency-flow';
import { fakePhoto, PlatformHarness } from './testing/platform-harness';

/**
 * OOH through the operator: an order line on the operator's own faces becomes a booking in
 * operations (requested by the agency, the usual reviews and payment gate), and the posting, removal
 * and proof-of-play reports come back as that line's proof of airing. One flow, two contexts, only
 * integration events between them.
 */
describe('buying OOH through the operator', () => {
  const h = new PlatformHarness();
  const mm = () => h.as('chen', 'media-manager');
  const md = () => h.as('tan', 'media-director');
  const opsManager = () => h.as('mei', 'ops-manager');
  const opsStaff = () => h.as('li', 'ops-staff');
  const exec = () => h.as('zhang', 'executive');
  const finance = () => h.as('qian', 'finance');
  const SITE = 'OOH-LED-01';
  let orderId: string;
  let briefId: string;
  let bookingId: string;
  let otherBooking: string;

  const settle = async () => {
    for (let i = 0; i < 3; i++) await h.settle();
  };
  const photo = async () => ({ blobId: (await opsStaff().upload(fakePhoto('posting'))).body.blobId as string });
  const order = async () => {
    await settle();
    return (await mm().get(`/api/buying/media-orders/${orderId}`)).body;
  };

  beforeAll(async () => {
    await h.start({ rateLimitPerMinute: 0, bookingApprovals: 1 });
    h.clock.set(new Date('2026-12-01T02:00:00Z'));
    const operatorId = await operatorFaces(h, SITE, ['A', 'B']);
    const line = (lineId: string, face: string) => ({
      lineId,
      channel: 'outdoor',
      vendor: { vendorId: operatorId, name: 'Rail Media' },
      property: 'Chongqing North',
      faces: [{ siteId: SITE, face }],
      market: 'Chongqing',
      flight: { start: '2027-01-04', end: '2027-01-17' },
      weeks: [],
      pricing: 'per-face-day',
      grossRateFen: 10_000,
      commissionPercent: 0,
    });
    const campaign = await approvedCampaign(h, [line('L1', 'A'), line('L2', 'B')], 1_000_000);
    const { planId, contractId } = campaign;
    briefId = campaign.briefId;
    // Face B is taken by another advertiser's booking for the first week: the operator will refuse that line.
    const creative = (await h.as('xiao', 'sales').upload(fakePhoto('other'))).body.blobId;
    otherBooking = (
      await h.as('xiao', 'sales').post('/api/operations/bookings', {
        advertiser: { name: 'Snow Beer' },
        faces: [{ siteId: SITE, face: 'B' }],
        period: { start: '2027-01-01', end: '2027-01-07' },
        amountFen: 50_000,
        currency: 'CNY',
        creative: { description: 'Spot', kind: 'video', files: [{ blobId: creative }] },
      })
    ).body.id;
    const unit = (unitId: string, face: string) => ({
      unitId,
      date: '2027-01-04',
      endDate: '2027-01-17',
      daypart: 'all-day',
      unit: 'face-day',
      quantity: 14,
      rateFen: 10_000,
      face: { siteId: SITE, face },
    });
    const drafted = await mm().post('/api/buying/media-orders', {
      vendorId: operatorId,
      planId,
      planVersion: 1,
      contractId,
      lines: [
        { planLineId: 'L1', units: [unit('A-jan', 'A')] },
        { planLineId: 'L2', units: [unit('B-jan', 'B')] },
      ],
    });
    expect(drafted.status).toBe(201);
    orderId = drafted.body.id;
    await mm().post(`/api/buying/media-orders/${orderId}/submit`, {});
    expect((await md().post(`/api/buying/media-orders/${orderId}/sign`, { revision: 1 })).body.status).toBe('signed');
  });
  afterAll(() => h.stop());

  it('sends the order with its creative as one booking request per line; operations books the free face and refuses the taken one, saying why', async () => {
    const early = await mm().post(`/api/buying/media-orders/${orderId}/send`, {});
    expect([early.status, early.body.code, early.body.blockedBy?.[0]?.gate]).toEqual([422, 'OOH_CREATIVE_REQUIRED', 'materials']);
    const video = (await mm().upload(Buffer.from('\x00\x00\x00\x20ftypisom winter', 'latin1'), 'video/mp4', 'winter.mp4')).body.blobId;
    const materials = await mm().post(`/api/buying/media-orders/${orderId}/materials`, {
      sentOn: '2026-12-01',
      note: 'Master file uploaded',
      evidence: [{ blobId: video }],
      creative: { description: 'Winter beer 15s', kind: 'video' },
    });
    expect(materials.status).toBe(200);
    expect((await mm().post(`/api/buying/media-orders/${orderId}/send`, {})).body.status).toBe('sent');
    await settle();
    bookingId = agencyBookingId(`${orderId}:r1:L1`);
    const booking = (await opsManager().get(`/api/operations/bookings/${bookingId}`)).body;
    expect(booking).toMatchObject({
      status: 'requested',
      advertiser: { name: 'Chongqing Beer Co.' },
      faces: [{ siteId: SITE, face: 'A' }],
      period: { start: '2027-01-04', end: '2027-01-17' },
      price: { amountFen: 140_000, currency: 'CNY' },
      agencyOrder: { orderId, planLineId: 'L1', requestId: `${orderId}:r1:L1` },
      creative: { description: 'Winter beer 15s', kind: 'video' },
    });
    const refused = (await opsManager().get(`/api/operations/bookings/${agencyBookingId(`${orderId}:r1:L2`)}`)).body;
    expect(refused).toMatchObject({ status: 'refused', refusal: { code: 'FACES_UNAVAILABLE' } });
    const view = await order();
    expect(view.oohRequests.map((r: { planLineId: string; refusal: { code: string } | null }) => [r.planLineId, r.refusal?.code ?? null])).toEqual([
      ['L1', null],
      ['L2', 'FACES_UNAVAILABLE'],
    ]);
    expect(view.blockedBy).toEqual([
      expect.objectContaining({ gate: 'operator-booking', releasedBy: 'media-manager', waitingFor: expect.stringContaining(otherBooking) }),
    ]);
  });

  it('runs the operator’s usual reviews and payment gate, and the posting report comes back as the line’s proof of airing', async () => {
    expect((await opsManager().post(`/api/operations/bookings/${bookingId}/submit-for-review`, {})).body.status).toBe('internal-review');
    expect((await exec().post(`/api/operations/bookings/${bookingId}/internal-review`, { decision: 'approve' })).status).toBe(200);
    const landlord = await opsStaff().post(`/api/operations/bookings/${bookingId}/landlord-decision`, {
      authority: 'CRM Chongqing',
      decision: 'approve',
      reference: 'CQ-1',
    });
    expect(landlord.body.status).toBe('awaiting-payment');
    await settle();
    const receivable = (await finance().get('/api/finance/receivables?limit=200')).body.items.find(
      (r: { source: { id: string } }) => r.source.id === bookingId,
    );
    expect(receivable).toMatchObject({ amountFen: 140_000 });
    const early = await opsManager().post(`/api/operations/bookings/${bookingId}/propose-schedule`, {
      postingDate: '2027-01-04',
      production: 'video-by-design',
    });
    expect(early.body.code).toBe('NOT_PAID');
    await finance().post(`/api/finance/receivables/${receivable.receivableId}/payments`, {
      amountFen: 140_000,
      currency: 'CNY',
      reference: 'AG-1',
      receivedOn: '2026-12-01',
    });
    await settle();
    expect(
      (await opsManager().post(`/api/operations/bookings/${bookingId}/propose-schedule`, { postingDate: '2027-01-04', production: 'video-by-design' })).status,
    ).toBe(200);
    expect((await exec().post(`/api/operations/bookings/${bookingId}/approve-schedule`, {})).body.status).toBe('scheduled');
    h.clock.set(new Date('2027-01-04T04:00:00Z'));
    const posting = await photo();
    expect((await opsStaff().post(`/api/operations/bookings/${bookingId}/posting`, { postedOn: '2027-01-04', photos: [posting] })).body.status).toBe('posted');
    const proof = (await order()).proofs['A-jan'];
    expect(proof).toMatchObject({ outcome: 'aired', source: 'operator-posting', airedAt: '2027-01-03T16:00:00.000Z', discrepancies: [], late: false });
    expect(proof.evidence.map((e: { blobId: string }) => e.blobId)).toEqual([posting.blobId]);
    // Reporting reconciles the line from the posting; the refused line has no proof.
    await settle();
    const rec = (await h.as('boss', 'executive').get(`/api/reporting/campaigns/${briefId}/reconciliation?asOf=2027-01-04`)).body;
    const [l1, l2] = rec.orders[0].lines;
    // Its one face bought for 14 days: the first is live, 13 are not due yet.
    expect(l1).toMatchObject({ lineId: 'L1', units: 1, aired: 0, orderedFen: 140_000, deliveredFen: 10_000 });
    expect(l1.faceDays).toEqual({ ordered: 14, pending: 13, live: 1, short: 0 });
    expect(l1.reasons.map((r: { code: string }) => r.code)).toEqual(['UNITS_PENDING']);
    // The refused line's face was never up: its first day is short, the rest not due yet.
    expect(l2).toMatchObject({ lineId: 'L2', aired: 0, deliveredFen: 0, faceDays: { ordered: 14, pending: 13, live: 0, short: 1 } });
    expect(l2.reasons.map((r: { code: string }) => r.code)).toEqual(['UNITS_PENDING', 'FACE_DAYS_SHORT']);
  });

  it('adds the removal report and the monthly proof of play to that proof; redelivery changes nothing', async () => {
    await h.as('xiao', 'sales').post(`/api/operations/bookings/${bookingId}/confirm-posting`, { evidence: [await photo()] });
    h.clock.set(new Date('2027-01-18T04:00:00Z'));
    await h.runJobs();
    const removal = await photo();
    const masthead = { ...(await photo()), masthead: true };
    const removed = await opsStaff().post(`/api/operations/bookings/${bookingId}/removal`, { removedOn: '2027-01-18', photos: [removal, masthead] });
    expect(removed.status).toBe(200);
    h.clock.set(new Date('2027-02-01T04:00:00Z'));
    await h.runJobs();
    await settle();
    const proof = (await order()).proofs['A-jan'];
    expect(proof.source).toMatch(/^operator-(removal|proof-of-play)$/);
    expect(proof.evidence.map((e: { blobId: string }) => e.blobId)).toEqual(expect.arrayContaining([removal.blobId, masthead.blobId]));
    const before = (await mm().get(`/api/buying/media-orders/${orderId}/history`)).body.items.length;
    await h.runJobs();
    await settle();
    expect((await mm().get(`/api/buying/media-orders/${orderId}/history`)).body.items.length).toBe(before);
    expect(await h.platform.infra.bus.deadLetters()).toEqual([]);
    // Reporting: every day bought was live (posted on the first, removed the day after the last, as the proof of play says).
    const rec = (await h.as('boss', 'executive').get(`/api/reporting/campaigns/${briefId}/reconciliation?asOf=2027-01-31`)).body;
    expect(rec.orders[0].lines[0]).toMatchObject({ lineId: 'L1', aired: 1, deliveredFen: 140_000, faceDays: { ordered: 14, pending: 0, live: 14, short: 0 } });
    const ledger = (await h.as('boss', 'executive').get(`/api/reporting/ledgers/ooh-booking:${bookingId}`)).body;
    expect(ledger.facts.map((f: { measure: string }) => f.measure)).toEqual(expect.arrayContaining(['oohPosted', 'oohRemoved', 'faceDaysLive']));
    const report = (await h.as('boss', 'executive').get(`/api/reporting/campaigns/${briefId}/360?asOf=2027-01-31`)).body;
    // The refused line's 14 face-days stay short.
    expect(report.oohFaceDays).toEqual({ ordered: 28, pending: 0, live: 14, short: 14 });
  });

  it('changes nothing in either context when every message of the flow is delivered again', async () => {
    await settle();
    const count = async () => ({
      order: (await mm().get(`/api/buying/media-orders/${orderId}/history`)).body.items.length,
      booking: (await opsManager().get(`/api/operations/bookings/${bookingId}/history`)).body.items.length,
      bookings: (await opsManager().get('/api/operations/bookings?limit=200')).body.items.length,
      receivables: (await finance().get('/api/finance/receivables?limit=200')).body.items.length,
    });
    const before = await count();
    await h.restartRedeliveringEverything({ rateLimitPerMinute: 0, bookingApprovals: 1 });
    await settle();
    expect(await count()).toEqual(before);
    expect(await h.platform.infra.bus.deadLetters()).toEqual([]);
  });
});
