import Database from 'better-sqlite3';
import { join } from 'node:path';
import { fakePhoto, PlatformHarness } from './testing/platform-harness';
import { csvRecords, workbookSheets } from './testing/exports';

describe('finance and the hand-offs with operations, entirely over the public API', () => {
  const h = new PlatformHarness();
  const sales = () => h.as('xiao', 'sales');
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');
  const finance = () => h.as('fang', 'finance');
  const finance2 = () => h.as('zhou', 'finance');
  const exec = () => h.as('tan', 'executive');

  beforeAll(async () => {
    await h.start();
    await manager().post('/api/operations/sites', {
      siteId: 'FIN-LED-01',
      city: 'Chongqing',
      station: 'North',
      location: 'Hall',
      kind: 'led-screen',
      faces: ['A', 'B'],
      landlordAuthority: 'CRM',
    });
  });
  afterAll(() => h.stop());

  const file = async () => ({ blobId: (await sales().upload(fakePhoto())).body.blobId as string });
  const receivableOf = async (bookingId: string) => {
    await h.settle();
    const list = await finance().get('/api/finance/receivables?limit=200');
    return list.body.items.find((r: { source: { id: string } }) => r.source.id === bookingId);
  };

  async function bookingAwaitingPayment(face: string, start: string, end: string, amountFen: number, advertiser = 'Chongqing Beer Co.'): Promise<string> {
    const id = (
      await sales().post('/api/operations/bookings', {
        advertiser: { name: advertiser },
        faces: [{ siteId: 'FIN-LED-01', face }],
        period: { start, end },
        creative: { description: 'Spot', kind: 'video', files: [await file()] },
        amountFen,
        currency: 'CNY',
      })
    ).body.id;
    await manager().post(`/api/operations/bookings/${id}/submit-for-review`, {});
    await exec().post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    await h.as('lee', 'executive').post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    const r = await staff().post(`/api/operations/bookings/${id}/landlord-decision`, { authority: 'CRM', decision: 'approve', reference: 'OK' });
    expect(r.body.status).toBe('awaiting-payment');
    return id;
  }

  let bookingId: string;
  let receivableId: string;

  it('opens a receivable from the booking\u2019s payment request, takes partial payments, refuses overpayment, and only the full payment opens the posting gate', async () => {
    bookingId = await bookingAwaitingPayment('A', '2026-12-01', '2026-12-31', 12_000_000);
    const receivable = await receivableOf(bookingId);
    expect(receivable).toMatchObject({
      status: 'open',
      amountFen: 12_000_000,
      currency: 'CNY',
      milestone: 'full',
      client: { name: 'Chongqing Beer Co.' },
      dueDate: '2026-12-02',
    });
    receivableId = receivable.receivableId;
    // The hand-off keeps the correlation: the receivable was opened in the same conversation as the request.
    const requested = (await sales().get(`/api/operations/bookings/${bookingId}/history`)).body.items.find(
      (e: { type: string }) => e.type === 'PaymentRequested',
    );
    const opened = (await finance().get(`/api/finance/receivables/${receivableId}/history`)).body.items[0];
    expect(opened.type).toBe('ReceivableOpened');
    expect(opened.correlationId).toBe(requested.correlationId);

    expect((await finance().post(`/api/finance/receivables/${receivableId}/invoice`, { invoiceNumber: 'INV-001' })).body.status).toBe('invoiced');
    const partial = await finance().post(`/api/finance/receivables/${receivableId}/payments`, {
      amountFen: 5_000_000,
      currency: 'CNY',
      reference: 'ICBC-1',
      receivedOn: '2026-11-25',
    });
    expect(partial.body.status).toBe('partially-paid');
    await h.settle();
    expect(
      (await manager().post(`/api/operations/bookings/${bookingId}/propose-schedule`, { postingDate: '2026-12-01', production: 'video-by-design' })).body.code,
    ).toBe('NOT_PAID');

    const over = await finance().post(`/api/finance/receivables/${receivableId}/payments`, {
      amountFen: 8_000_000,
      currency: 'CNY',
      reference: 'ICBC-2',
      receivedOn: '2026-11-25',
    });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('OVERPAYMENT');
    expect(
      (await sales().post(`/api/finance/receivables/${receivableId}/payments`, { amountFen: 1, currency: 'CNY', reference: 'x', receivedOn: '2026-11-25' }))
        .status,
    ).toBe(403);

    const payment = { amountFen: 7_000_000, currency: 'CNY', reference: 'ICBC-2' };
    // The harness clock stands at 09:00 on 2026-11-25 in Shanghai: tomorrow's money is not received yet.
    const tomorrow = await finance().post(`/api/finance/receivables/${receivableId}/payments`, { ...payment, receivedOn: '2026-11-26' });
    expect([tomorrow.status, tomorrow.body.code]).toEqual([422, 'DATE_IN_FUTURE']);
    const rest = await finance().post(`/api/finance/receivables/${receivableId}/payments`, { ...payment, receivedOn: '2026-11-25' });
    expect(rest.body.events).toEqual(['PaymentRecorded', 'ReceivableSettled']);
    await h.settle();
    expect((await sales().get(`/api/operations/bookings/${bookingId}`)).body.status).toBe('paid');
    expect(
      (await manager().post(`/api/operations/bookings/${bookingId}/propose-schedule`, { postingDate: '2026-12-01', production: 'video-by-design' })).body
        .status,
    ).toBe('schedule-proposed');
  });

  it('changes nothing when every integration message of the flow is delivered again', async () => {
    await h.settle();
    const before = {
      receivables: (await finance().get('/api/finance/receivables?limit=200')).body.items.length,
      booking: (await sales().get(`/api/operations/bookings/${bookingId}/history`)).body.items.length,
      receivable: (await finance().get(`/api/finance/receivables/${receivableId}/history`)).body.items.length,
    };
    // Forget every consumer's progress and dedupe record, as if every message were redelivered after a crash.
    await h.stop();
    const bus = new Database(join(h.dataDir, 'bus.db'));
    const delivered = bus.prepare('SELECT COUNT(*) AS n FROM bus_processed').get() as { n: number };
    expect(delivered.n).toBeGreaterThanOrEqual(2);
    bus.exec('DELETE FROM bus_processed; UPDATE bus_offsets SET offset = 0;');
    bus.close();
    await h.start();
    await h.settle();
    expect((await finance().get('/api/finance/receivables?limit=200')).body.items.length).toBe(before.receivables);
    expect((await sales().get(`/api/operations/bookings/${bookingId}/history`)).body.items.length).toBe(before.booking);
    expect((await finance().get(`/api/finance/receivables/${receivableId}/history`)).body.items.length).toBe(before.receivable);
  });

  it('approves a vendor payable with four eyes (never the requester) and publishes the payment', async () => {
    const job = (await manager().post('/api/operations/installation-jobs', { siteId: 'FIN-LED-01', faces: ['B'], description: 'Install' })).body.id;
    const quote = (
      await manager().post(`/api/operations/installation-jobs/${job}/quotes`, {
        vendor: { vendorId: 'v1', name: 'Bright Signs' },
        amountFen: 650_000,
        currency: 'CNY',
      })
    ).body.quoteId;
    await manager().post(`/api/operations/installation-jobs/${job}/choose-vendor`, { quoteId: quote, reasonForFewerQuotes: 'Sole certified installer' });
    await h.settle();
    const payable = (await finance().get('/api/finance/payables')).body.items.find((p: { source: { id: string } | null }) => p.source?.id === job);
    expect(payable).toMatchObject({ status: 'requested', amountFen: 650_000, requestedBy: 'mei', needsExecutive: false });

    expect((await finance().post(`/api/finance/payables/${payable.payableId}/pay`, { paymentReference: 'OUT-1', paidOn: '2026-11-25' })).body.code).toBe(
      'NOT_APPROVED',
    );
    const self = await h.as('mei', 'finance').post(`/api/finance/payables/${payable.payableId}/approve`, {});
    expect(self.body.code).toBe('FOUR_EYES_VIOLATION');
    expect((await finance().post(`/api/finance/payables/${payable.payableId}/approve`, {})).body.status).toBe('approved');
    expect((await finance().post(`/api/finance/payables/${payable.payableId}/pay`, { paymentReference: 'OUT-1', paidOn: '2026-11-25' })).body.status).toBe(
      'paid',
    );
  });

  it('needs an executive as well above the threshold, and two different people', async () => {
    const big = await manager().post('/api/finance/payables', {
      vendor: { vendorId: 'v2', name: 'Railway Media' },
      milestone: 'full',
      amountFen: 6_000_000,
      currency: 'CNY',
      purpose: 'Quarterly site rent',
      dueDate: '2026-12-10',
    });
    expect(big.status).toBe(201);
    const id = big.body.id;
    expect((await finance().post(`/api/finance/payables/${id}/approve`, {})).body.status).toBe('finance-approved');
    expect((await finance().post(`/api/finance/payables/${id}/pay`, { paymentReference: 'OUT-2', paidOn: '2026-11-25' })).body.code).toBe('NOT_APPROVED');
    expect((await h.as('fang', 'executive').post(`/api/finance/payables/${id}/approve`, {})).body.code).toBe('FOUR_EYES_VIOLATION');
    expect((await exec().post(`/api/finance/payables/${id}/approve`, {})).body.status).toBe('approved');
    await h.settle(); // the report reads the read model, which follows the log
    const due = await finance().get('/api/finance/reports/payables-due?from=2026-12-01&to=2026-12-31');
    expect(due.body.weeks).toEqual([expect.objectContaining({ week: '2026-W50', totalFen: 6_000_000 })]);
  });

  it('refuses spending before approval, reimburses only by someone else, and keeps the ledger per department and month', async () => {
    const requested = await staff().post('/api/finance/expenses', {
      department: 'operations',
      category: 'maintenance',
      amountFen: 30_000,
      currency: 'CNY',
      purpose: 'Replacement bulbs',
    });
    const id = requested.body.id;
    const early = await staff().post(`/api/finance/expenses/${id}/incurred`, {
      amountFen: 28_000,
      currency: 'CNY',
      incurredOn: '2026-11-25',
      receipt: [await file()],
    });
    expect(early.body.code).toBe('NOT_APPROVED');
    expect((await h.as('li', 'finance').post(`/api/finance/expenses/${id}/approve`, {})).body.code).toBe('FOUR_EYES_VIOLATION');
    expect((await finance().post(`/api/finance/expenses/${id}/approve`, {})).body.status).toBe('approved');
    expect(
      (await staff().post(`/api/finance/expenses/${id}/incurred`, { amountFen: 31_000, currency: 'CNY', incurredOn: '2026-11-25', receipt: [await file()] }))
        .body.code,
    ).toBe('EXCEEDS_APPROVED_AMOUNT');
    expect(
      (await staff().post(`/api/finance/expenses/${id}/incurred`, { amountFen: 28_000, currency: 'CNY', incurredOn: '2026-11-25', receipt: [await file()] }))
        .body.status,
    ).toBe('incurred');
    expect((await h.as('li', 'finance').post(`/api/finance/expenses/${id}/reimburse`, { paymentReference: 'CASH-1' })).body.code).toBe('FOUR_EYES_VIOLATION');
    expect((await finance2().post(`/api/finance/expenses/${id}/reimburse`, { paymentReference: 'CASH-1' })).body.status).toBe('reimbursed');

    const bigExpense = await staff().post('/api/finance/expenses', {
      department: 'operations',
      category: 'electricity',
      amountFen: 800_000,
      currency: 'CNY',
      purpose: 'Screens, November',
    });
    expect((await finance().post(`/api/finance/expenses/${bigExpense.body.id}/approve`, {})).body.status).toBe('finance-approved');

    await h.settle();
    const ledger = await finance().get('/api/finance/reports/expense-ledger?month=2026-11&department=operations');
    expect(ledger.body.totals).toEqual({ byDepartment: { operations: 28_000 }, byCategory: { maintenance: 28_000 }, totalFen: 28_000 });
    expect(ledger.body.entries).toHaveLength(1);
  });

  it('ages open receivables per client against the date asked, with a moving clock', async () => {
    await bookingAwaitingPayment('B', '2027-01-05', '2027-01-20', 3_000_000, 'Mountain Tea');
    await h.settle();
    const asOf = async (date: string) => (await finance().get(`/api/finance/reports/receivables-aging?asOf=${date}`)).body;
    const tea = (report: { clients: Array<{ client: string; buckets: Record<string, number> }> }) =>
      report.clients.find((c) => c.client === 'Mountain Tea')!.buckets;
    expect(tea(await asOf('2026-12-02'))).toMatchObject({ current: 3_000_000 });
    expect(tea(await asOf('2026-12-03'))).toMatchObject({ current: 0, '1-30': 3_000_000 });
    expect(tea(await asOf('2027-01-02'))).toMatchObject({ '31-60': 3_000_000 });
    expect(tea(await asOf('2027-03-05'))).toMatchObject({ '90+': 3_000_000 });
    h.clock.set('2027-01-15T02:00:00.000Z');
    const today = (await finance().get('/api/finance/reports/receivables-aging')).body;
    expect(today.asOf).toBe('2027-01-15');
    expect(tea(today)).toMatchObject({ '31-60': 3_000_000 });
    // The same aging as CSV (fen) and as a workbook (yuan).
    const csv = csvRecords(await finance().get('/api/finance/reports/receivables-aging.csv?asOf=2027-01-02'));
    expect(csv.find((r) => r.client === 'Mountain Tea')).toMatchObject({ current_fen: '0', '31_60_fen': '3000000', total_fen: '3000000' });
    expect(csv.map((r) => r.client)).toEqual((await asOf('2027-01-02')).clients.map((c: { client: string }) => c.client));
    const sheets = await workbookSheets(await finance().get('/api/finance/reports/receivables-aging.xlsx?asOf=2027-01-02'));
    expect(sheets.get('Receivables aging 2027-01-02')!.find((r) => r['Client 客户'] === 'Mountain Tea')).toMatchObject({ '31–60 days 天': 30_000 });
    expect((await h.as('sun', 'sales').get('/api/finance/reports/payables-due.csv?from=2026-12-01&to=2026-12-31')).status).toBe(403);
  });
});
