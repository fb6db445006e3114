import { PlatformHarness } from './testing/platform-harness';
import { csvRecords, workbookSheets } from './testing/exports';
import { strictGetValidator, type OpenApiDocument } from './testing/strict-schema';

/**
 * Production over HTTP: a TV-commercial job from the ticket to the shoot. Three bids compared (or a
 * reason), the estimate approved by a second person, the client's confirmation and contract, then
 * every step refused until Finance records the prepayment, and no shooting before the PPM sign-off.
 */
describe('production over HTTP: a TV commercial', () => {
  const h = new PlatformHarness();
  const am = () => h.as('wang', 'account-manager');
  const pm = () => h.as('zhou', 'production-manager');
  const pd = () => h.as('gao', 'production-director');
  const finance = () => h.as('qian', 'finance');
  let doc: { blobId: string };
  let jobId: string;
  let requestId: string;
  const settle = async () => {
    for (let i = 0; i < 3; i++) await h.settle();
  };
  const job = async () => {
    await settle();
    return (await pm().get(`/api/production/cf-jobs/${jobId}`)).body;
  };
  const gates = (res: { status: number; body: { code?: string; blockedBy?: Array<{ gate: string; releasedBy: string }> } }) => [
    res.status,
    res.body.code,
    (res.body.blockedBy ?? []).map((b) => `${b.gate}:${b.releasedBy}`),
  ];
  const vendors: Array<{ vendorId: string; name: string }> = [];

  beforeAll(async () => {
    await h.start({ rateLimitPerMinute: 0 });
    h.clock.set(new Date('2026-12-01T02:00:00Z'));
    doc = { blobId: (await am().upload(Buffer.from('%PDF-1.4\n% script\n%%EOF', 'latin1'), 'application/pdf', 'script.pdf')).body.blobId };
    // The production houses come from buying's vendor library, through its public feed.
    for (const name of ['Lighthouse Films', 'Red Lantern Studio', 'Blue Hour']) {
      const registered = await h.as('chen', 'media-manager').post('/api/buying/vendors', {
        name,
        kind: 'production-house',
        contacts: [],
        payee: { accountName: name, bank: 'ICBC', accountNumber: '1' },
        terms: { prepaymentPercent: 0, balanceDaysAfterAiring: 30 },
      });
      expect([registered.status, registered.body.code]).toEqual([201, undefined]);
      expect(registered.status).toBe(201);
      vendors.push({ vendorId: registered.body.id, name });
    }
    await settle();
  });
  afterAll(() => h.stop());

  it('is issued by an account manager with the client-approved script', async () => {
    const noScript = await am().post('/api/production/cf-jobs', {
      client: { clientId: 'c-1', name: 'Chongqing Beer Co.' },
      campaign: 'Winter',
      title: '30s TVC',
      deliverables: ['30s master'],
      script: [],
    });
    expect([noScript.status, noScript.body.code]).toEqual([422, 'SCRIPT_REQUIRED']);
    expect(
      (await pm().post('/api/production/cf-jobs', { client: { clientId: 'c-1', name: 'X' }, campaign: '', title: 'T', deliverables: ['a'], script: [doc] }))
        .status,
    ).toBe(403);
    const issued = await am().post('/api/production/cf-jobs', {
      client: { clientId: 'c-1', name: 'Chongqing Beer Co.' },
      campaign: 'Winter 2027',
      title: 'Winter beer 30s TVC',
      deliverables: ['30s master', '15s cut-down'],
      script: [doc],
    });
    expect(issued.status).toBe(201);
    jobId = issued.body.id;
  });

  it('compares three bids or records why fewer, awards one and tells every bidder', async () => {
    const unknown = await pm().post('/api/production/bid-requests', { jobKind: 'cf', jobId, spec: '30s TVC', invited: ['nobody'], responseDue: '2026-12-10' });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'VENDOR_UNKNOWN']);
    const opened = await pm().post('/api/production/bid-requests', {
      jobKind: 'cf',
      jobId,
      spec: '30s TVC, two shoot days',
      invited: vendors.map((v) => v.vendorId),
      responseDue: '2026-12-10',
    });
    expect(opened.status).toBe(201);
    requestId = opened.body.id;
    const bid = async (vendorId: string, amountFen: number) =>
      (
        await pm().post(`/api/production/bid-requests/${requestId}/bids`, {
          vendorId,
          lines: [{ category: 'crew', amountFen }],
          validUntil: '2026-12-31',
          evidence: [doc],
        })
      ).body.id as string;
    const first = await bid(vendors[0].vendorId, 450_000);
    await bid(vendors[1].vendorId, 520_000);
    const two = await pm().post(`/api/production/bid-requests/${requestId}/award`, { bidId: first });
    expect(gates(two)).toEqual([422, 'TOO_FEW_BIDS', ['bids:production-manager']]);
    await bid(vendors[2].vendorId, 610_000);
    expect((await pm().post(`/api/production/bid-requests/${requestId}/award`, { bidId: first })).body.status).toBe('awarded');
    for (const v of vendors) expect((await pm().post(`/api/production/bid-requests/${requestId}/notices`, { vendorId: v.vendorId })).status).toBe(200);
    await settle();
    const request = (await pm().get(`/api/production/bid-requests/${requestId}`)).body;
    expect(request.notices.map((n: { vendorId: string; notice: string }) => [n.vendorId, n.notice])).toEqual([
      [vendors[0].vendorId, 'award'],
      [vendors[1].vendorId, 'decline'],
      [vendors[2].vendorId, 'decline'],
    ]);
    expect(request.invited).toEqual(vendors);
    // A vendor buying deactivates is no longer invited.
    await h.as('chen', 'media-manager').post(`/api/buying/vendors/${vendors[2].vendorId}/deactivate`, { reason: 'Failed the safety audit' });
    await settle();
    const inactive = await pm().post('/api/production/bid-requests', {
      jobKind: 'cf',
      jobId,
      spec: 'Reshoot',
      invited: [vendors[2].vendorId],
      responseDue: '2026-12-10',
    });
    expect([inactive.status, inactive.body.code]).toEqual([422, 'VENDOR_INACTIVE']);
    expect(request.blockedBy).toEqual([]);
  });

  it('goes to the client with an estimate approved by another person, the awarded house, a quote and a schedule', async () => {
    const early = await am().post(`/api/production/cf-jobs/${jobId}/client-confirmation`, { evidence: [doc] });
    expect(gates(early)).toEqual([
      422,
      'NOT_READY_FOR_CLIENT',
      ['estimate:production-director', 'production-house:production-manager', 'quote:production-manager', 'schedule:production-manager'],
    ]);
    expect((await pm().post(`/api/production/cf-jobs/${jobId}/director-input`, { director: 'Li Wei', notes: 'Warm, winter street at dusk' })).status).toBe(200);
    expect(
      (
        await pm().post(`/api/production/cf-jobs/${jobId}/estimates`, {
          lines: [
            { category: 'crew', amountFen: 450_000 },
            { category: 'post', amountFen: 80_000 },
          ],
        })
      ).status,
    ).toBe(200);
    const self = await h.as('zhou', 'production-director').post(`/api/production/cf-jobs/${jobId}/estimates/1/approve`, {});
    expect([self.status, self.body.code]).toEqual([403, 'FOUR_EYES_VIOLATION']);
    expect((await pd().post(`/api/production/cf-jobs/${jobId}/estimates/1/approve`, {})).status).toBe(200);
    expect((await pm().post(`/api/production/cf-jobs/${jobId}/production-house`, { requestId })).status).toBe(200);
    expect((await pm().post(`/api/production/cf-jobs/${jobId}/quote`, { amountFen: 600_000, currency: 'CNY' })).status).toBe(200);
    const stages = ['briefing', 'pre-production', 'ppm', 'shooting', 'post-production', 'delivery'];
    const schedule = stages.map((stage, i) => ({ stage, dueDate: `2026-12-${String(5 + i * 3).padStart(2, '0')}` }));
    expect((await pm().put(`/api/production/cf-jobs/${jobId}/schedule`, { schedule })).status).toBe(200);
    expect((await am().post(`/api/production/cf-jobs/${jobId}/client-confirmation`, { evidence: [doc] })).status).toBe(200);
    const signed = await am().post(`/api/production/cf-jobs/${jobId}/contract`, {
      signedOn: '2026-12-01',
      signatory: 'Ms Liu',
      prepaymentPercent: 50,
      includedReviewRounds: 2,
      evidence: [doc],
    });
    expect(signed.body.status).toBe('awaiting-prepayment');
    expect((await job()).blockedBy).toEqual([expect.objectContaining({ gate: 'prepayment', releasedBy: 'finance' })]);
  });

  it('refuses every step until Finance records the prepayment, partial payment included', async () => {
    const briefing = { heldOn: '2026-12-01', attendees: ['Zhou', 'Li Wei'], notes: 'Tone and references' };
    expect(gates(await pm().post(`/api/production/cf-jobs/${jobId}/briefing`, briefing))).toEqual([422, 'PREPAYMENT_NOT_RECEIVED', ['prepayment:finance']]);
    expect(gates(await pm().post(`/api/production/cf-jobs/${jobId}/preparation`, { item: 'Casting call', done: true }))).toEqual([
      422,
      'PREPAYMENT_NOT_RECEIVED',
      ['prepayment:finance'],
    ]);
    const receivable = (await finance().get('/api/finance/receivables?limit=200')).body.items.find((r: { source: { id: string } }) => r.source.id === jobId);
    expect(receivable).toMatchObject({ milestone: 'prepayment', amountFen: 300_000, source: { context: 'production', kind: 'cf-job' } });
    const pay = (amountFen: number, reference: string) =>
      finance().post(`/api/finance/receivables/${receivable.receivableId}/payments`, { amountFen, currency: 'CNY', reference, receivedOn: '2026-12-01' });
    expect((await pay(100_000, 'B-1')).status).toBe(201);
    await settle();
    expect(gates(await pm().post(`/api/production/cf-jobs/${jobId}/briefing`, briefing))[1]).toBe('PREPAYMENT_NOT_RECEIVED');
    expect((await pay(200_000, 'B-2')).status).toBe(201);
    await settle();
    expect((await job()).status).toBe('preparation');
    expect((await pm().post(`/api/production/cf-jobs/${jobId}/briefing`, briefing)).status).toBe(200);
  });

  it('shows the job in the pipeline at its stage, overdue against the schedule, with what it waits for', async () => {
    h.clock.set(new Date('2026-12-12T02:00:00Z'));
    await settle();
    const pipeline = (await h.as('boss', 'executive').get('/api/production/reports/pipeline?overdue=true')).body;
    expect(pipeline.jobs).toEqual([
      expect.objectContaining({ jobId, stage: 'ppm', dueDate: '2026-12-11', daysOverdue: 1, blockedBy: [expect.objectContaining({ gate: 'pre-production' })] }),
    ]);
    // Estimate vs actual beside it, and the same rows as CSV and Excel.
    const [job] = pipeline.jobs;
    expect(job.costs.budgetFen).toBeGreaterThan(0);
    expect(job.costs.remainingFen).toBe(job.costs.budgetFen - job.costs.requestedFen);
    const csv = csvRecords(await h.as('boss', 'executive').get('/api/production/reports/pipeline.csv?overdue=true'));
    expect(csv).toEqual([
      expect.objectContaining({ job_id: jobId, stage: 'ppm', days_overdue: '1', waiting_for: 'pre-production', budget_fen: String(job.costs.budgetFen) }),
    ]);
    const sheets = await workbookSheets(await h.as('boss', 'executive').get('/api/production/reports/pipeline.xlsx?overdue=true'));
    expect([...sheets.values()][0]).toEqual([expect.objectContaining({ 'Job 工单': jobId, 'Budget 预算': job.costs.budgetFen / 100 })]);
    h.clock.set(new Date('2026-12-01T02:00:00Z'));
  });

  it('tracks preparation and holds the three-party PPM; no shooting before the client signs it off', async () => {
    expect((await pm().post(`/api/production/cf-jobs/${jobId}/preparation`, { item: 'Casting call', done: true, note: 'Two leads chosen' })).status).toBe(200);
    expect((await pm().post(`/api/production/cf-jobs/${jobId}/pre-production-meeting`, { heldOn: '2026-12-01', attendees: ['Zhou', 'Li Wei'] })).status).toBe(
      200,
    );
    expect(gates(await pm().post(`/api/production/cf-jobs/${jobId}/shooting`, { startedOn: '2026-12-01' }))).toEqual([
      422,
      'PPM_NOT_SIGNED_OFF',
      ['ppm:production-manager'],
    ]);
    const checklist = {
      casting: 'Two leads',
      wardrobe: 'Winter coats',
      locations: 'Jiefangbei',
      props: 'Crates',
      product: '12 bottles',
      schedule: 'Two days',
      deliverables: '30s + 15s',
    };
    const ppm = (over: object) =>
      am().post(`/api/production/cf-jobs/${jobId}/ppm`, {
        heldOn: '2026-12-01',
        agenda: ['Casting', 'Locations'],
        attendees: { agency: ['Wang'], client: ['Ms Liu'], production: ['Li Wei'] },
        checklist,
        evidence: [doc],
        ...over,
      });
    expect((await ppm({ checklist: { ...checklist, props: undefined } })).body.code).toBe('PPM_CHECKLIST_INCOMPLETE');
    expect((await ppm({ attendees: { agency: ['Wang'], client: [], production: ['Li'] } })).body.code).toBe('THREE_PARTIES_REQUIRED');
    expect((await ppm({})).body.status).toBe('ready-to-shoot');
    expect((await pm().post(`/api/production/cf-jobs/${jobId}/shooting`, { startedOn: '2026-12-01' })).body.status).toBe('shooting');
  });

  it('reviews cuts internally then with the client; a new cut makes an approval stale; a round beyond the contract needs a change order; no delivery before the balance', async () => {
    h.clock.set(new Date('2026-12-03T02:00:00Z'));
    expect((await pm().post(`/api/production/cf-jobs/${jobId}/post-production`, { startedOn: '2026-12-03' })).body.status).toBe('post-production');
    const cut = async (label: string) => {
      const upload = (await pm().upload(Buffer.from(`\x00\x00\x00\x20ftypisom ${label}`, 'latin1'), 'video/mp4', `${label}.mp4`)).body;
      expect((await pm().post(`/api/production/cf-jobs/${jobId}/cuts`, { file: { blobId: upload.blobId } })).status).toBe(200);
      return upload.sha256 as string;
    };
    const review = (
      path: 'internal-review' | 'client-review',
      cutNo: number,
      sha256: string,
      decision: string,
      who = path === 'internal-review' ? pd() : am(),
    ) =>
      who.post(`/api/production/cf-jobs/${jobId}/cuts/${path}`, {
        cutNo,
        sha256,
        decision,
        notes: decision === 'send-back' ? 'Warmer grade' : undefined,
        evidence: path === 'client-review' ? [doc] : undefined,
      });
    const one = await cut('cut-1');
    expect((await review('client-review', 1, one, 'approve')).body.code).toBe('INTERNAL_REVIEW_FIRST');
    expect((await review('internal-review', 1, one, 'approve')).status).toBe(200);
    expect((await review('client-review', 1, one, 'send-back')).status).toBe(200);
    const two = await cut('cut-2');
    expect((await review('internal-review', 2, two, 'approve')).status).toBe(200);
    expect((await review('client-review', 2, two, 'approve')).body.status).toBe('client-approved');
    await settle();
    const balance = (await finance().get('/api/finance/receivables?limit=200')).body.items.find(
      (r: { source: { id: string }; milestone: string }) => r.source.id === jobId && r.milestone === 'balance',
    );
    expect(balance).toMatchObject({ amountFen: 300_000 });
    // Both included rounds are used: the client's late tweak needs a change order first.
    const blocked = await pm().post(`/api/production/cf-jobs/${jobId}/cuts`, {
      file: { blobId: (await pm().upload(Buffer.from('\x00\x00\x00\x20ftypisom cut-3', 'latin1'), 'video/mp4', 'c3.mp4')).body.blobId },
    });
    expect(gates(blocked)).toEqual([422, 'REVIEW_ROUNDS_EXHAUSTED', ['change-order:production-director']]);
    const order = await pm().post(`/api/production/cf-jobs/${jobId}/change-orders`, {
      scope: 'One more round: end card',
      costDeltaFen: 0,
      extraRounds: 1,
      reason: 'Client asked for a new end card',
      clientEvidence: [doc],
    });
    expect(order.status).toBe(201);
    expect((await pd().post(`/api/production/cf-jobs/${jobId}/change-orders/${order.body.id}/approve`, {})).status).toBe(200);
    const three = await cut('cut-3b');
    expect((await job()).status).toBe('post-production');
    expect((await review('client-review', 2, two, 'approve')).body.code).toBe('CUT_STALE');
    expect((await review('internal-review', 3, three, 'approve')).status).toBe(200);
    expect((await review('client-review', 3, three, 'approve')).body.status).toBe('client-approved');
    const deliver = () => pm().post(`/api/production/cf-jobs/${jobId}/delivery`, { deliveredOn: '2026-12-03', receipt: [doc] });
    expect(gates(await deliver())).toEqual([422, 'BALANCE_NOT_RECEIVED', ['balance:finance']]);
    await finance().post(`/api/finance/receivables/${balance.receivableId}/payments`, {
      amountFen: 300_000,
      currency: 'CNY',
      reference: 'B-3',
      receivedOn: '2026-12-03',
    });
    await settle();
    expect((await job()).balance).toMatchObject({ receivableId: balance.receivableId });
    const delivered = await deliver();
    expect([delivered.status, delivered.body.code, delivered.body.status]).toEqual([200, undefined, 'delivered']);
    expect((await job()).delivery).toMatchObject({ cutNo: 3, sha256: three });
    expect((await am().post(`/api/production/cf-jobs/${jobId}/close`, {})).body.status).toBe('closed');
  });

  it('pays the production house through finance against the budget (estimate vs actual), never beyond it without a change order', async () => {
    const house = vendors[0];
    const over = await pm().post(`/api/production/cf-jobs/${jobId}/vendor-costs`, {
      vendor: house,
      category: 'production house',
      milestone: 'full',
      amountFen: 600_000,
    });
    expect(gates(over)).toEqual([422, 'OVER_BUDGET', ['change-order:production-director']]);
    const cost = await pm().post(`/api/production/cf-jobs/${jobId}/vendor-costs`, {
      vendor: house,
      category: 'production house',
      milestone: 'full',
      amountFen: 450_000,
    });
    expect(cost.status).toBe(201);
    await settle();
    const payable = (await finance().get('/api/finance/payables?limit=200')).body.items.find(
      (p: { source: { id: string } | null }) => p.source?.id === `${jobId}/${cost.body.id}`,
    );
    expect(payable).toMatchObject({ amountFen: 450_000, requestedBy: 'zhou', vendor: house });
    expect((await finance().post(`/api/finance/payables/${payable.payableId}/approve`, {})).body.status).toBe('approved');
    expect(
      (await h.as('sun', 'finance').post(`/api/finance/payables/${payable.payableId}/pay`, { paymentReference: 'OUT-9', paidOn: '2026-12-03' })).body.status,
    ).toBe('paid');
    await settle();
    expect((await am().get(`/api/production/cf-jobs/${jobId}/costs`)).body).toEqual({
      jobId,
      budgetFen: 530_000,
      requestedFen: 450_000,
      paidFen: 450_000,
      remainingFen: 80_000,
      roundsUsed: 3,
      roundsAllowed: 3,
    });
  });

  it('answers its GETs exactly as documented, refuses bad input naming the field, and changes nothing on redelivery', async () => {
    const validator = strictGetValidator((await h.request('GET', '/openapi.json')).body as OpenApiDocument);
    for (const [template, url] of [
      ['/api/production/cf-jobs/{jobId}', `/api/production/cf-jobs/${jobId}`],
      ['/api/production/cf-jobs/{jobId}', `/api/production/cf-jobs/${jobId}?asOf=${encodeURIComponent('2026-12-01T10:00:30+08:00')}`],
      ['/api/production/cf-jobs', '/api/production/cf-jobs'],
      ['/api/production/cf-jobs/{jobId}/history', `/api/production/cf-jobs/${jobId}/history`],
      ['/api/production/bid-requests/{requestId}', `/api/production/bid-requests/${requestId}`],
      ['/api/production/bid-requests', `/api/production/bid-requests?jobId=${jobId}`],
      ['/api/production/cf-jobs/{jobId}/costs', `/api/production/cf-jobs/${jobId}/costs`],
      ['/api/production/reports/pipeline', '/api/production/reports/pipeline'],
    ]) {
      const res = await h.as('auditor', 'admin').get(url);
      const validate = validator(template)!;
      expect([url, res.status, validate(res.body) ? 'valid' : JSON.stringify(validate.errors?.slice(0, 2))]).toEqual([url, 200, 'valid']);
    }
    const bad = await pm().post(`/api/production/cf-jobs/${jobId}/estimates`, { lines: [{ category: 'crew', amountFen: -5 }] });
    expect([bad.status, bad.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['lines.0.amountFen']]);
    expect((await pd().post(`/api/production/cf-jobs/${jobId}/estimates/x/approve`, {})).body.code).toBe('ESTIMATE_NOT_FOUND');
    const before = (await pm().get(`/api/production/cf-jobs/${jobId}/history`)).body.items.length;
    const receivables = (await finance().get('/api/finance/receivables?limit=200')).body.items.length;
    await h.restartRedeliveringEverything({ rateLimitPerMinute: 0 });
    await settle();
    expect((await pm().get(`/api/production/cf-jobs/${jobId}/history`)).body.items.length).toBe(before);
    expect((await finance().get('/api/finance/receivables?limit=200')).body.items.length).toBe(receivables);
    expect(await h.platform.infra.bus.deadLetters()).toEqual([]);
  });
});
