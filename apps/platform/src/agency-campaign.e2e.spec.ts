import { agencyBookingId } from '@ooh/contracts';
import { approvedCampaign, operatorFaces, printers as printerVendors } from './testing/agency-flow';
import { fakePhoto, PlatformHarness } from './testing/platform-harness';

/**
 * One agency campaign through all five services, only their public feeds between them: planning
 * (brief with targets, plan with audience estimates, budget, client contract), buying (an OOH line on
 * the operator's faces), operations (the booking's reviews, payment gate, posting, removal), production
 * (the campaign's posters, a print job naming its brief) and finance (every receivable and payable) —
 * with reporting's campaign 360, reconciliation and post-buy checked after each step, and December
 * as known at its close unchanged by January.
 */
describe('an agency campaign across planning, buying, operations, production and finance, as reporting sees it', () => {
  const h = new PlatformHarness();
  const mm = () => h.as('chen', 'media-manager');
  const md = () => h.as('tan', 'media-director');
  const am = () => h.as('wang', 'account-manager');
  const ad = () => h.as('lee', 'account-director');
  const opsManager = () => h.as('mei', 'ops-manager');
  const opsStaff = () => h.as('li', 'ops-staff');
  const exec = () => h.as('zhang', 'executive');
  const finance = () => h.as('qian', 'finance');
  const cashier = () => h.as('sun', 'finance');
  const boss = () => h.as('boss', 'executive');
  const SITE = 'CQN-LED-01';
  const CLOSE = encodeURIComponent('2026-12-31T23:59:59.999+08:00');
  let briefId: string;
  let contractId: string;
  let orderId: string;
  let bookingId: string;
  let jobId: string;
  let operatorId: string;
  let doc: { blobId: string };
  let decemberAtClose: Record<string, unknown>;
  const printers: string[] = [];

  const settle = async () => {
    for (let i = 0; i < 4; i++) await h.settle();
  };
  const get = async (path: string) => {
    await settle();
    const res = await boss().get(`/api/reporting/campaigns/${briefId}/${path}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const figures = async (query = '') => (await get(`360${query}`)).figures;
  const line = async (asOf: string) => (await get(`reconciliation?asOf=${asOf}`)).orders[0].lines[0];
  const receivable = async (sourceId: string, milestone?: string) =>
    (await finance().get('/api/finance/receivables?limit=200')).body.items.find(
      (r: { source: { id: string }; milestone: string }) => r.source.id === sourceId && (!milestone || r.milestone === milestone),
    );
  const pay = async (sourceId: string, amountFen: number, receivedOn: string, milestone?: string) => {
    await settle();
    const r = await receivable(sourceId, milestone);
    const paid = await finance().post(`/api/finance/receivables/${r.receivableId}/payments`, {
      amountFen,
      currency: 'CNY',
      reference: `BANK-${sourceId}`,
      receivedOn,
    });
    expect([paid.status, paid.body.code]).toEqual([201, undefined]);
  };
  const photo = async () => ({ blobId: (await opsStaff().upload(fakePhoto('campaign'))).body.blobId as string });

  beforeAll(async () => {
    await h.start({ rateLimitPerMinute: 0, bookingApprovals: 1 });
    h.clock.set(new Date('2026-12-01T02:00:00Z'));
    doc = { blobId: (await am().upload(Buffer.from('%PDF-1.4\n% evidence\n%%EOF', 'latin1'), 'application/pdf', 'evidence.pdf')).body.blobId };
    operatorId = await operatorFaces(h, SITE, ['A']);
    printers.push(...(await printerVendors(h)));
    const ooh = {
      lineId: 'L1',
      channel: 'outdoor',
      vendor: { vendorId: operatorId, name: 'Rail Media' },
      property: 'Chongqing North',
      faces: [{ siteId: SITE, face: 'A' }],
      market: 'Chongqing',
      flight: { start: '2027-01-04', end: '2027-01-17' },
      weeks: [],
      pricing: 'per-face-day',
      grossRateFen: 10_000,
      commissionPercent: 0,
      estimates: { impressions: 2_000_000 },
    };
    ({ briefId, contractId } = await approvedCampaign(h, [ooh], 300_000, [{ metric: 'impressions', channel: 'outdoor', target: 1_500_000 }]));
    const drafted = await mm().post('/api/buying/media-orders', {
      vendorId: operatorId,
      planId: (await mm().get(`/api/buying/campaigns/${briefId}`)).body.plans[0].planId,
      planVersion: 1,
      contractId,
      lines: [
        {
          planLineId: 'L1',
          units: [
            {
              unitId: 'A-jan',
              date: '2027-01-04',
              endDate: '2027-01-17',
              daypart: 'all-day',
              unit: 'face-day',
              quantity: 14,
              rateFen: 10_000,
              face: { siteId: SITE, face: 'A' },
            },
          ],
        },
      ],
    });
    expect(drafted.status).toBe(201);
    orderId = drafted.body.id;
  });
  afterAll(() => h.stop());

  it('planning: the plan the client approved, its budget and contract; the brief’s target against the plan’s estimate', async () => {
    expect(await figures()).toMatchObject({ planned: 140_000, authorized: 300_000, contracted: 300_000, ordered: 0 });
    expect((await get('reconciliation')).orders).toEqual([]);
    const postBuy = await get('post-buy');
    expect(postBuy.lines).toEqual([expect.objectContaining({ lineId: 'L1', estimated: expect.objectContaining({ impressions: 2_000_000 }), delivered: null })]);
    expect(postBuy.kpis).toEqual([expect.objectContaining({ metric: 'impressions', channel: 'outdoor', target: 1_500_000, met: null })]);
  });

  it('buying: the signed order on the operator’s face, every face-day still to come', async () => {
    expect((await mm().post(`/api/buying/media-orders/${orderId}/submit`, {})).status).toBe(200);
    expect((await md().post(`/api/buying/media-orders/${orderId}/sign`, { revision: 1 })).body.status).toBe('signed');
    expect(await figures()).toMatchObject({ ordered: 140_000 });
    const l1 = await line('2026-12-31');
    expect(l1).toMatchObject({ units: 1, orderedFen: 140_000, deliveredFen: 0, faceDays: { ordered: 14, pending: 14, live: 0, short: 0 } });
    expect(l1.reasons.map((r: { code: string }) => r.code)).toEqual(['UNITS_PENDING']);
  });

  it('operations and finance: the booking through its reviews and payment gate, the client billed and paying', async () => {
    const video = (await mm().upload(Buffer.from('\x00\x00\x00\x20ftypisom winter', 'latin1'), 'video/mp4', 'winter.mp4')).body.blobId;
    await mm().post(`/api/buying/media-orders/${orderId}/materials`, {
      sentOn: '2026-12-01',
      note: 'Master file uploaded',
      evidence: [{ blobId: video }],
      creative: { description: 'Winter beer 15s', kind: 'video' },
    });
    expect((await mm().post(`/api/buying/media-orders/${orderId}/send`, {})).body.status).toBe('sent');
    expect((await mm().post(`/api/buying/media-orders/${orderId}/vendor-confirmation`, { vendorReference: 'RM-1', evidence: [doc] })).status).toBe(200);
    await settle();
    bookingId = agencyBookingId(`${orderId}:r1:L1`);
    await opsManager().post(`/api/operations/bookings/${bookingId}/submit-for-review`, {});
    await exec().post(`/api/operations/bookings/${bookingId}/internal-review`, { decision: 'approve' });
    const landlord = await opsStaff().post(`/api/operations/bookings/${bookingId}/landlord-decision`, {
      authority: 'CRM Chongqing',
      decision: 'approve',
      reference: 'CQ-1',
    });
    expect(landlord.body.status).toBe('awaiting-payment');
    await pay(bookingId, 140_000, '2026-12-01');
    // The client's contract: invoiced and half paid in December.
    h.clock.set(new Date('2026-12-10T02:00:00Z'));
    await settle();
    const contractReceivable = await receivable(contractId);
    expect((await finance().post(`/api/finance/receivables/${contractReceivable.receivableId}/invoice`, { invoiceNumber: 'INV-2026-100' })).status).toBe(200);
    await pay(contractId, 150_000, '2026-12-10');
    expect(await figures()).toMatchObject({ billed: 300_000, collected: 150_000 });
    expect(
      (await opsManager().post(`/api/operations/bookings/${bookingId}/propose-schedule`, { postingDate: '2027-01-04', production: 'video-by-design' })).status,
    ).toBe(200);
    expect((await exec().post(`/api/operations/bookings/${bookingId}/approve-schedule`, {})).body.status).toBe('scheduled');
  });

  it('production: the campaign’s posters, a print job naming the brief, its contract and prepayment counted in the campaign', async () => {
    h.clock.set(new Date('2026-12-12T02:00:00Z'));
    const client = { clientId: (await am().get(`/api/planning/briefs/${briefId}`)).body.clientId, name: 'Chongqing Beer Co.' };
    const wrong = await am().post('/api/production/print-jobs', {
      client,
      briefId: 'no-such-brief',
      title: 'Posters',
      currency: 'CNY',
      neededBy: '2026-12-20',
    });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'BRIEF_NOT_FOUND']);
    const opened = await am().post('/api/production/print-jobs', { client, briefId, title: 'Winter posters', currency: 'CNY', neededBy: '2026-12-20' });
    expect(opened.status).toBe(201);
    jobId = opened.body.id;
    const post = (path: string, body: object, who = am()) => who.post(`/api/production/print-jobs/${jobId}${path}`, body);
    const proof = (await am().upload(Buffer.from('%PDF-1.4\n% proof\n%%EOF', 'latin1'), 'application/pdf', 'proof.pdf')).body;
    await post('/proofs', { file: { blobId: proof.blobId } });
    await post('/proof-signature', { proofNo: 1, sha256: proof.sha256, quantity: 2000, material: '157g coated', tolerancePercent: 2, evidence: [doc] });
    await settle();
    const request = await am().post('/api/production/bid-requests', {
      jobKind: 'print',
      jobId,
      spec: '2000 A1 posters',
      invited: printers,
      responseDue: '2026-12-12',
    });
    expect([request.status, request.body.errors ?? request.body.code]).toEqual([201, undefined]);
    const bids = [];
    for (const [i, p] of printers.entries())
      bids.push(
        (
          await am().post(`/api/production/bid-requests/${request.body.id}/bids`, {
            vendorId: p,
            lines: [{ category: 'printing', amountFen: 40_000 + i * 5_000 }],
            validUntil: '2026-12-31',
            evidence: [doc],
          })
        ).body.id,
      );
    await am().post(`/api/production/bid-requests/${request.body.id}/award`, { bidId: bids[0], reasonForFewerBids: 'Only two printers take A1 in December' });
    expect((await post('/printer', { requestId: request.body.id })).status).toBe(200);
    await post('/client-contract', { valueFen: 60_000, terms: '2000 posters by 20 December' });
    await post('/client-contract/review', { decision: 'approve' }, ad());
    const signed = await post('/client-contract/signature', { signedOn: '2026-12-10', signatory: 'Ms Liu', evidence: [doc], prepaymentPercent: 50 });
    expect(signed.body.status).toBe('awaiting-prepayment');
    await pay(jobId, 30_000, '2026-12-11', 'prepayment');
    const f = await figures();
    expect(f).toMatchObject({ productionContracted: 60_000, productionCollected: 30_000, productionCost: 0 });
    expect((await get('360')).documents.map((d: { kind: string }) => d.kind)).toContain('production-job');
    // The printer's prepayment, paid by finance: the job's cost.
    await post('/printer-contract', { terms: 'Golden Press prints 2000' });
    await post('/printer-contract/review', { decision: 'approve' }, ad());
    await post('/printer-contract/signature', { signedOn: '2026-12-11', signatory: 'Mr Gu', evidence: [doc] });
    expect((await post('/printer-payments', { milestone: 'prepayment', prepaymentPercent: 30 })).status).toBe(201);
    await settle();
    const payable = (await finance().get('/api/finance/payables?limit=200')).body.items.find((p: { source: { id: string } | null }) =>
      p.source?.id.startsWith(`${jobId}/`),
    );
    expect((await finance().post(`/api/finance/payables/${payable.payableId}/approve`, {})).status).toBe(200);
    expect((await cashier().post(`/api/finance/payables/${payable.payableId}/pay`, { paymentReference: 'OUT-P1', paidOn: '2026-12-12' })).status).toBe(200);
    const december = await get(`360?knownAt=${CLOSE}`);
    expect(december.figures).toMatchObject({ productionContracted: 60_000, productionCost: 12_000, billed: 300_000, collected: 150_000, oohPosted: 0 });
    expect(december.differences.find((d: { code: string }) => d.code === 'PRODUCTION_COST_VS_CONTRACTED')).toMatchObject({
      differenceFen: -48_000,
      attention: false,
    });
    // As known at the close nothing after it is due: the face's fourteen days are pending, not short.
    expect(december.oohFaceDays).toEqual({ ordered: 14, pending: 14, live: 0, short: 0 });
    decemberAtClose = december;
  });

  it('January: posted on the first day bought, live to the last, removed the day after; reconciled face-day by face-day', async () => {
    h.clock.set(new Date('2027-01-04T04:00:00Z'));
    expect((await opsStaff().post(`/api/operations/bookings/${bookingId}/posting`, { postedOn: '2027-01-04', photos: [await photo()] })).body.status).toBe(
      'posted',
    );
    expect(await line('2027-01-10')).toMatchObject({ deliveredFen: 70_000, faceDays: { ordered: 14, pending: 7, live: 7, short: 0 } });
    expect(await figures('?asOf=2027-01-10')).toMatchObject({ oohPosted: 1 });
    await h.as('xiao', 'sales').post(`/api/operations/bookings/${bookingId}/confirm-posting`, { evidence: [await photo()] });
    h.clock.set(new Date('2027-01-18T04:00:00Z'));
    await h.runJobs();
    const removed = await opsStaff().post(`/api/operations/bookings/${bookingId}/removal`, {
      removedOn: '2027-01-18',
      photos: [await photo(), { ...(await photo()), masthead: true }],
    });
    expect(removed.status).toBe(200);
    const l1 = await line('2027-01-31');
    expect(l1).toMatchObject({ aired: 1, deliveredFen: 140_000, invoicedFen: 0, faceDays: { ordered: 14, live: 14, short: 0 } });
    expect(l1.reasons.map((r: { code: string }) => r.code)).toEqual(['AIRED_NOT_INVOICED']);
  });

  it('the operator invoices the line, finance approves it, and the line balances four ways', async () => {
    const invoice = await mm().post('/api/buying/vendor-invoices', {
      orderId,
      invoiceNumber: 'RM-2027-01',
      invoiceDate: '2027-01-18',
      evidence: [doc],
      lines: [{ lineNo: 1, unitId: 'A-jan', date: '2027-01-04', rateFen: 10_000, quantity: 14, amountFen: 140_000 }],
    });
    expect([invoice.status, invoice.body.code, invoice.body.detail]).toEqual([201, undefined, undefined]);
    await settle();
    expect((await finance().post(`/api/buying/vendor-invoices/${invoice.body.id}/approve`, {})).body.status).toBe('approved');
    const l1 = await line('2027-01-31');
    expect(l1).toMatchObject({ orderedFen: 140_000, deliveredFen: 140_000, invoicedFen: 140_000, balanced: true, reasons: [] });
    expect(await figures()).toMatchObject({ vendorInvoiced: 140_000 });
  });

  it('post-buy: the audience the line delivered against the plan and the brief’s target', async () => {
    const measured = await mm().post(`/api/buying/media-orders/${orderId}/audience`, {
      planLineId: 'L1',
      measuredOn: '2027-01-18',
      source: 'traffic-count',
      impressions: 1_800_000,
      evidence: [doc],
    });
    expect(measured.status).toBe(200);
    const postBuy = await get('post-buy');
    expect(postBuy.lines[0]).toMatchObject({
      delivered: expect.objectContaining({ impressions: 1_800_000 }),
      index: expect.objectContaining({ impressions: 90 }),
    });
    expect(postBuy.kpis[0]).toMatchObject({ metric: 'impressions', actual: 1_800_000, met: true });
    // It feeds the operator's evaluation as a vendor for January.
    const evaluation = (await mm().get(`/api/buying/vendors/${operatorId}/evaluation?period=2027-01`)).body;
    expect(evaluation.audience).toEqual({ measuredLines: 1, grpIndexPercent: null, impressionsIndexPercent: 90 });
  });

  it('refuses bad input to what this flow added, naming the field, and writes nothing', async () => {
    const clientId = (await am().get(`/api/planning/briefs/${briefId}`)).body.clientId;
    const brief = (kpis: unknown) =>
      am().post('/api/planning/briefs', {
        clientId,
        campaign: 'Spring',
        objectives: ['Trial'],
        kpis,
        audience: { ageBands: [], gender: 'all', regions: [], habits: [] },
        markets: ['Chongqing'],
        budget: { amountFen: 100_000, currency: 'CNY' },
        period: { start: '2027-03-01', end: '2027-03-31' },
        research: { competitors: [], trends: [] },
        mandatoryItems: [],
      });
    const before = (await am().get('/api/planning/briefs?limit=200')).body.items.length;
    const fields = async (res: Promise<{ status: number; body: { errors?: Array<{ field: string }>; code?: string } }>) => {
      const r = await res;
      return [r.status, r.body.code, (r.body.errors ?? []).map((e) => e.field)];
    };
    expect(await fields(brief([{ metric: 'likes', target: 5 }]))).toEqual([400, 'VALIDATION_FAILED', ['kpis.0.metric']]);
    expect(await fields(brief([{ metric: 'grp', target: -1 }]))).toEqual([400, 'VALIDATION_FAILED', ['kpis.0.target']]);
    expect((await fields(brief(Array.from({ length: 31 }, () => ({ metric: 'grp', target: 1 })))))[2]).toEqual(['kpis']);
    const notAList = await fields(brief({ metric: 'grp', target: 1 }));
    expect([notAList[0], [...new Set(notAList[2] as string[])]]).toEqual([400, ['kpis']]);
    expect((await brief([{ metric: 'reach', target: 101 }])).body.code).toBe('KPI_OUT_OF_RANGE');
    expect((await am().get('/api/planning/briefs?limit=200')).body.items.length).toBe(before);
    const audience = (body: object) =>
      mm().post(`/api/buying/media-orders/${orderId}/audience`, {
        planLineId: 'L1',
        measuredOn: '2027-01-18',
        source: 'traffic-count',
        evidence: [doc],
        ...body,
      });
    expect(await fields(audience({ impressions: 1e13 }))).toEqual([400, 'VALIDATION_FAILED', ['impressions']]);
    expect(await fields(audience({ measuredOn: '2027-02-30', impressions: 1 }))).toEqual([400, 'VALIDATION_FAILED', ['measuredOn']]);
    expect((await audience({ measuredOn: '2027-12-01', impressions: 1 })).body.code).toBe('MEASURED_OUTSIDE_WINDOW');
    expect((await audience({})).body.code).toBe('FIGURES_REQUIRED');
    expect((await audience({ planLineId: 'L7', impressions: 1 })).body.code).toBe('LINE_NOT_FOUND');
    expect((await mm().get(`/api/buying/media-orders/${orderId}`)).body.audience).toHaveLength(1);
    expect(await fields(boss().get('/api/reporting/occupancy'))).toEqual([400, 'VALIDATION_FAILED', ['month']]);
    expect(await fields(boss().get('/api/reporting/occupancy?month=2027-13'))).toEqual([400, 'VALIDATION_FAILED', ['month']]);
    expect((await boss().get('/api/reporting/campaigns/nobody/post-buy')).status).toBe(404);
    expect((await h.as('xiao', 'sales').get(`/api/reporting/campaigns/${briefId}/post-buy`)).status).toBe(403);
  });

  it('sums the client’s campaigns, each beside the total', async () => {
    const clientId = (await am().get(`/api/planning/briefs/${briefId}`)).body.clientId;
    const client = (await boss().get(`/api/reporting/clients/${clientId}/360`)).body;
    const campaign = await figures();
    expect(client.campaigns).toEqual([{ briefId, campaign: 'Winter 2027', figures: campaign }]);
    expect(client.figures).toEqual(campaign);
    expect((await boss().get(`/api/reporting/clients/${clientId}/360?knownAt=${CLOSE}`)).body.figures).toEqual(
      (decemberAtClose as { figures: unknown }).figures,
    );
    expect((await boss().get('/api/reporting/clients/nobody/360')).status).toBe(404);
  });

  it('keeps December as it stood at its close, whatever January brought', async () => {
    expect(await get(`360?knownAt=${CLOSE}`)).toEqual(decemberAtClose);
    expect(await figures()).toMatchObject({ oohPosted: 1, oohRemoved: 1, vendorInvoiced: 140_000, productionCost: 12_000 });
    expect(await h.platform.infra.bus.deadLetters()).toEqual([]);
  });
});
