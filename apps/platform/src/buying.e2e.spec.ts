import { PlatformHarness } from './testing/platform-harness';
import { csvRecords, workbookSheets } from './testing/exports';
import { strictGetValidator, type OpenApiDocument } from './testing/strict-schema';

/**
 * Buying over HTTP on the embedded platform, from a client-approved plan: the client contract opens
 * receivables in finance, a media order is refused at each closed gate until it can be signed by a
 * second director, is confirmed, prepaid through finance, and flagged when its materials are late.
 */
describe('buying over HTTP', () => {
  const h = new PlatformHarness();
  const am = () => h.as('wang', 'account-manager');
  const ad = () => h.as('lee', 'account-director');
  const mm = () => h.as('chen', 'media-manager');
  const md = () => h.as('tan', 'media-director');
  const finance = () => h.as('qian', 'finance');
  let evidence: { blobId: string };
  let vendorId: string;
  let briefId: string;
  let planId: string;
  let contractId: string;
  let orderId: string;

  const settle = async () => {
    await h.settle();
    await h.settle();
  };
  const order = async () => {
    await settle();
    return (await mm().get(`/api/buying/media-orders/${orderId}`)).body;
  };
  const blockers = (res: { status: number; body: { code?: string; blockedBy?: Array<{ gate: string; releasedBy: string }> } }) => [
    res.status,
    res.body.code,
    (res.body.blockedBy ?? []).map((b) => `${b.gate}:${b.releasedBy}`),
  ];
  const unit = (unitId: string, date: string, rateFen = 200_000, negotiationNote?: string) => ({
    unitId,
    date,
    daypart: 'prime',
    unit: 'spot',
    spotLengthSeconds: 15,
    rateFen,
    ...(negotiationNote ? { negotiationNote } : {}),
  });

  beforeAll(async () => {
    await h.start({ rateLimitPerMinute: 0 });
    h.clock.set(new Date('2026-12-01T02:00:00Z'));
    evidence = { blobId: (await am().upload(Buffer.from('%PDF-1.4\n% signed\n%%EOF', 'latin1'), 'application/pdf', 'signed.pdf')).body.blobId };
    const vendor = await mm().post('/api/buying/vendors', {
      name: 'Chongqing TV Ad Sales',
      kind: 'media-owner',
      aliases: ['Chongqing TV'],
      contacts: [{ name: 'Zhou Min', email: 'zhou@cqtv.example' }],
      payee: { accountName: 'Chongqing TV Ad Sales Co.', bank: 'ICBC Chongqing', accountNumber: '6222-0001' },
      terms: { prepaymentPercent: 30, balanceDaysAfterAiring: 30 },
    });
    expect(vendor.status).toBe(201);
    vendorId = vendor.body.id;
    const card = await mm().post(`/api/buying/vendors/${vendorId}/rate-cards`, {
      property: 'CQTV-1',
      effectiveFrom: '2026-12-01',
      items: [{ daypart: 'prime', unit: 'spot', spotLengthSeconds: 15, rateFen: 200_000 }],
    });
    expect(card.status).toBe(200);

    // Planning: a client, a brief and a plan the client approves (the budget is authorized later).
    const clientId = (await am().post('/api/planning/clients', { name: 'Chongqing Beer Co.', industry: 'beverages', contacts: [] })).body.id;
    briefId = (
      await am().post('/api/planning/briefs', {
        clientId,
        campaign: 'Winter 2027',
        objectives: ['Awareness'],
        audience: { ageBands: ['25-34'], gender: 'all', regions: ['Chongqing'], habits: [] },
        markets: ['Chongqing'],
        budget: { amountFen: 3_000_000, currency: 'CNY' },
        period: { start: '2027-01-01', end: '2027-02-28' },
        research: { competitors: [], trends: [] },
        mandatoryItems: [],
      })
    ).body.id;
    const tv = {
      lineId: 'L1',
      channel: 'tv',
      vendor: { vendorId, name: 'Chongqing TV' },
      property: 'CQTV-1',
      market: 'Chongqing',
      dayparts: ['prime'],
      spotLengthSeconds: 15,
      flight: { start: '2027-01-25', end: '2027-02-07' },
      weeks: [
        { weekStart: '2027-01-25', units: 5 },
        { weekStart: '2027-02-01', units: 5 },
      ],
      pricing: 'per-spot',
      grossRateFen: 200_000,
      commissionPercent: 15,
    };
    planId = (await mm().post('/api/planning/media-plans', { briefId, name: 'Winter plan', lines: [tv] })).body.id;
    await settle();
    const hash = async () => (await mm().get(`/api/planning/media-plans/${planId}`)).body.versions[0].contentHash;
    expect((await mm().post(`/api/planning/media-plans/${planId}/versions/1/submit`, {})).status).toBe(200);
    await settle();
    expect((await md().post(`/api/planning/media-plans/${planId}/versions/1/approve`, { contentHash: await hash() })).status).toBe(200);
    expect((await am().post(`/api/planning/media-plans/${planId}/versions/1/rehearsal`, { feedback: [] })).status).toBe(200);
    expect((await am().post(`/api/planning/media-plans/${planId}/versions/1/present`, {})).status).toBe(200);
    await settle();
    const approved = await am().post(`/api/planning/media-plans/${planId}/versions/1/client-decision`, {
      outcome: 'approved',
      contentHash: await hash(),
      evidence: [evidence],
    });
    expect(approved.body.status).toBe('client-approved');
    await settle();
  });
  afterAll(() => h.stop());

  it('learns the approved plan from planning’s feed, once', async () => {
    const campaign = (await mm().get(`/api/buying/campaigns/${briefId}`)).body;
    expect(campaign).toMatchObject({
      briefId,
      authorizedFen: null,
      committedFen: 0,
      plans: [expect.objectContaining({ planId, version: 1, netFen: 1_700_000 })],
    });
  });

  it('drafts the client contract from the approved plan; another account director approves it; the signed document opens one receivable per milestone', async () => {
    const draft = await am().post('/api/buying/client-contracts', {
      planId,
      planVersion: 1,
      valueFen: 2_000_000,
      milestones: [
        { kind: 'prepayment', percent: 30, dueDate: '2026-12-15' },
        { kind: 'balance', percent: 70, dueDate: '2027-03-31' },
      ],
      scope: 'TV buying for Winter 2027',
    });
    expect(draft.status).toBe(201);
    contractId = draft.body.id;
    await settle();
    expect((await am().get(`/api/buying/client-contracts/${contractId}`)).body.revisions[0].terms).toMatchObject({ clientName: 'Chongqing Beer Co.', briefId });
    expect((await am().post(`/api/buying/client-contracts/${contractId}/submit`, {})).body.status).toBe('in-review');
    const self = await h.as('wang', 'account-director').post(`/api/buying/client-contracts/${contractId}/approve`, { revision: 1 });
    expect([self.status, self.body.code]).toEqual([403, 'FOUR_EYES_VIOLATION']);
    expect((await ad().post(`/api/buying/client-contracts/${contractId}/approve`, { revision: 1 })).body.status).toBe('approved');
  });

  it('drafts a media order for the vendor’s lines and refuses the signature at each closed gate, naming who releases it', async () => {
    const drafted = await mm().post('/api/buying/media-orders', {
      vendorId,
      planId,
      planVersion: 1,
      contractId,
      materialsDueDate: '2027-01-20',
      lines: [{ planLineId: 'L1', units: [unit('u1', '2027-01-25'), unit('u2', '2027-01-27'), unit('u3', '2027-02-01'), unit('u4', '2027-02-03', 180_000)] }],
    });
    expect(drafted.status).toBe(201);
    orderId = drafted.body.id;
    expect((await mm().post(`/api/buying/media-orders/${orderId}/submit`, {})).body.status).toBe('submitted');
    expect((await order()).blockedBy).toEqual([expect.objectContaining({ gate: 'signature', releasedBy: 'media-director' })]);

    const first = await md().post(`/api/buying/media-orders/${orderId}/sign`, { revision: 1 });
    expect(blockers(first)).toEqual([422, 'SIGNING_BLOCKED', ['client-contract:account-manager', 'budget:account-manager', 'rate-card:media-manager']]);
    expect(first.body.rateMismatches).toEqual([expect.objectContaining({ unitId: 'u4', rateFen: 180_000, cardRateFen: 200_000 })]);

    const signed = await am().post(`/api/buying/client-contracts/${contractId}/signature`, {
      revision: 1,
      signedOn: '2026-12-01',
      signatory: 'Ms Liu, CMO',
      evidence: [evidence],
    });
    expect(signed.body.status).toBe('signed');
    await settle();
    expect(blockers(await md().post(`/api/buying/media-orders/${orderId}/sign`, { revision: 1 }))).toEqual([
      422,
      'SIGNING_BLOCKED',
      ['budget:account-manager', 'rate-card:media-manager'],
    ]);

    const budget = await am().post('/api/planning/budgets', { briefId, buckets: [{ channel: 'tv', amountFen: 1_000_000 }] });
    await am().post(`/api/planning/budgets/${budget.body.id}/authorize`, { poReference: 'PO-1', evidence: [evidence] });
    await settle();
    expect(blockers(await md().post(`/api/buying/media-orders/${orderId}/sign`, { revision: 1 }))).toEqual([
      422,
      'SIGNING_BLOCKED',
      ['rate-card:media-manager'],
    ]);
    expect((await order()).status).toBe('submitted');
  });

  it('opens a receivable in finance per milestone of the signed contract, and shows what the client paid', async () => {
    const receivables = (await finance().get('/api/finance/receivables?limit=200')).body.items.filter(
      (r: { source: { id: string } }) => r.source.id === contractId,
    );
    expect(receivables.map((r: { milestone: string; amountFen: number; dueDate: string }) => [r.milestone, r.amountFen, r.dueDate]).sort()).toEqual([
      ['balance', 1_400_000, '2027-03-31'],
      ['prepayment', 600_000, '2026-12-15'],
    ]);
    const prepayment = receivables.find((r: { milestone: string }) => r.milestone === 'prepayment');
    const paid = await finance().post(`/api/finance/receivables/${prepayment.receivableId}/payments`, {
      amountFen: 600_000,
      currency: 'CNY',
      reference: 'ICBC-9',
      receivedOn: '2026-12-01',
    });
    expect(paid.body.events).toContain('ReceivableSettled');
    await settle();
    expect((await am().get(`/api/buying/client-contracts/${contractId}`)).body).toMatchObject({
      collectedFen: 600_000,
      billedFen: { prepayment: 600_000, balance: 1_400_000 },
    });
  });

  it('is returned, revised with a negotiation note, and signed only by a director who did not draft it', async () => {
    expect(
      (await md().post(`/api/buying/media-orders/${orderId}/return`, { revision: 1, reasons: ['u4 is off the card: note the discount'] })).body.status,
    ).toBe('returned');
    const noted = [
      unit('u1', '2027-01-25'),
      unit('u2', '2027-01-27'),
      unit('u3', '2027-02-01'),
      unit('u4', '2027-02-03', 180_000, 'Loyalty discount agreed with Zhou Min'),
    ];
    expect(
      (await mm().put(`/api/buying/media-orders/${orderId}/lines`, { materialsDueDate: '2027-01-20', lines: [{ planLineId: 'L1', units: noted }] })).status,
    ).toBe(200);
    expect((await mm().post(`/api/buying/media-orders/${orderId}/submit`, {})).status).toBe(200);
    const drafter = await h.as('chen', 'media-director').post(`/api/buying/media-orders/${orderId}/sign`, { revision: 1 });
    expect([drafter.status, drafter.body.code]).toEqual([403, 'FOUR_EYES_VIOLATION']);
    expect((await h.as('chen', 'admin').post(`/api/buying/media-orders/${orderId}/sign`, { revision: 1 })).status).toBe(403);
    const signed = await md().post(`/api/buying/media-orders/${orderId}/sign`, { revision: 1 });
    expect([signed.status, signed.body.status]).toEqual([200, 'signed']);
    await settle();
    expect((await mm().get(`/api/buying/campaigns/${briefId}`)).body).toMatchObject({ authorizedFen: 1_000_000, committedFen: 663_000, remainingFen: 337_000 });
  });

  it('is sent, confirmed with the vendor’s document, prepaid through finance per the vendor’s terms, and paid back into the order', async () => {
    const early = await mm().post(`/api/buying/media-orders/${orderId}/vendor-payments`, { milestone: 'prepayment' });
    expect([early.status, early.body.code, early.body.blockedBy?.[0]?.gate]).toEqual([422, 'ORDER_NOT_CONFIRMED', 'vendor-confirmation']);
    expect((await mm().post(`/api/buying/media-orders/${orderId}/send`, {})).body.status).toBe('sent');
    const bare = await mm().post(`/api/buying/media-orders/${orderId}/vendor-confirmation`, { vendorReference: 'CQTV-77', evidence: [] });
    expect([bare.status, bare.body.code]).toEqual([422, 'EVIDENCE_REQUIRED']);
    expect((await mm().post(`/api/buying/media-orders/${orderId}/vendor-confirmation`, { vendorReference: 'CQTV-77', evidence: [evidence] })).body.status).toBe(
      'confirmed',
    );
    expect((await mm().post(`/api/buying/media-orders/${orderId}/vendor-payments`, { milestone: 'prepayment' })).status).toBe(200);
    await settle();
    const payable = (await finance().get('/api/finance/payables?limit=200')).body.items.find(
      (p: { source: { id: string } | null }) => p.source?.id === orderId,
    );
    expect(payable).toMatchObject({ status: 'requested', amountFen: 198_900, milestone: 'prepayment', requestedBy: 'chen' });
    expect((await h.as('chen', 'finance').post(`/api/finance/payables/${payable.payableId}/approve`, {})).body.code).toBe('FOUR_EYES_VIOLATION');
    expect((await finance().post(`/api/finance/payables/${payable.payableId}/approve`, {})).body.status).toBe('approved');
    expect((await finance().post(`/api/finance/payables/${payable.payableId}/pay`, { paymentReference: 'OUT-7', paidOn: '2026-12-01' })).body.status).toBe(
      'paid',
    );
    await settle();
    expect((await order()).payments).toEqual([
      expect.objectContaining({
        milestone: 'prepayment',
        amountFen: 198_900,
        paid: { payableId: payable.payableId, reference: 'OUT-7', paidOn: '2026-12-01' },
      }),
    ]);
  });

  it('refuses a revision that reduces a billed unit: after billing a reduction is a credit', async () => {
    expect((await mm().post(`/api/buying/media-orders/${orderId}/revisions`, { reason: 'Vendor asks to drop a spot' })).body.status).toBe('draft');
    const fewer = await mm().put(`/api/buying/media-orders/${orderId}/lines`, { lines: [{ planLineId: 'L1', units: [unit('u1', '2027-01-25')] }] });
    expect([fewer.status, fewer.body.code]).toEqual([422, 'REDUCTION_AFTER_BILLING']);
    expect((await order()).signedRevision).toBe(1);
    const withdrawn = await mm().post(`/api/buying/media-orders/${orderId}/revisions/withdraw`, { reason: 'The vendor keeps the spot' });
    expect(withdrawn.body.status).toBe('confirmed');
  });

  it('flags the materials late once when the deadline passes without them', async () => {
    h.clock.set(new Date('2027-01-21T02:00:00Z'));
    await h.runJobs();
    await h.runJobs();
    const late = await order();
    expect(late.materialsLateFlaggedOn).toBe('2027-01-21');
    expect(
      (await mm().get(`/api/buying/media-orders/${orderId}/history`)).body.items.filter((e: { type: string }) => e.type === 'MaterialsLateFlagged'),
    ).toHaveLength(1);
    const sent = await mm().post(`/api/buying/media-orders/${orderId}/materials`, {
      sentOn: '2027-01-21',
      note: 'Masters by courier SF1234',
      evidence: [evidence],
    });
    expect(sent.status).toBe(200);
    expect((await order()).materials).toMatchObject({ late: true, sentOn: '2027-01-21' });
  });

  it('imports the vendor’s proof file with one unit missed, lists what is still due, and refuses a bad file row by row', async () => {
    h.clock.set(new Date('2027-02-05T02:00:00Z'));
    const upload = async (text: string) => (await mm().upload(Buffer.from(text, 'utf8'), 'text/csv', 'affidavit.csv')).body.blobId as string;
    const bad = await mm().post(`/api/buying/media-orders/${orderId}/proof-imports`, {
      file: { blobId: await upload('unit_id,outcome,aired_at\nu1,ran,2027-01-25 21:10\n') },
    });
    expect([bad.status, bad.body.code, bad.body.errors.map((e: { field: string }) => e.field)]).toEqual([422, 'FILE_INVALID', ['rows[1].outcome']]);
    const unknown = await mm().post(`/api/buying/media-orders/${orderId}/proof-imports`, { file: { blobId: await upload('unit_id,outcome\nu9,missed\n') } });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'UNIT_NOT_FOUND']);
    const file =
      'unit_id,outcome,aired_at,aired_length_seconds,source,note\nu1,aired,2027-01-25 21:10,15,affidavit,\nu2,aired,2027-01-27 21:05,15,affidavit,\nu3,missed,,,affidavit,Preempted by breaking news\n';
    const imported = await mm().post(`/api/buying/media-orders/${orderId}/proof-imports`, { file: { blobId: await upload(file) } });
    expect([imported.status, imported.body.events]).toEqual([200, ['UnitProofsRecorded']]);
    await settle();
    const units = (await mm().get(`/api/buying/units?orderId=${orderId}&limit=10`)).body.items;
    expect(units.map((u: { unitId: string; proof: string; airedAt: string | null }) => [u.unitId, u.proof, u.airedAt])).toEqual([
      ['u1', 'aired', '2027-01-25T13:10:00.000Z'],
      ['u2', 'aired', '2027-01-27T13:05:00.000Z'],
      ['u3', 'missed', null],
      ['u4', 'pending', null],
    ]);
    expect((await mm().get('/api/buying/units?overdue=true')).body.items).toEqual([]);
    h.clock.set(new Date('2027-02-12T02:00:00Z'));
    expect((await mm().get('/api/buying/units?overdue=true')).body.items.map((u: { unitId: string }) => u.unitId)).toEqual(['u4']);
    const proof = await mm().post(`/api/buying/media-orders/${orderId}/proofs`, {
      proofs: [{ unitId: 'u4', outcome: 'aired', airedAt: '2027-02-03T21:00:00+08:00', source: 'tear-sheet', evidence: [evidence] }],
    });
    expect(proof.status).toBe(200);
    await settle();
    expect((await mm().get(`/api/buying/media-orders/${orderId}`)).body.proofs.u4).toMatchObject({ late: true, source: 'tear-sheet' });
  });

  it('refuses a makegood outside the value rule for the media manager; the director accepts it with a reason, as a revision in force', async () => {
    const offered = await mm().post(`/api/buying/media-orders/${orderId}/makegoods`, {
      planLineId: 'L1',
      forUnitIds: ['u3'],
      units: [unit('m3', '2027-02-06', 150_000)].map((u) => ({ ...u, daypart: 'late' })),
    });
    expect(offered.status).toBe(201);
    const makegoodId = offered.body.id;
    await settle();
    const open = (await mm().get('/api/buying/makegood-offers?status=offered')).body.items;
    expect(open).toEqual([expect.objectContaining({ makegoodId, orderId, check: expect.objectContaining({ withinRule: false, daypartOk: false }) })]);
    const manager = await mm().post(`/api/buying/media-orders/${orderId}/makegoods/${makegoodId}/accept`, {});
    expect([manager.status, manager.body.code]).toEqual([403, 'MAKEGOOD_OUTSIDE_RULE']);
    const noReason = await md().post(`/api/buying/media-orders/${orderId}/makegoods/${makegoodId}/accept`, {});
    expect([noReason.status, noReason.body.code]).toEqual([422, 'REASON_REQUIRED']);
    const accepted = await md().post(`/api/buying/media-orders/${orderId}/makegoods/${makegoodId}/accept`, {
      reason: 'The client takes the late slot for the launch week',
    });
    expect([accepted.status, accepted.body.code, accepted.body.events]).toEqual([200, undefined, ['MakegoodAccepted']]);
    const after = await order();
    expect(after.signedRevision).toBe(after.revisions.length);
    expect(after.revisions.at(-1).lines[0].units.map((u: { unitId: string; replacedBy: string | null }) => [u.unitId, u.replacedBy])).toEqual([
      ['u1', null],
      ['u2', null],
      ['u3', makegoodId],
      ['u4', null],
      ['m3', null],
    ]);
  });

  it('matches the vendor’s invoice per unit, dispositions the difference, and is approved by finance (not who keyed it) into a payable that is paid', async () => {
    const invoice = await mm().post('/api/buying/vendor-invoices', {
      orderId,
      invoiceNumber: 'CQTV-2027-0131',
      invoiceDate: '2027-02-12',
      evidence: [evidence],
      lines: [
        { lineNo: 1, unitId: 'u1', date: '2027-01-25', lengthSeconds: 15, rateFen: 200_000, amountFen: 200_000 },
        { lineNo: 2, unitId: 'u2', date: '2027-01-27', lengthSeconds: 15, rateFen: 200_000, amountFen: 200_000 },
        { lineNo: 3, unitId: 'u3', date: '2027-01-27', rateFen: 200_000, amountFen: 200_000 },
        { lineNo: 4, unitId: 'u4', date: '2027-02-03', lengthSeconds: 15, rateFen: 200_000, amountFen: 200_000 },
        { lineNo: 5, unitId: 'm3', date: '2027-02-06', lengthSeconds: 15, rateFen: 150_000, amountFen: 150_000 },
      ],
    });
    expect(invoice.status).toBe(201);
    const invoiceId = invoice.body.id;
    await settle();
    const recorded = (await mm().get(`/api/buying/vendor-invoices/${invoiceId}`)).body;
    expect(recorded.matches.map((m: { lineNo: number; result: string }) => [m.lineNo, m.result])).toEqual([
      [1, 'matched'],
      [2, 'matched'],
      [3, 'ordered-not-run'],
      [4, 'rate-discrepancy'],
      [5, 'ordered-not-run'],
    ]);
    expect((await mm().get(`/api/buying/invoice-discrepancies?open=true&vendorId=${vendorId}`)).body.items.map((d: { lineNo: number }) => d.lineNo)).toEqual([
      3, 4, 5,
    ]);
    const again = await mm().post('/api/buying/vendor-invoices', {
      orderId,
      invoiceNumber: 'cqtv-2027-0131',
      invoiceDate: '2027-02-12',
      evidence: [evidence],
      lines: [{ lineNo: 1, date: '2027-01-25', rateFen: 1, amountFen: 1 }],
    });
    expect([again.status, again.body.code]).toEqual([409, 'VENDOR_INVOICE_ALREADY_EXISTS']);
    const early = await finance().post(`/api/buying/vendor-invoices/${invoiceId}/approve`, {});
    expect([early.status, early.body.code, early.body.blockedBy?.[0]?.releasedBy]).toEqual([422, 'DISCREPANCIES_OPEN', 'media-manager']);
    for (const [lineNo, kind, reason] of [
      [3, 'credit', 'Missed and made good: the station credits it'],
      [4, 'accept-as-bonus', 'Negotiated rate stands: paid as ordered'],
      [5, 'dispute', 'Makegood aired after the invoice period'],
    ] as const)
      expect((await mm().post(`/api/buying/vendor-invoices/${invoiceId}/lines/${lineNo}/disposition`, { kind, reason })).status).toBe(200);
    const keyer = await h.as('chen', 'finance').post(`/api/buying/vendor-invoices/${invoiceId}/approve`, {});
    expect([keyer.status, keyer.body.code]).toEqual([403, 'FOUR_EYES_VIOLATION']);
    expect((await mm().post(`/api/buying/vendor-invoices/${invoiceId}/approve`, {})).status).toBe(403);
    const approved = await finance().post(`/api/buying/vendor-invoices/${invoiceId}/approve`, {});
    expect(approved.body.status).toBe('approved');
    await settle();
    // Units u1, u2 (170,000 net each) and u4 as ordered (153,000 net), less the 198,900 prepayment.
    expect((await mm().get(`/api/buying/vendor-invoices/${invoiceId}`)).body.approval).toMatchObject({
      linesFen: 493_000,
      prepaymentDeductedFen: 198_900,
      payableFen: 294_100,
    });
    const payable = (await finance().get('/api/finance/payables?limit=200')).body.items.find(
      (p: { source: { id: string } | null }) => p.source?.id === invoiceId,
    );
    expect(payable).toMatchObject({ status: 'requested', amountFen: 294_100, requestedBy: 'qian' });
    expect((await finance().post(`/api/finance/payables/${payable.payableId}/approve`, {})).body.code).toBe('FOUR_EYES_VIOLATION');
    expect((await h.as('zhou', 'finance').post(`/api/finance/payables/${payable.payableId}/approve`, {})).body.status).toBe('approved');
    expect(
      (await h.as('zhou', 'finance').post(`/api/finance/payables/${payable.payableId}/pay`, { paymentReference: 'OUT-8', paidOn: '2027-02-12' })).body.code,
    ).toBe(undefined);
    await settle();
    expect((await mm().get(`/api/buying/vendor-invoices/${invoiceId}`)).body).toMatchObject({ status: 'paid', payment: { reference: 'OUT-8' } });
    expect((await order()).invoices).toEqual([expect.objectContaining({ invoiceId, unitIds: ['u1', 'u2', 'u4'], payableFen: 294_100 })]);
  });

  it('delivers the proof pack to the client with a printable page, and records the client’s acknowledgement', async () => {
    const pack = await am().post(`/api/buying/media-orders/${orderId}/proof-packs`, { deliveredOn: '2027-02-12', recipient: 'Ms Liu' });
    expect(pack.status).toBe(201);
    const page = await am().get(`/api/buying/media-orders/${orderId}/proof-packs/${pack.body.id}/document`);
    expect([page.status, String(page.headers['content-type'])]).toEqual([200, 'text/html; charset=utf-8']);
    expect(page.body).toContain('u3');
    expect(page.body).toContain(`sha256 `);
    expect((await mm().post(`/api/buying/media-orders/${orderId}/proof-packs`, { deliveredOn: '2027-02-12', recipient: 'x' })).status).toBe(403);
    const ack = await am().post(`/api/buying/media-orders/${orderId}/proof-packs/${pack.body.id}/acknowledgement`, {
      acknowledgedOn: '2027-02-12',
      evidence: [evidence],
    });
    expect(ack.body.events).toEqual(['ProofPackAcknowledged']);
  });

  it('evaluates the vendor for the month from the recorded facts beside the manual score, and reports the campaign’s committed spend', async () => {
    expect(
      (await mm().post(`/api/buying/vendors/${vendorId}/evaluations`, { period: '2027-01', score: 4, notes: 'Missed one spot, made it good' })).status,
    ).toBe(200);
    await settle();
    const evaluation = (await md().get(`/api/buying/vendors/${vendorId}/evaluation?period=2027-01`)).body;
    expect(evaluation).toMatchObject({
      period: '2027-01',
      manual: { score: 4 },
      // u1 and u2 aired; their proof came on 5 February, after the 7 grace days.
      metrics: { units: 2, proven: 2, aired: 2, missed: 0, deliveryPercent: 100, lateProofs: 2, proofTimelinessPercent: 0, makegoodsOffered: 0 },
    });
    const february = (await md().get(`/api/buying/vendors/${vendorId}/evaluation?period=2027-02`)).body.metrics;
    // u3 missed (made good by m3, whose proof is pending), u4 aired with late proof; the invoice is dated in February.
    expect(february).toMatchObject({
      units: 3,
      proven: 2,
      aired: 1,
      missed: 1,
      deliveryPercent: 50,
      lateProofs: 1,
      makegoodsOffered: 1,
      makegoodsAcceptedOutsideRule: 1,
      invoiceLines: 5,
      invoiceDiscrepancies: 3,
      invoiceAccuracyPercent: 40,
    });
    const spend = (await am().get(`/api/buying/reports/committed-spend?briefId=${briefId}`)).body;
    expect(spend).toMatchObject({ authorizedFen: 1_000_000, orders: [expect.objectContaining({ orderId, billedFen: 198_900 + 294_100 })] });
    expect(spend.byChannelMonth.map((r: { month: string }) => r.month)).toEqual(['2027-01', '2027-02']);
    expect(spend.byChannelMonth.reduce((sum: number, r: { netFen: number }) => sum + r.netFen, 0)).toBe(spend.committedFen);
    expect(csvRecords(await am().get(`/api/buying/reports/committed-spend.csv?briefId=${briefId}`))).toEqual([
      expect.objectContaining({ order_id: orderId, billed_fen: String(198_900 + 294_100) }),
    ]);
    const book = await workbookSheets(await am().get(`/api/buying/reports/committed-spend.xlsx?briefId=${briefId}`));
    expect(book.get('By channel and month 按渠道月份')!.map((r) => r['Month 月份'])).toEqual(['2027-01', '2027-02']);
  });

  it('answers every buying GET with exactly what the OpenAPI document says, now and as of a past instant', async () => {
    const validator = strictGetValidator((await h.request('GET', '/openapi.json')).body as OpenApiDocument);
    const before = encodeURIComponent('2026-12-01T10:00:30+08:00');
    const checks: Array<[template: string, url: string]> = [
      ['/api/buying/vendors', '/api/buying/vendors?kind=media-owner'],
      ['/api/buying/vendors/{vendorId}', `/api/buying/vendors/${vendorId}`],
      ['/api/buying/vendors/{vendorId}/rate-card', `/api/buying/vendors/${vendorId}/rate-card?property=CQTV-1&on=2027-01-25`],
      ['/api/buying/vendors/{vendorId}/history', `/api/buying/vendors/${vendorId}/history`],
      ['/api/buying/client-contracts', `/api/buying/client-contracts?briefId=${briefId}`],
      ['/api/buying/client-contracts/{contractId}', `/api/buying/client-contracts/${contractId}`],
      ['/api/buying/client-contracts/{contractId}', `/api/buying/client-contracts/${contractId}?asOf=${before}`],
      ['/api/buying/client-contracts/{contractId}/history', `/api/buying/client-contracts/${contractId}/history`],
      ['/api/buying/media-orders', `/api/buying/media-orders?vendorId=${vendorId}`],
      ['/api/buying/media-orders/{orderId}', `/api/buying/media-orders/${orderId}`],
      ['/api/buying/media-orders/{orderId}', `/api/buying/media-orders/${orderId}?asOf=${before}`],
      ['/api/buying/media-orders/{orderId}/history', `/api/buying/media-orders/${orderId}/history`],
      ['/api/buying/units', `/api/buying/units?orderId=${orderId}`],
      ['/api/buying/makegood-offers', '/api/buying/makegood-offers'],
      ['/api/buying/vendor-invoices', `/api/buying/vendor-invoices?orderId=${orderId}`],
      ['/api/buying/invoice-discrepancies', '/api/buying/invoice-discrepancies'],
      ['/api/buying/vendors/{vendorId}/evaluation', `/api/buying/vendors/${vendorId}/evaluation?period=2027-02`],
      ['/api/buying/reports/committed-spend', `/api/buying/reports/committed-spend?briefId=${briefId}`],
      ['/api/buying/campaigns', '/api/buying/campaigns'],
      ['/api/buying/campaigns/{briefId}', `/api/buying/campaigns/${briefId}`],
      ['/api/buying/campaigns/{briefId}/history', `/api/buying/campaigns/${briefId}/history`],
    ];
    const wrong: string[] = [];
    for (const [template, url] of checks) {
      const validate = validator(template);
      const res = await h.as('auditor', 'admin').get(url);
      if (res.status !== 200) wrong.push(`${url}: ${res.status} ${res.body.code}`);
      else if (!validate) wrong.push(`${template}: no response schema`);
      else if (!validate(res.body)) wrong.push(`${url}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses bad input naming the field, and a stranger to buying', async () => {
    for (const [body, field] of [
      [{ vendorId, planId, planVersion: 1, contractId, lines: [] }, 'lines'],
      [{ vendorId, planId, planVersion: 1.5, contractId, lines: [{ planLineId: 'L1', units: [unit('x', '2027-01-25')] }] }, 'planVersion'],
      [{ vendorId, planId, planVersion: 1, contractId, lines: [{ planLineId: 'L1', units: [{ ...unit('x', '2027-02-30') }] }] }, 'lines.0.units.0.date'],
      [
        { vendorId, planId, planVersion: 1, contractId, lines: [{ planLineId: 'L1', units: [{ ...unit('x', '2027-01-25'), rateFen: -1 }] }] },
        'lines.0.units.0.rateFen',
      ],
    ] as const) {
      const res = await mm().post('/api/buying/media-orders', body);
      expect([res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([400, expect.arrayContaining([field])]);
    }
    const unknownPlan = await mm().post('/api/buying/media-orders', {
      vendorId,
      planId: 'nope',
      planVersion: 1,
      contractId,
      lines: [{ planLineId: 'L1', units: [unit('x', '2027-01-25')] }],
    });
    expect([unknownPlan.status, unknownPlan.body.code]).toEqual([404, 'PLAN_NOT_FOUND']);
    expect((await h.as('mei', 'ops-staff').get('/api/buying/media-orders')).status).toBe(403);
    expect((await am().post('/api/buying/media-orders', {})).status).toBe(403);
  });

  it('changes nothing when every integration message is delivered again', async () => {
    await settle();
    const count = async () => ({
      campaign: (await mm().get(`/api/buying/campaigns/${briefId}/history`)).body.items.length,
      contract: (await am().get(`/api/buying/client-contracts/${contractId}/history`)).body.items.length,
      order: (await mm().get(`/api/buying/media-orders/${orderId}/history`)).body.items.length,
      receivables: (await finance().get('/api/finance/receivables?limit=200')).body.items.length,
      payables: (await finance().get('/api/finance/payables?limit=200')).body.items.length,
    });
    const before = await count();
    await h.restartRedeliveringEverything();
    await settle();
    expect(await count()).toEqual(before);
    expect(await h.platform.infra.bus.deadLetters()).toEqual([]);
  });
});
