import { PlatformHarness } from './testing/platform-harness';
import { csvRecords, workbookSheets } from './testing/exports';
import { strictGetValidator, type OpenApiDocument } from './testing/strict-schema';

/**
 * Production over HTTP: a print job from the film proof to closure. The client signs one proof's
 * bytes; printers' bids are compared (or a reason recorded); both contracts are reviewed by a second
 * account director; nothing goes to the printer before the prepayment, nor any proof but the signed
 * one; a rejected sample is reprinted at the printer's cost; the goods wait for the balance and are
 * refused outside the tolerance unless a shortfall is credited; closed once finance pays the printer.
 */
describe('production over HTTP: a print job', () => {
  const h = new PlatformHarness();
  const am = () => h.as('wang', 'account-manager');
  const ad = () => h.as('lee', 'account-director');
  const art = () => h.as('mo', 'art-director');
  const finance = () => h.as('qian', 'finance');
  const cashier = () => h.as('sun', 'finance');
  let doc: { blobId: string };
  let jobId: string;
  let requestId: string;
  const proofs: string[] = [];
  const printers: Array<{ vendorId: string; name: string }> = [];
  const settle = async () => {
    for (let i = 0; i < 3; i++) await h.settle();
  };
  const job = async () => {
    await settle();
    return (await am().get(`/api/production/print-jobs/${jobId}`)).body;
  };
  const post = (path: string, body: object, who = am()) => who.post(`/api/production/print-jobs/${jobId}${path}`, body);
  const gates = (res: { status: number; body: { code?: string; blockedBy?: Array<{ gate: string; releasedBy: string }> } }) => [
    res.status,
    res.body.code,
    (res.body.blockedBy ?? []).map((b) => `${b.gate}:${b.releasedBy}`),
  ];
  const receivable = async (milestone: string) =>
    (await finance().get('/api/finance/receivables?limit=200')).body.items.find(
      (r: { source: { id: string }; milestone: string }) => r.source.id === jobId && r.milestone === milestone,
    );
  const payables = async () =>
    (await finance().get('/api/finance/payables?limit=200')).body.items.filter((p: { source: { id: string } | null }) => p.source?.id.startsWith(`${jobId}/`));

  beforeAll(async () => {
    await h.start({ rateLimitPerMinute: 0 });
    h.clock.set(new Date('2026-12-01T02:00:00Z'));
    doc = { blobId: (await am().upload(Buffer.from('%PDF-1.4\n% signed\n%%EOF', 'latin1'), 'application/pdf', 'signed.pdf')).body.blobId };
    for (const name of ['Golden Press', 'Jade Printing', 'Riverside Print']) {
      const registered = await h.as('chen', 'media-manager').post('/api/buying/vendors', {
        name,
        kind: 'printer',
        contacts: [],
        payee: { accountName: name, bank: 'ICBC', accountNumber: '2' },
        terms: { prepaymentPercent: 30, balanceDaysAfterAiring: 30 },
      });
      expect([registered.status, registered.body.code]).toEqual([201, undefined]);
      printers.push({ vendorId: registered.body.id, name });
    }
    await settle();
  });
  afterAll(() => h.stop());

  it('is opened by an account manager for a day the goods are needed, and binds the client’s signature to the latest proof', async () => {
    const client = { clientId: 'c-7', name: 'Chongqing Beer Co.' };
    const past = await am().post('/api/production/print-jobs', { client, title: 'Posters', currency: 'CNY', neededBy: '2026-11-30' });
    expect([past.status, past.body.code]).toEqual([422, 'DATE_IN_PAST']);
    expect(
      (await h.as('zhou', 'production-manager').post('/api/production/print-jobs', { client, title: 'P', currency: 'CNY', neededBy: '2026-12-20' })).status,
    ).toBe(403);
    const opened = await am().post('/api/production/print-jobs', { client, title: 'Winter posters, 5000 A1', currency: 'CNY', neededBy: '2026-12-20' });
    expect(opened.status).toBe(201);
    jobId = opened.body.id;
    for (const label of ['proof-1', 'proof-2']) {
      const upload = (await am().upload(Buffer.from(`%PDF-1.4\n% ${label}\n%%EOF`, 'latin1'), 'application/pdf', `${label}.pdf`)).body;
      expect((await post('/proofs', { file: { blobId: upload.blobId } })).status).toBe(200);
      proofs.push(upload.sha256);
    }
    const spec = { quantity: 5000, material: '157g coated art paper', tolerancePercent: 2, evidence: [doc] };
    expect((await post('/proof-signature', { proofNo: 1, sha256: proofs[0], ...spec })).body.code).toBe('PROOF_STALE');
    expect((await post('/proof-signature', { proofNo: 2, sha256: proofs[0], ...spec })).body.code).toBe('PROOF_HASH_MISMATCH');
    const bad = await post('/proof-signature', { proofNo: 2, sha256: proofs[1], ...spec, tolerancePercent: 15 });
    expect([bad.status, bad.body.errors?.map((e: { field: string }) => e.field)]).toEqual([400, ['tolerancePercent']]);
    expect((await post('/proof-signature', { proofNo: 2, sha256: proofs[1], ...spec })).body.status).toBe('specified');
  });

  it('compares the printers’ bids (two need a recorded reason), takes the awarded price, and has the client contract reviewed by another account director', async () => {
    const opened = await am().post('/api/production/bid-requests', {
      jobKind: 'print',
      jobId,
      spec: '5000 A1 posters, 157g coated',
      invited: printers.map((p) => p.vendorId),
      responseDue: '2026-12-05',
    });
    expect(opened.status).toBe(201);
    requestId = opened.body.id;
    const bid = async (vendorId: string, amountFen: number) =>
      (
        await am().post(`/api/production/bid-requests/${requestId}/bids`, {
          vendorId,
          lines: [{ category: 'printing', amountFen }],
          validUntil: '2026-12-31',
          evidence: [doc],
        })
      ).body.id as string;
    const golden = await bid(printers[0].vendorId, 80_000);
    await bid(printers[1].vendorId, 95_000);
    expect(gates(await post('/printer', { requestId }))).toEqual([422, 'BID_NOT_AWARDED', ['award:account-manager']]);
    expect(gates(await am().post(`/api/production/bid-requests/${requestId}/award`, { bidId: golden }))).toEqual([
      422,
      'TOO_FEW_BIDS',
      ['bids:production-manager'],
    ]);
    const award = await am().post(`/api/production/bid-requests/${requestId}/award`, {
      bidId: golden,
      reasonForFewerBids: 'Riverside is fully booked until January',
    });
    expect(award.body.status).toBe('awarded');
    expect((await post('/printer', { requestId })).body.status).toBe('printer-chosen');
    expect((await job()).printer).toMatchObject({ printer: printers[0], priceFen: 80_000 });

    expect((await post('/client-contract', { valueFen: 120_000, terms: '5000 posters, delivered by 20 Dec' })).body.status).toBe('client-contract');
    const self = await post('/client-contract/review', { decision: 'approve' }, h.as('wang', 'account-director'));
    expect([self.status, self.body.code]).toEqual([403, 'FOUR_EYES_VIOLATION']);
    expect(gates(await post('/client-contract/signature', { signedOn: '2026-12-01', signatory: 'Ms Liu', evidence: [doc], prepaymentPercent: 50 }))).toEqual([
      422,
      'CONTRACT_NOT_APPROVED',
      ['contract-review:account-director'],
    ]);
    expect((await post('/client-contract/review', { decision: 'approve' }, ad())).status).toBe(200);
    const signed = await post('/client-contract/signature', { signedOn: '2026-12-01', signatory: 'Ms Liu', evidence: [doc], prepaymentPercent: 50 });
    expect(signed.body.status).toBe('awaiting-prepayment');
  });

  it('does nothing towards the printer until Finance records the prepayment, and lists the job among those Finance releases', async () => {
    expect(gates(await post('/printer-contract', { terms: 'Golden Press prints 5000 A1' }))).toEqual([422, 'PREPAYMENT_NOT_RECEIVED', ['prepayment:finance']]);
    expect(gates(await post('/hand-over', { proofNo: 2, sha256: proofs[1], receipt: [doc] }))).toEqual([
      422,
      'PREPAYMENT_NOT_RECEIVED',
      ['prepayment:finance'],
    ]);
    await settle();
    const waiting = (await h.as('boss', 'executive').get('/api/production/reports/pipeline?releasedBy=finance')).body.jobs;
    expect(waiting).toEqual([
      expect.objectContaining({
        jobKind: 'print',
        jobId,
        stage: 'delivery',
        dueDate: '2026-12-20',
        blockedBy: [expect.objectContaining({ gate: 'prepayment' })],
      }),
    ]);
    // The work queue: finance sees the job waiting for it, the art director does not.
    const queue = (await finance().get('/api/reporting/work-queue?context=production')).body;
    expect(queue.items).toEqual([
      expect.objectContaining({ kind: 'print-job', itemId: jobId, gate: 'prepayment', releasedBy: 'finance', link: `/api/production/print-jobs/${jobId}` }),
    ]);
    expect((await art().get('/api/reporting/work-queue')).body.items.some((i: { itemId: string }) => i.itemId === jobId)).toBe(false);
    // The same queue exported, filtered the same way.
    expect(csvRecords(await finance().get('/api/reporting/work-queue.csv?context=production'))).toEqual([
      expect.objectContaining({
        kind: 'print-job',
        gate: 'prepayment',
        released_by: 'finance',
        link: `/api/production/print-jobs/${jobId}`,
        since: queue.items[0].since,
      }),
    ]);
    const sheets = await workbookSheets(await finance().get('/api/reporting/work-queue.xlsx?context=production'));
    expect([...sheets.values()][0].map((r) => r['Gate 关卡'])).toEqual(['prepayment']);
    const prepayment = await receivable('prepayment');
    expect(prepayment).toMatchObject({ amountFen: 60_000, source: { context: 'production', kind: 'print-job' } });
    expect(
      (
        await finance().post(`/api/finance/receivables/${prepayment.receivableId}/payments`, {
          amountFen: 60_000,
          currency: 'CNY',
          reference: 'P-1',
          receivedOn: '2026-12-01',
        })
      ).status,
    ).toBe(201);
    expect((await job()).status).toBe('printer-contract');
    expect((await finance().get('/api/reporting/work-queue')).body.items.some((i: { itemId: string }) => i.itemId === jobId)).toBe(false);
    expect((await am().get('/api/reporting/work-queue')).body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ itemId: jobId, gate: 'printer-contract', releasedBy: 'account-manager' })]),
    );
  });

  it('signs the printer’s contract after a second review, prepays the printer, and hands over only the proof the client signed', async () => {
    expect((await post('/printer-contract', { terms: 'Golden Press prints 5000' })).status).toBe(200);
    expect((await post('/printer-contract/review', { decision: 'return' }, ad())).body.code).toBe('REASON_REQUIRED');
    expect((await post('/printer-contract/review', { decision: 'return', notes: 'Add the delivery address' }, ad())).status).toBe(200);
    expect((await post('/printer-contract', { terms: 'Golden Press prints 5000, delivered to Jiefangbei' })).status).toBe(200);
    expect((await post('/printer-contract/review', { decision: 'approve' }, ad())).status).toBe(200);
    expect(gates(await post('/hand-over', { proofNo: 2, sha256: proofs[1], receipt: [doc] }))).toEqual([
      422,
      'PRINTER_CONTRACT_NOT_SIGNED',
      ['printer-contract:account-manager'],
    ]);
    expect((await post('/printer-contract/signature', { signedOn: '2026-12-01', signatory: 'Mr Gu', evidence: [doc] })).status).toBe(200);
    const prepay = await post('/printer-payments', { milestone: 'prepayment', prepaymentPercent: 30 });
    expect(prepay.status).toBe(201);
    expect((await post('/hand-over', { proofNo: 1, sha256: proofs[0], receipt: [doc] })).body.code).toBe('PROOF_NOT_THE_SIGNED_ONE');
    expect((await post('/hand-over', { proofNo: 2, sha256: 'f'.repeat(64), receipt: [doc] })).body.code).toBe('PROOF_NOT_THE_SIGNED_ONE');
    expect((await post('/hand-over', { proofNo: 2, sha256: proofs[1], receipt: [doc] })).body.status).toBe('printing');
    await settle();
    expect(await payables()).toEqual([
      expect.objectContaining({
        amountFen: 24_000,
        vendor: printers[0],
        source: { context: 'production', kind: 'printer-payment', id: `${jobId}/${prepay.body.id}` },
      }),
    ]);
  });

  it('checks quality before samples, reprints rejected samples at the printer’s cost, and requests the balance on acceptance', async () => {
    expect(gates(await post('/samples', { evidence: [doc] }))).toEqual([422, 'QUALITY_NOT_CHECKED', ['quality:art-director']]);
    expect((await post('/checkpoints', { kind: 'quality', passed: true }, am())).status).toBe(403);
    expect((await post('/checkpoints', { kind: 'progress', passed: true, notes: 'Half printed' })).status).toBe(200);
    expect((await post('/checkpoints', { kind: 'quality', passed: false }, art())).body.code).toBe('NOTES_REQUIRED');
    expect((await post('/checkpoints', { kind: 'quality', passed: true, evidence: [doc] }, art())).status).toBe(200);
    expect((await post('/samples', { evidence: [doc] })).body.status).toBe('samples');
    expect((await post('/samples/review', { sampleNo: 1, decision: 'reject', reason: 'Red is off', evidence: [doc] })).body.code).toBe(
      'REPRINT_COST_OWNER_REQUIRED',
    );
    expect(
      (await post('/samples/review', { sampleNo: 1, decision: 'reject', reason: 'Red is off', reprintCostBorneBy: 'printer', evidence: [doc] })).body.status,
    ).toBe('printing');
    expect((await post('/samples', { evidence: [doc] })).body.code).toBe('QUALITY_NOT_CHECKED');
    expect((await post('/checkpoints', { kind: 'quality', passed: true, notes: 'Reprint matches the proof' }, art())).status).toBe(200);
    expect((await post('/samples', { evidence: [doc] })).status).toBe(200);
    expect((await post('/samples/review', { sampleNo: 1, decision: 'accept', evidence: [doc] })).body.code).toBe('SAMPLES_STALE');
    expect((await post('/samples/review', { sampleNo: 2, decision: 'accept', evidence: [doc] })).body.status).toBe('awaiting-balance');
    const samples = (await job()).samples;
    expect(samples.map((s: { review: { decision: string; reprintCostBorneBy: string | null } }) => [s.review.decision, s.review.reprintCostBorneBy])).toEqual([
      ['reject', 'printer'],
      ['accept', null],
    ]);
    expect(await receivable('balance')).toMatchObject({ amountFen: 60_000 });
  });

  it('delivers only once the balance is settled in full, within the tolerance or with a shortfall credited', async () => {
    const deliver = (quantity: number, acceptShortfall?: boolean) =>
      post('/delivery', { deliveredOn: '2026-12-01', quantity, receipt: [doc], acceptShortfall });
    expect(gates(await deliver(5000))).toEqual([422, 'BALANCE_NOT_RECEIVED', ['balance:finance']]);
    const balance = await receivable('balance');
    const pay = (amountFen: number, reference: string) =>
      finance().post(`/api/finance/receivables/${balance.receivableId}/payments`, { amountFen, currency: 'CNY', reference, receivedOn: '2026-12-01' });
    expect((await pay(20_000, 'P-2')).status).toBe(201);
    await settle();
    expect((await deliver(5000)).body.code).toBe('BALANCE_NOT_RECEIVED');
    expect((await pay(40_000, 'P-3')).status).toBe(201);
    await settle();
    expect((await deliver(5200)).body.code).toBe('OVER_DELIVERED');
    const short = await deliver(4800);
    expect([short.status, short.body.code, short.body.ordered, short.body.tolerance]).toEqual([422, 'SHORT_DELIVERY', 5000, 100]);
    expect((await post('/delivery', { deliveredOn: '2026-12-02', quantity: 4800, receipt: [doc], acceptShortfall: true })).body.code).toBe('DATE_IN_FUTURE');
    expect((await deliver(4800, true)).body.status).toBe('delivered');
    expect((await job()).delivery).toMatchObject({ quantity: 4800, shortfall: { units: 200, creditFen: 4_800 } });
  });

  it('pays the printer for what it delivered and closes once finance has paid every printer payment', async () => {
    const balance = await post('/printer-payments', { milestone: 'balance' });
    expect(balance.status).toBe(201);
    await settle();
    const all = await payables();
    // 80 000 less the 24 000 prepaid less the 200 of 5000 not delivered (3 200).
    expect(all.map((p: { amountFen: number }) => p.amountFen).sort()).toEqual([24_000, 52_800]);
    const payOut = async (payable: { payableId: string }, reference: string) => {
      expect((await finance().post(`/api/finance/payables/${payable.payableId}/approve`, {})).body.status).toBe('approved');
      expect((await cashier().post(`/api/finance/payables/${payable.payableId}/pay`, { paymentReference: reference, paidOn: '2026-12-01' })).body.status).toBe(
        'paid',
      );
      await settle();
    };
    const [first, second] = [all.find((p: { amountFen: number }) => p.amountFen === 52_800), all.find((p: { amountFen: number }) => p.amountFen === 24_000)];
    await payOut(first, 'OUT-1');
    expect((await job()).status).toBe('delivered');
    expect((await job()).blockedBy).toEqual([expect.objectContaining({ gate: 'printer-balance' })]);
    await payOut(second, 'OUT-2');
    const closed = await job();
    expect(closed.status).toBe('closed');
    expect(closed.printerPayments.every((p: { paid: unknown }) => p.paid !== null)).toBe(true);
    expect((await h.as('boss', 'executive').get('/api/production/reports/pipeline')).body.jobs.some((j: { jobId: string }) => j.jobId === jobId)).toBe(false);
  });

  it('answers its GETs exactly as documented, shows any past state, and changes nothing on redelivery', async () => {
    const validator = strictGetValidator((await h.request('GET', '/openapi.json')).body as OpenApiDocument);
    for (const [template, url] of [
      ['/api/production/print-jobs/{jobId}', `/api/production/print-jobs/${jobId}`],
      ['/api/production/print-jobs/{jobId}', `/api/production/print-jobs/${jobId}?asOf=${encodeURIComponent('2026-12-01T10:00:20+08:00')}`],
      ['/api/production/print-jobs', '/api/production/print-jobs?status=closed'],
      ['/api/production/print-jobs/{jobId}/history', `/api/production/print-jobs/${jobId}/history`],
      ['/api/production/reports/pipeline', '/api/production/reports/pipeline?jobKind=print&overdue=true'],
    ]) {
      const res = await h.as('auditor', 'admin').get(url);
      const validate = validator(template)!;
      expect([url, res.status, validate(res.body) ? 'valid' : JSON.stringify(validate.errors?.slice(0, 2))]).toEqual([url, 200, 'valid']);
    }
    const listed = (await am().get('/api/production/print-jobs?status=closed')).body.items;
    expect(listed.map((j: { jobId: string }) => j.jobId)).toEqual([jobId]);
    expect((await am().get('/api/production/reports/pipeline?releasedBy=nobody')).status).toBe(400);
    const before = (await am().get(`/api/production/print-jobs/${jobId}/history`)).body.items.length;
    const payablesBefore = (await payables()).length;
    await h.restartRedeliveringEverything({ rateLimitPerMinute: 0 });
    await settle();
    expect((await am().get(`/api/production/print-jobs/${jobId}/history`)).body.items.length).toBe(before);
    expect((await payables()).length).toBe(payablesBefore);
    expect(await h.platform.infra.bus.deadLetters()).toEqual([]);
  });
});
