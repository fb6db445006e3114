import ExcelJS from 'exceljs';
import { approvedCampaign } from './testing/agency-flow';
import { PlatformHarness } from './testing/platform-harness';
import { workbookSheets } from './testing/exports';
import { strictGetValidator, type OpenApiDocument } from './testing/strict-schema';

/**
 * Reporting over HTTP: an agency campaign run through planning, buying and finance, and campaign 360
 * checked at each step from the services' public feed alone; the December figures as known at the
 * month-end close stay as they stood after a January correction, beside the corrected ones.
 */
describe('reporting over HTTP: campaign 360', () => {
  const h = new PlatformHarness();
  const mm = () => h.as('chen', 'media-manager');
  const md = () => h.as('tan', 'media-director');
  const finance = () => h.as('qian', 'finance');
  const boss = () => h.as('boss', 'executive');
  let briefId: string;
  let contractId: string;
  let orderId: string;
  let evidence: { blobId: string };
  let atClose: Record<string, unknown>;
  const CLOSE = '2026-12-31T23:59:59.999+08:00';
  const settle = async () => {
    for (let i = 0; i < 3; i++) await h.settle();
  };
  const report = async (query = '') => {
    await settle();
    const res = await boss().get(`/api/reporting/campaigns/${briefId}/360${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const unit = (unitId: string, date: string) => ({ unitId, date, daypart: 'prime', unit: 'spot', spotLengthSeconds: 15, rateFen: 200_000 });

  beforeAll(async () => {
    await h.start({ rateLimitPerMinute: 0 });
    h.clock.set(new Date('2026-12-01T02:00:00Z'));
    const vendor = await mm().post('/api/buying/vendors', {
      name: 'Chongqing TV Ad Sales',
      kind: 'media-owner',
      contacts: [],
      payee: { accountName: 'Chongqing TV Ad Sales Co.', bank: 'ICBC', accountNumber: '6222-0001' },
      terms: { prepaymentPercent: 30, balanceDaysAfterAiring: 30 },
    });
    expect(vendor.status).toBe(201);
    const vendorId = vendor.body.id;
    const card = await mm().post(`/api/buying/vendors/${vendorId}/rate-cards`, {
      property: 'CQTV-1',
      effectiveFrom: '2026-12-01',
      items: [{ daypart: 'prime', unit: 'spot', spotLengthSeconds: 15, rateFen: 200_000 }],
    });
    expect(card.status).toBe(200);
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
        { weekStart: '2027-01-25', units: 2 },
        { weekStart: '2027-02-01', units: 2 },
      ],
      pricing: 'per-spot',
      grossRateFen: 200_000,
      commissionPercent: 15,
      estimates: { impressions: 8_000_000, grp: 120, reach: 40, frequency: 3 },
    };
    ({
      briefId,
      contractId,
      signedPdf: evidence,
    } = await approvedCampaign(h, [tv], 1_000_000, [
      { metric: 'grp', channel: 'tv', target: 100 },
      { metric: 'cpp', target: 4_000 },
      { metric: 'reach', target: 35.5 },
    ]).then((c) => ({ ...c, signedPdf: { blobId: c.signedPdf } })));
    const drafted = await mm().post('/api/buying/media-orders', {
      vendorId,
      planId: (await mm().get(`/api/buying/campaigns/${briefId}`)).body.plans[0].planId,
      planVersion: 1,
      contractId,
      materialsDueDate: '2027-01-20',
      lines: [{ planLineId: 'L1', units: [unit('u1', '2027-01-25'), unit('u2', '2027-01-27'), unit('u3', '2027-02-01')] }],
    });
    expect(drafted.status).toBe(201);
    orderId = drafted.body.id;
  });
  afterAll(() => h.stop());

  it('shows what the client approved, authorized and signed, from planning’s and buying’s feeds', async () => {
    const r = await report();
    expect(r).toMatchObject({ briefId, campaign: 'Winter 2027', asOf: null, knownAt: null });
    expect(r.figures).toMatchObject({ planned: 680_000, authorized: 1_000_000, contracted: 1_000_000, ordered: 0, billed: 0, collected: 0 });
    expect(r.byChannel).toEqual([{ channel: 'tv', figures: expect.objectContaining({ planned: 680_000 }) }]);
    expect(r.documents.map((d: { kind: string }) => d.kind).sort()).toEqual(['brief', 'budget', 'client-contract', 'plan']);
    const listed = (await boss().get('/api/reporting/campaigns')).body.items;
    expect(listed).toEqual([expect.objectContaining({ briefId, campaign: 'Winter 2027' })]);
  });

  it('adds the signed order, then what finance billed and collected', async () => {
    expect((await mm().post(`/api/buying/media-orders/${orderId}/submit`, {})).status).toBe(200);
    expect((await md().post(`/api/buying/media-orders/${orderId}/sign`, { revision: 1 })).body.status).toBe('signed');
    expect((await report()).figures).toMatchObject({ ordered: 510_000 });
    h.clock.set(new Date('2026-12-10T02:00:00Z'));
    const receivable = (await finance().get('/api/finance/receivables?limit=200')).body.items.find(
      (r: { source: { id: string } }) => r.source.id === contractId,
    );
    expect((await finance().post(`/api/finance/receivables/${receivable.receivableId}/invoice`, { invoiceNumber: 'INV-2026-001' })).status).toBe(200);
    const paid = await finance().post(`/api/finance/receivables/${receivable.receivableId}/payments`, {
      amountFen: 400_000,
      currency: 'CNY',
      reference: 'BANK-1',
      receivedOn: '2026-12-10',
    });
    expect(paid.status).toBe(201);
    const r = await report();
    expect(r.figures).toMatchObject({ billed: 1_000_000, collected: 400_000 });
    expect(r.differences.find((d: { code: string }) => d.code === 'COLLECTED_VS_BILLED')).toMatchObject({ differenceFen: -600_000, attention: false });
    expect(r.differences.find((d: { code: string }) => d.code === 'ORDERED_VS_PLANNED')).toMatchObject({ differenceFen: -170_000 });
    atClose = await report(`?knownAt=${encodeURIComponent(CLOSE)}`);
  });

  it('keeps December as known at its close after a January correction, beside December as corrected since', async () => {
    h.clock.set(new Date('2027-01-05T02:00:00Z'));
    expect((await mm().post(`/api/buying/media-orders/${orderId}/revisions`, { reason: 'The vendor drops a spot' })).status).toBe(200);
    expect(
      (
        await mm().put(`/api/buying/media-orders/${orderId}/lines`, {
          lines: [{ planLineId: 'L1', units: [unit('u1', '2027-01-25'), unit('u2', '2027-01-27')] }],
        })
      ).status,
    ).toBe(200);
    expect((await mm().post(`/api/buying/media-orders/${orderId}/submit`, {})).status).toBe(200);
    expect((await md().post(`/api/buying/media-orders/${orderId}/sign`, { revision: 2 })).status).toBe(200);
    expect((await report()).figures.ordered).toBe(340_000);
    // The close is reproducible: the same figures as on the day, the correction left out.
    const closeAgain = await report(`?knownAt=${encodeURIComponent(CLOSE)}`);
    expect(closeAgain).toEqual(atClose);
    expect(closeAgain.figures.ordered).toBe(510_000);
    // As of 31 December as known today: the correction was signed in January, so December shows revision 1 too.
    expect((await report('?asOf=2026-12-31')).figures.ordered).toBe(510_000);
    expect((await report('?asOf=2026-11-30')).figures).toMatchObject({ planned: 0, ordered: 0 });
    const facts = (await boss().get(`/api/reporting/campaigns/${briefId}/360/facts?measure=ordered`)).body;
    expect(facts).toMatchObject({ measure: 'ordered', total: 340_000 });
    expect(facts.items.map((f: { messageType: string; label: string }) => [f.messageType, f.label])).toEqual([
      ['buying.media-order-signed', expect.stringContaining('revision 2')],
    ]);
    const ledger = (await boss().get(`/api/reporting/ledgers/${facts.items[0].ledgerId}`)).body;
    // Revision 1 committed January and February; revision 2 only January: it replaces both.
    expect(ledger.facts.filter((f: { measure: string }) => f.measure === 'ordered').map((f: { amount: number }) => f.amount)).toEqual([
      340_000, 170_000, 340_000,
    ]);
  });

  it('counts delivery and what was paid to the vendor', async () => {
    expect((await mm().post(`/api/buying/media-orders/${orderId}/send`, {})).status).toBe(200);
    expect((await mm().post(`/api/buying/media-orders/${orderId}/vendor-confirmation`, { vendorReference: 'CQTV-77', evidence: [evidence] })).status).toBe(200);
    expect((await mm().post(`/api/buying/media-orders/${orderId}/vendor-payments`, { milestone: 'prepayment' })).status).toBe(200);
    await settle();
    const payable = (await finance().get('/api/finance/payables?limit=200')).body.items.find(
      (p: { source: { id: string } | null }) => p.source?.id === orderId,
    );
    expect((await finance().post(`/api/finance/payables/${payable.payableId}/approve`, {})).status).toBe(200);
    expect(
      (await h.as('sun', 'finance').post(`/api/finance/payables/${payable.payableId}/pay`, { paymentReference: 'OUT-1', paidOn: '2027-01-05' })).status,
    ).toBe(200);
    h.clock.set(new Date('2027-01-26T02:00:00Z'));
    const proof = await mm().post(`/api/buying/media-orders/${orderId}/proofs`, {
      proofs: [{ unitId: 'u1', outcome: 'aired', airedAt: '2027-01-25T21:00:00+08:00', source: 'affidavit', evidence: [evidence] }],
    });
    expect(proof.status).toBe(200);
    const r = await report();
    expect(r.figures).toMatchObject({ paidOut: payable.amountFen, unitsAired: 1, ordered: 340_000 });
    expect(r.byMonth.find((m: { month: string }) => m.month === '2027-01').figures).toMatchObject({ unitsAired: 1, paidOut: payable.amountFen });
  });

  it('reconciles each order line four ways, saying why a line does not balance', async () => {
    h.clock.set(new Date('2027-02-10T02:00:00Z'));
    const invoice = await mm().post('/api/buying/vendor-invoices', {
      orderId,
      invoiceNumber: 'CQTV-2027-02',
      invoiceDate: '2027-02-10',
      evidence: [evidence],
      lines: [
        { lineNo: 1, unitId: 'u1', date: '2027-01-25', lengthSeconds: 15, rateFen: 200_000, amountFen: 200_000 },
        { lineNo: 2, unitId: 'u2', date: '2027-01-27', lengthSeconds: 15, rateFen: 200_000, amountFen: 200_000 },
      ],
    });
    expect(invoice.status).toBe(201);
    await settle();
    const matches = (await mm().get(`/api/buying/vendor-invoices/${invoice.body.id}`)).body.matches;
    expect(matches.map((m: { result: string }) => m.result)).toEqual(['matched', 'ordered-not-run']);
    expect(
      (await mm().post(`/api/buying/vendor-invoices/${invoice.body.id}/lines/2/disposition`, { kind: 'dispute', reason: 'No proof it aired' })).status,
    ).toBe(200);
    expect((await finance().post(`/api/buying/vendor-invoices/${invoice.body.id}/approve`, {})).body.status).toBe('approved');
    await settle();
    const rec = (await boss().get(`/api/reporting/campaigns/${briefId}/reconciliation`)).body;
    expect(rec).toMatchObject({ cutoff: '2027-02-10', contractedFen: 1_000_000, billedFen: 1_000_000, collectedFen: 400_000 });
    const [line] = rec.orders[0].lines;
    expect(line).toMatchObject({
      lineId: 'L1',
      units: 2,
      aired: 1,
      unproven: 1,
      orderedFen: 340_000,
      deliveredFen: 170_000,
      invoicedFen: 170_000,
      balanced: false,
    });
    expect(line.reasons.map((r: { code: string; unitIds: string[] }) => [r.code, r.unitIds])).toEqual([
      ['NOT_PROVEN', ['u2']],
      ['INVOICE_DIFFERENCE', ['u2']],
    ]);
    expect(line.reasons[1].note).toContain('ordered-not-run, settled as dispute');
    // As known at the December close: revision 1's three units, none due yet on 31 December.
    const atDecember = (await boss().get(`/api/reporting/campaigns/${briefId}/reconciliation?asOf=2026-12-31&knownAt=${encodeURIComponent(CLOSE)}`)).body;
    expect(atDecember.orders[0].lines[0]).toMatchObject({ units: 3, pending: 3, orderedFen: 510_000, invoicedFen: 0 });
    expect((await report()).figures.vendorInvoiced).toBe(170_000);
    const book = await workbookSheets(await boss().get(`/api/reporting/campaigns/${briefId}/reconciliation.xlsx`));
    expect(book.get('Lines 2027-02-10 对账')).toEqual([
      expect.objectContaining({
        'Line 计划行': 'L1',
        'Ordered 下单': 3_400,
        'Delivered 已执行': 1_700,
        'Vendor-invoiced 媒体发票': 1_700,
        'Balanced 平账': false,
      }),
    ]);
    expect(book.get('Reasons 差异原因')!.map((r) => [r['Reason 原因'], r['Units 单元']])).toEqual([
      ['NOT_PROVEN', 'u2'],
      ['INVOICE_DIFFERENCE', 'u2'],
    ]);
    const csv = String((await boss().get(`/api/reporting/campaigns/${briefId}/reconciliation.csv`)).body)
      .trim()
      .split('\n');
    expect(csv[0]).toBe(
      'order_id,line_id,channel,units,aired,face_days_ordered,face_days_live,ordered_fen,delivered_fen,invoiced_fen,credited_fen,balanced,reason,unit_ids,reason_fen,note',
    );
    expect(csv.slice(1).map((l) => l.split(',').slice(1, 13).join(','))).toEqual([
      'L1,tv,2,1,,,340000,170000,170000,0,false,NOT_PROVEN',
      'L1,tv,2,1,,,340000,170000,170000,0,false,INVOICE_DIFFERENCE',
    ]);
  });

  it('evaluates the campaign after it ran: the plan’s audience estimates against the post-buy measurement, and what a point cost', async () => {
    const before = (await boss().get(`/api/reporting/campaigns/${briefId}/post-buy`)).body;
    expect(before.lines).toEqual([
      expect.objectContaining({
        lineId: 'L1',
        vendor: 'Chongqing TV',
        plannedNetFen: 680_000,
        estimated: { impressions: 8_000_000, grp: 120, reach: 40, frequency: 3 },
        delivered: null,
        cppFen: { planned: 5_667, actual: null },
      }),
    ]);
    expect(before.campaign).toMatchObject({ lines: 1, measured: 0, index: { grp: null } });
    expect(before.objectives).toEqual(['Awareness']);
    expect(before.kpis).toEqual([
      { metric: 'cpp', channel: null, target: 4_000, actual: null, met: null, measuredLines: 0, lines: 1 },
      { metric: 'reach', channel: null, target: 35.5, actual: null, met: null, measuredLines: 0, lines: 1 },
      { metric: 'grp', channel: 'tv', target: 100, actual: null, met: null, measuredLines: 0, lines: 1 },
    ]);
    const measure = (body: Record<string, unknown>) =>
      mm().post(`/api/buying/media-orders/${orderId}/audience`, {
        planLineId: 'L1',
        measuredOn: '2027-02-09',
        source: 'ratings-panel',
        evidence: [evidence],
        ...body,
      });
    expect((await measure({ grp: 60, reach: 25, frequency: 2.4 })).status).toBe(200);
    // A figure that does not add up is refused, naming why; a measurement before the line ran too.
    const wrong = await measure({ grp: 90, reach: 25, frequency: 2.4 });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'GRP_NOT_REACH_TIMES_FREQUENCY']);
    expect((await measure({ grp: 60, measuredOn: '2027-01-20' })).body.code).toBe('MEASURED_OUTSIDE_WINDOW');
    expect((await measure({ grp: 60, reach: 'most' })).body.errors[0].field).toBe('reach');
    expect(
      (
        await h.as('tan', 'media-director').post(`/api/buying/media-orders/${orderId}/audience`, {
          planLineId: 'L1',
          measuredOn: '2027-02-09',
          source: 'ratings-panel',
          grp: 60,
          evidence: [evidence],
        })
      ).status,
    ).toBe(403);
    await settle();
    const after = (await boss().get(`/api/reporting/campaigns/${briefId}/post-buy`)).body;
    expect(after.lines[0]).toMatchObject({
      delivered: { impressions: null, grp: 60, reach: 25, frequency: 2.4 },
      measuredOn: '2027-02-09',
      source: 'ratings-panel',
      deliveredNetFen: 170_000,
      index: { grp: 50, reachPoints: -15, frequency: 80, impressions: null },
      cppFen: { planned: 5_667, actual: 2_833 },
    });
    // The brief's targets: 60 GRP of 100 missed, reach 25 % of 35.5 % missed, 2,833 fen a point within 4,000.
    expect(after.kpis.map((k: { metric: string; actual: number; met: boolean }) => [k.metric, k.actual, k.met])).toEqual([
      ['cpp', 2_833, true],
      ['reach', 25, false],
      ['grp', 60, false],
    ]);
    expect(after.byVendor).toEqual([expect.objectContaining({ key: 'Chongqing TV', measured: 1, index: { grp: 50, impressions: null } })]);
    // A later measurement of the line replaces the first.
    h.clock.set(new Date('2027-02-12T02:00:00Z'));
    expect((await measure({ grp: 72, reach: 30, frequency: 2.4, measuredOn: '2027-02-12' })).status).toBe(200);
    await settle();
    expect((await boss().get(`/api/reporting/campaigns/${briefId}/post-buy`)).body.lines[0].index.grp).toBe(60);
    const csv = String((await boss().get(`/api/reporting/campaigns/${briefId}/post-buy.csv`)).body)
      .trim()
      .split('\n');
    expect(csv[0].split(',').slice(0, 6)).toEqual(['line_id', 'channel', 'vendor', 'pricing', 'estimated_impressions', 'estimated_grp']);
    expect(csv[1].split(',').slice(0, 6)).toEqual(['L1', 'tv', 'Chongqing TV', 'per-spot', '8000000', '120']);
    const xlsx = await boss().get(`/api/reporting/campaigns/${briefId}/post-buy.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.raw! as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['KPIs 目标达成', 'Post-buy totals 汇总', 'Post-buy lines 投放后评估']);
    const totals = book.getWorksheet('Post-buy totals 汇总')!;
    expect(totals.getRow(2).values).toEqual(expect.arrayContaining(['campaign', 1, 1, 120, 72, 60, 6800]));
  });

  it('exports the report as CSV, answers its GETs as documented, refuses bad input naming the field, and changes nothing on redelivery', async () => {
    const csv = await boss().get(`/api/reporting/campaigns/${briefId}/360.csv`);
    expect([csv.status, String(csv.headers['content-type'])]).toEqual([200, 'text/csv; charset=utf-8']);
    const rows = String(csv.body)
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    expect(rows[0].slice(0, 6)).toEqual(['scope', 'id', 'planned', 'authorized', 'contracted', 'ordered']);
    expect(rows[1].slice(0, 6)).toEqual(['campaign', briefId, '680000', '1000000', '1000000', '340000']);
    // The workbook, opened with the library: the same figures as the API's, money in yuan.
    const xlsx = await boss().get(`/api/reporting/campaigns/${briefId}/360.xlsx`);
    expect([xlsx.status, String(xlsx.headers['content-disposition'])]).toEqual([200, `attachment; filename="campaign-360-${briefId}.xlsx"`]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.raw! as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Campaign 360', 'Differences 差异', 'Facts 明细']);
    const sheet = workbook.getWorksheet('Campaign 360')!;
    const json = await report();
    expect((sheet.getRow(1).values as unknown[]).slice(1, 6)).toEqual(['Scope 范围', 'Id', 'Planned 计划', 'Authorized 授权', 'Contracted 合同']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 8)).toEqual([
      'campaign',
      briefId,
      json.figures.planned / 100,
      json.figures.authorized / 100,
      json.figures.contracted / 100,
      json.figures.ordered / 100,
      json.figures.vendorInvoiced / 100,
    ]);
    expect(sheet.getRow(2).getCell(3).numFmt).toBe('#,##0.00');
    const facts = workbook.getWorksheet('Facts 明细')!;
    expect(facts.rowCount - 1).toBe((await boss().get(`/api/reporting/campaigns/${briefId}/360/facts`)).body.items.length);
    const validator = strictGetValidator((await h.request('GET', '/openapi.json')).body as OpenApiDocument);
    for (const [template, url] of [
      ['/api/reporting/campaigns', '/api/reporting/campaigns'],
      ['/api/reporting/campaigns/{briefId}/360', `/api/reporting/campaigns/${briefId}/360?asOf=2026-12-31&knownAt=${encodeURIComponent(CLOSE)}`],
      ['/api/reporting/campaigns/{briefId}/360/facts', `/api/reporting/campaigns/${briefId}/360/facts?measure=collected`],
      ['/api/reporting/campaigns/{briefId}/reconciliation', `/api/reporting/campaigns/${briefId}/reconciliation?unbalanced=true`],
      ['/api/reporting/ledgers/{ledgerId}', `/api/reporting/ledgers/${encodeURIComponent(`media-order:${orderId}`)}`],
      ['/api/reporting/ledgers/{ledgerId}/history', `/api/reporting/ledgers/${encodeURIComponent(`media-order:${orderId}`)}/history`],
    ]) {
      const res = await h.as('auditor', 'admin').get(url);
      const validate = validator(template)!;
      expect([url, res.status, validate(res.body) ? 'valid' : JSON.stringify(validate.errors?.slice(0, 2))]).toEqual([url, 200, 'valid']);
    }
    const bad = await boss().get(`/api/reporting/campaigns/${briefId}/360?asOf=2026-02-30&knownAt=yesterday`);
    expect([bad.status, bad.body.errors.map((e: { field: string }) => e.field).sort()]).toEqual([400, ['asOf', 'knownAt']]);
    expect((await boss().get(`/api/reporting/campaigns/${briefId}/360/facts?measure=guessed`)).status).toBe(400);
    const unknown = await boss().get('/api/reporting/campaigns/nobody/360');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'CAMPAIGN_NOT_FOUND']);
    expect((await h.as('zhou', 'production-manager').get(`/api/reporting/campaigns/${briefId}/360`)).status).toBe(403);

    const before = await report();
    await h.restartRedeliveringEverything({ rateLimitPerMinute: 0 });
    expect(await report()).toEqual(before);
    expect(await h.platform.infra.bus.deadLetters()).toEqual([]);
  });
});
