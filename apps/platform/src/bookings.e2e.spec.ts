import { receivableSettledV1 } from '@ooh/contracts';
import { newId, type IntegrationMessage, type MessageBus } from '@ooh/eventing';
import { MESSAGE_BUS } from '@ooh/http-kit';
import { fakePhoto, PlatformHarness } from './testing/platform-harness';
import { csvRecords, workbookSheets } from './testing/exports';

describe('OOH bookings (上刊/下刊) over HTTP, with the payment hand-off on the bus', () => {
  const h = new PlatformHarness();
  const sales = () => h.as('xiao', 'sales');
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');
  const exec1 = () => h.as('tan', 'executive');
  const exec2 = () => h.as('lee', 'executive');
  let bus: MessageBus;

  beforeAll(async () => {
    await h.start();
    bus = h.platform.app.get<MessageBus>(MESSAGE_BUS);
    const site = (siteId: string, city: string, landlordAuthority: string) =>
      manager().post('/api/operations/sites', {
        siteId,
        city,
        station: `${city} station`,
        location: 'Hall',
        kind: 'led-screen',
        faces: ['A', 'B'],
        landlordAuthority,
      });
    await site('CQN-LED-01', 'Chongqing', 'CRM Chongqing branch');
    await site('CDE-LED-01', 'Chengdu', 'CRM Chengdu head office');
  });
  afterAll(() => h.stop());

  const file = async () => ({ blobId: (await sales().upload(fakePhoto('creative'))).body.blobId as string });
  const request = async (faces: Array<[string, string]>, start: string, end: string) =>
    sales().post('/api/operations/bookings', {
      advertiser: { name: 'Chongqing Beer Co.' },
      faces: faces.map(([siteId, face]) => ({ siteId, face })),
      period: { start, end },
      creative: { description: 'Winter 15 s spot', kind: 'video', files: [await file()] },
      amountFen: 12_000_000,
      currency: 'CNY',
    });
  const availability = async (from: string, to: string) => (await sales().get(`/api/operations/availability?from=${from}&to=${to}`)).body;
  const runsOf = (cal: { faces: Array<{ siteId: string; face: string; runs: unknown[] }> }, siteId: string, face: string) =>
    cal.faces.find((f) => f.siteId === siteId && f.face === face)!.runs;
  const settle = (message: IntegrationMessage) => bus.publish([message]);
  const settlement = (bookingId: string, messageId = newId()) =>
    receivableSettledV1.message(
      {
        receivableId: `r-${bookingId}`,
        source: { context: 'operations', kind: 'booking', id: bookingId },
        milestone: 'full',
        amountFen: 12_000_000,
        currency: 'CNY',
        paymentReferences: ['BANK-778'],
        settledAt: '2026-11-26T02:00:00.000Z',
      },
      { messageId, key: bookingId, correlationId: messageId, causationId: messageId, occurredAt: '2026-11-26T02:00:00.000Z' },
    );

  let bookingId: string;

  it('holds the faces on request and refuses an overlapping request naming the dates and the booking', async () => {
    const res = await request(
      [
        ['CQN-LED-01', 'A'],
        ['CDE-LED-01', 'A'],
      ],
      '2026-12-01',
      '2026-12-31',
    );
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('requested');
    bookingId = res.body.id;

    const clash = await request(
      [
        ['CDE-LED-01', 'B'],
        ['CQN-LED-01', 'A'],
      ],
      '2026-12-20',
      '2027-01-10',
    );
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('FACES_UNAVAILABLE');
    expect(clash.body.conflicts).toEqual([{ siteId: 'CQN-LED-01', face: 'A', bookingId, from: '2026-12-20', to: '2026-12-31' }]);

    await h.settle();
    const cal = await availability('2026-11-30', '2027-01-01');
    expect(runsOf(cal, 'CQN-LED-01', 'A')).toEqual([
      { from: '2026-11-30', to: '2026-11-30', state: 'available' },
      { from: '2026-12-01', to: '2026-12-31', state: 'held', bookingId },
      { from: '2027-01-01', to: '2027-01-01', state: 'available' },
    ]);
    // The refused request released the face it had already held.
    expect(runsOf(cal, 'CDE-LED-01', 'B')).toEqual([{ from: '2026-11-30', to: '2027-01-01', state: 'available' }]);
  });

  it('lets exactly one of ten concurrent requests for the same face win', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => request([['CQN-LED-01', 'B']], '2027-02-01', '2027-02-10')));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    await h.settle();
    const held = runsOf(await availability('2027-02-01', '2027-02-10'), 'CQN-LED-01', 'B');
    expect(held).toEqual([{ from: '2027-02-01', to: '2027-02-10', state: 'held', bookingId: results.find((r) => r.status === 201)!.body.id }]);
  });

  it('runs the internal review with four eyes: every executive approval counts once, any rejection sends it back', async () => {
    expect((await manager().post(`/api/operations/bookings/${bookingId}/submit-for-review`, {})).body.status).toBe('internal-review');
    expect((await exec1().post(`/api/operations/bookings/${bookingId}/internal-review`, { decision: 'approve' })).status).toBe(200);
    expect((await exec1().post(`/api/operations/bookings/${bookingId}/internal-review`, { decision: 'approve' })).body.code).toBe('ALREADY_REVIEWED');
    expect((await sales().post(`/api/operations/bookings/${bookingId}/internal-review`, { decision: 'approve' })).status).toBe(403);
    const rejected = await exec2().post(`/api/operations/bookings/${bookingId}/internal-review`, { decision: 'reject', reason: 'Logo too small' });
    expect(rejected.body.status).toBe('revision-required');

    await h.settle();
    const waiting = await sales().get(`/api/operations/bookings/${bookingId}`);
    expect(waiting.body.blockedBy.length).toBeGreaterThan(0);
    expect(waiting.body.lastRejection).toMatchObject({ stage: 'internal', reason: 'Logo too small' });

    const revised = await manager().post(`/api/operations/bookings/${bookingId}/revise-creative`, {
      creative: { description: 'Bigger logo', kind: 'video', files: [await file()] },
    });
    expect(revised.body.status).toBe('requested');
    await manager().post(`/api/operations/bookings/${bookingId}/submit-for-review`, {});
    await exec1().post(`/api/operations/bookings/${bookingId}/internal-review`, { decision: 'approve' });
    const both = await exec2().post(`/api/operations/bookings/${bookingId}/internal-review`, { decision: 'approve' });
    expect(both.body.status).toBe('landlord-review');
  });

  it('gates scheduling on payment and posting on the schedule, then takes the payment from Finance\u2019s event exactly once', async () => {
    expect(
      (await manager().post(`/api/operations/bookings/${bookingId}/propose-schedule`, { postingDate: '2026-12-01', production: 'video-by-design' })).body.code,
    ).toBe('NOT_PAID');
    await staff().post(`/api/operations/bookings/${bookingId}/landlord-decision`, {
      authority: 'CRM Chongqing branch',
      decision: 'approve',
      reference: 'CQ-2026-881',
    });
    const last = await staff().post(`/api/operations/bookings/${bookingId}/landlord-decision`, {
      authority: 'CRM Chengdu head office',
      decision: 'approve',
      reference: 'CD-2026-112',
    });
    expect(last.body.status).toBe('awaiting-payment');
    expect((await staff().post(`/api/operations/bookings/${bookingId}/posting`, { postedOn: '2026-12-01', photos: [await file()] })).body.code).toBe(
      'NOT_SCHEDULED',
    );

    // Operations asked Finance for the payment on the public feed.
    await h.settle();
    const requested: IntegrationMessage[] = [];
    const c = await bus.consume({ group: 'test-finance-feed', types: ['operations.booking-payment-requested'], handle: async (m) => void requested.push(m) });
    for (let i = 0; i < 100 && requested.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await c.stop();
    expect(requested.map((m) => m.data)).toEqual([expect.objectContaining({ bookingId, amountFen: 12_000_000, currency: 'CNY', milestone: 'full' })]);

    // Finance settles; the message is delivered twice and once more with the same id: one payment.
    const message = settlement(bookingId);
    await settle(message);
    await settle(message);
    await bus.publish([{ ...message }]);
    await h.settle();
    const paid = await sales().get(`/api/operations/bookings/${bookingId}/history`);
    expect(paid.body.items.filter((e: { type: string }) => e.type === 'PaymentConfirmed')).toHaveLength(1);
    expect((await sales().get(`/api/operations/bookings/${bookingId}`)).body.status).toBe('paid');
  });

  it('dead-letters a settlement that breaks its contract, with the reason, and keeps flowing', async () => {
    await bus.publish([{ ...settlement(bookingId), messageId: newId(), data: { receivableId: 'x', amountFen: 1.5 } }]);
    await h.settle();
    const dead = await h.as('root', 'admin').get('/api/admin/dead-letters?group=operations.booking-payments');
    expect(dead.body.items).toHaveLength(1);
    expect(dead.body.items[0].error).toContain('POISON_MESSAGE');
  });

  it('posts on the approved schedule (lateness recorded), goes live on the client\u2019s confirmation', async () => {
    await manager().post(`/api/operations/bookings/${bookingId}/propose-schedule`, { postingDate: '2026-12-01', production: 'video-by-design' });
    const approved = await exec1().post(`/api/operations/bookings/${bookingId}/approve-schedule`, {});
    expect(approved.body.status).toBe('scheduled');
    h.clock.set('2026-12-02T02:00:00.000Z');
    const posted = await staff().post(`/api/operations/bookings/${bookingId}/posting`, { postedOn: '2026-12-02', photos: [await file()] });
    expect(posted.body.status).toBe('posted');
    const live = await sales().post(`/api/operations/bookings/${bookingId}/confirm-posting`, { evidence: [await file()] });
    expect(live.body.status).toBe('live');
    await h.settle();
    expect(runsOf(await availability('2026-12-01', '2026-12-31'), 'CQN-LED-01', 'A')).toEqual([
      { from: '2026-12-01', to: '2026-12-31', state: 'live', bookingId },
    ]);
    const register = await sales().get('/api/operations/posting-register?siteId=CQN-LED-01');
    expect(register.body.items).toEqual([expect.objectContaining({ kind: 'posting', bookingId, date: '2026-12-02', daysLate: 1, face: 'A' })]);
  });

  it('flags the renewal a week before the end, removes the day after, with the masthead photo, then closes', async () => {
    h.clock.set('2026-12-23T02:00:00.000Z');
    await h.runJobs();
    expect((await sales().get(`/api/operations/bookings/${bookingId}`)).body.renewalFlaggedFor).toBeNull();
    h.clock.set('2026-12-24T02:00:00.000Z');
    for (const day of ['05', '06']) {
      const inspected = await staff().post('/api/operations/inspections', {
        siteId: 'CQN-LED-01',
        performedAt: `2026-12-${day}T09:00:00+08:00`,
        checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
        photos: [await file()],
      });
      expect(inspected.status).toBe(201);
    }
    await h.runJobs();
    await h.runJobs();
    const history = await sales().get(`/api/operations/bookings/${bookingId}/history`);
    expect(history.body.items.filter((e: { type: string }) => e.type === 'RenewalCheckDue')).toHaveLength(1);
    expect((await sales().post(`/api/operations/bookings/${bookingId}/renewal-decision`, { decision: 'end', evidence: [await file()] })).status).toBe(200);

    expect((await staff().post(`/api/operations/bookings/${bookingId}/removal`, { removedOn: '2026-12-30', photos: [await file()] })).body.code).toBe(
      'REMOVAL_NOT_DUE',
    );
    h.clock.set('2027-01-01T02:00:00.000Z');
    await h.runJobs();
    expect((await sales().get(`/api/operations/bookings/${bookingId}`)).body.status).toBe('removal-due');

    // The month ended: December's proof-of-play report was generated and archived, once.
    await h.runJobs();
    const reports = await sales().get('/api/operations/proof-of-play?month=2026-12');
    expect(reports.body.items).toHaveLength(1);
    const report = reports.body.items[0];
    expect(report).toMatchObject({ advertiser: 'Chongqing Beer Co.', month: '2026-12', status: 'generated' });
    const line = report.lines.find((l: { siteId: string }) => l.siteId === 'CQN-LED-01');
    expect(line.daysLive).toHaveLength(30);
    expect(line.daysLive[0]).toBe('2026-12-02');
    expect(line.inspections.map((i: { date: string }) => i.date)).toEqual(['2026-12-05', '2026-12-06']);
    expect(report.lines.find((l: { siteId: string }) => l.siteId === 'CDE-LED-01').inspections).toEqual([]);
    const html = await sales().get(`/api/operations/proof-of-play/${report.reportId}/document`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Chongqing Beer Co.');
    expect(html.body).toContain(line.inspections[0].photos[0].sha256);
    const sent = await sales().post(`/api/operations/proof-of-play/${report.reportId}/mark-sent`, { sentTo: 'marketing@beer.example' });
    expect(sent.body.status).toBe('sent');
    const noMasthead = await staff().post(`/api/operations/bookings/${bookingId}/removal`, { removedOn: '2027-01-01', photos: [await file()] });
    expect(noMasthead.body.code).toBe('MASTHEAD_PHOTO_REQUIRED');
    const removed = await staff().post(`/api/operations/bookings/${bookingId}/removal`, {
      removedOn: '2027-01-01',
      photos: [{ ...(await file()), masthead: true }, await file()],
    });
    expect(removed.body.status).toBe('removed');
    expect((await sales().post(`/api/operations/bookings/${bookingId}/confirm-removal`, { evidence: [await file()] })).body.status).toBe('closed');
    await h.settle();
    const register = await sales().get('/api/operations/posting-register?from=2026-12-01&to=2027-01-31');
    expect(register.body.items.map((r: { kind: string; siteId: string }) => `${r.kind}:${r.siteId}`).sort()).toEqual([
      'posting:CDE-LED-01',
      'posting:CQN-LED-01',
      'removal:CDE-LED-01',
      'removal:CQN-LED-01',
    ]);
    // Exported, every entry in the range (read page by page), each with its photos' hashes.
    const rows = csvRecords(await sales().get('/api/operations/posting-register.csv?from=2026-12-01&to=2027-01-31'));
    expect(rows.map((r) => `${r.kind}:${r.site_id}`).sort()).toEqual(
      register.body.items.map((r: { kind: string; siteId: string }) => `${r.kind}:${r.siteId}`).sort(),
    );
    expect(rows.every((r) => /^[a-f0-9]{64}( [a-f0-9]{64})*$/.test(r.photos))).toBe(true);
    expect(
      (await workbookSheets(await sales().get('/api/operations/posting-register.xlsx?from=2026-12-01&to=2027-01-31'))).get('Posting register 上下刊登记'),
    ).toHaveLength(4);
  });

  it('releases the faces when a booking is cancelled before posting', async () => {
    const res = await request([['CDE-LED-01', 'B']], '2027-03-01', '2027-03-31');
    expect((await sales().post(`/api/operations/bookings/${res.body.id}/cancel`, {})).status).toBe(400);
    expect((await sales().post(`/api/operations/bookings/${res.body.id}/cancel`, { reason: 'Client postponed' })).body.status).toBe('cancelled');
    await h.settle();
    expect(runsOf(await availability('2027-03-01', '2027-03-31'), 'CDE-LED-01', 'B')).toEqual([{ from: '2027-03-01', to: '2027-03-31', state: 'available' }]);
    expect((await request([['CDE-LED-01', 'B']], '2027-03-10', '2027-03-20')).status).toBe(201);
  });
});
