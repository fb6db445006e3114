import { receivableSettledV1 } from '@ooh/contracts';
import { newId, type MessageBus } from '@ooh/eventing';
import { MESSAGE_BUS } from '@ooh/http-kit';
import { fakePhoto, PlatformHarness } from './testing/platform-harness';

describe('live bookings: renewal against availability, creative change under review, early termination', () => {
  const h = new PlatformHarness();
  const sales = () => h.as('xiao', 'sales');
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');
  const exec1 = () => h.as('tan', 'executive');
  const exec2 = () => h.as('lee', 'executive');
  const AUTHORITY = 'CRM Chongqing branch';

  beforeAll(async () => {
    await h.start();
    await manager().post('/api/operations/sites', {
      siteId: 'CQW-LED-01',
      city: 'Chongqing',
      station: 'Chongqing West',
      location: 'Hall',
      kind: 'led-screen',
      faces: ['A'],
      landlordAuthority: AUTHORITY,
    });
  });
  afterAll(() => h.stop());

  const file = async () => ({ blobId: (await sales().upload(fakePhoto())).body.blobId as string });
  const creative = async (description: string) => ({ description, kind: 'video', files: [await file()] });
  const runs = async (from: string, to: string) =>
    (await sales().get(`/api/operations/availability?from=${from}&to=${to}`)).body.faces.find((f: { siteId: string }) => f.siteId === 'CQW-LED-01').runs;

  async function request(start: string, end: string): Promise<string> {
    const res = await sales().post('/api/operations/bookings', {
      advertiser: { name: 'Mountain Tea' },
      faces: [{ siteId: 'CQW-LED-01', face: 'A' }],
      period: { start, end },
      creative: await creative('Tea spot'),
      amountFen: 5_000_000,
      currency: 'CNY',
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function approveBoth(id: string) {
    await exec1().post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    await exec2().post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    return staff().post(`/api/operations/bookings/${id}/landlord-decision`, { authority: AUTHORITY, decision: 'approve', reference: `REF-${id.slice(0, 6)}` });
  }

  async function toLive(start: string, end: string): Promise<string> {
    const id = await request(start, end);
    await manager().post(`/api/operations/bookings/${id}/submit-for-review`, {});
    expect((await approveBoth(id)).body.status).toBe('awaiting-payment');
    const messageId = newId();
    await h.platform.app.get<MessageBus>(MESSAGE_BUS).publish([
      receivableSettledV1.message(
        {
          receivableId: `r-${id}`,
          source: { context: 'operations', kind: 'booking', id },
          milestone: 'full',
          amountFen: 5_000_000,
          currency: 'CNY',
          paymentReferences: ['BANK-1'],
          settledAt: '2026-11-25T03:00:00.000Z',
        },
        { messageId, key: id, correlationId: messageId, causationId: messageId, occurredAt: '2026-11-25T03:00:00.000Z' },
      ),
    ]);
    await h.settle();
    await manager().post(`/api/operations/bookings/${id}/propose-schedule`, { postingDate: start, production: 'video-by-design' });
    await exec1().post(`/api/operations/bookings/${id}/approve-schedule`, {});
    h.clock.set(`${start}T02:00:00.000Z`);
    await staff().post(`/api/operations/bookings/${id}/posting`, { postedOn: start, photos: [await file()] });
    const live = await sales().post(`/api/operations/bookings/${id}/confirm-posting`, { evidence: [await file()] });
    expect(live.body.status).toBe('live');
    return id;
  }

  let first: string;

  it('refuses a renewal that would overlap the next booking, naming it, and extends nothing', async () => {
    first = await toLive('2026-12-01', '2026-12-10');
    h.clock.set('2026-11-26T02:00:00.000Z');
    const next = await request('2026-12-11', '2026-12-20');
    h.clock.set('2026-12-04T02:00:00.000Z');
    const refused = await sales().post(`/api/operations/bookings/${first}/renewal-decision`, { decision: 'renew', newEnd: '2026-12-15' });
    expect(refused.status).toBe(409);
    expect(refused.body.conflicts).toEqual([{ siteId: 'CQW-LED-01', face: 'A', bookingId: next, from: '2026-12-11', to: '2026-12-15' }]);
    await h.settle();
    expect(await runs('2026-12-01', '2026-12-20')).toEqual([
      { from: '2026-12-01', to: '2026-12-10', state: 'live', bookingId: first },
      { from: '2026-12-11', to: '2026-12-20', state: 'held', bookingId: next },
    ]);

    await sales().post(`/api/operations/bookings/${next}/cancel`, { reason: 'Client moved to January' });
    await h.settle();
    const renewed = await sales().post(`/api/operations/bookings/${first}/renewal-decision`, {
      decision: 'renew',
      newEnd: '2026-12-15',
      evidence: [await file()],
    });
    expect(renewed.status).toBe(200);
    await h.settle();
    expect(await runs('2026-12-01', '2026-12-20')).toEqual([
      { from: '2026-12-01', to: '2026-12-15', state: 'live', bookingId: first },
      { from: '2026-12-16', to: '2026-12-20', state: 'available' },
    ]);
    expect((await sales().get(`/api/operations/bookings/${first}`)).body.period).toEqual({ start: '2026-12-01', end: '2026-12-15' });
  });

  it('reviews a new creative on the side while the old one stays live, then replaces it', async () => {
    const asked = await sales().post(`/api/operations/bookings/${first}/renewal-decision`, {
      decision: 'change-creative',
      creative: await creative('New year spot'),
    });
    expect(asked.body.status).toBe('live');
    const reviewed = await approveBoth(first);
    expect(reviewed.body.events).toContain('CreativeChangeApproved');
    expect(reviewed.body.status).toBe('live');
    const replaced = await staff().post(`/api/operations/bookings/${first}/creative-replaced`, { photos: [await file()] });
    expect(replaced.body.events).toEqual(['CreativeReplaced']);
    await h.settle();
    const view = await sales().get(`/api/operations/bookings/${first}`);
    expect(view.body.creative.description).toBe('New year spot');
    expect(view.body.pendingCreative).toBeNull();
  });

  it('terminates early with a reason, releasing the face from the effective date', async () => {
    expect((await manager().post(`/api/operations/bookings/${first}/terminate`, { effectiveDate: '2026-12-12' })).status).toBe(400);
    const ended = await manager().post(`/api/operations/bookings/${first}/terminate`, { effectiveDate: '2026-12-12', reason: 'Client breach of contract' });
    expect(ended.body.status).toBe('removal-due');
    await h.settle();
    expect(await runs('2026-12-01', '2026-12-15')).toEqual([
      { from: '2026-12-01', to: '2026-12-11', state: 'live', bookingId: first },
      { from: '2026-12-12', to: '2026-12-15', state: 'available' },
    ]);
    h.clock.set('2026-12-12T02:00:00.000Z');
    const removed = await staff().post(`/api/operations/bookings/${first}/removal`, {
      removedOn: '2026-12-12',
      photos: [{ ...(await file()), masthead: true }],
    });
    expect(removed.body.status).toBe('removed');
  });
});

describe('rejection loops and the out-of-service calendar', () => {
  const h = new PlatformHarness();
  const sales = () => h.as('xiao', 'sales');
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');
  beforeAll(async () => {
    await h.start();
    await manager().post('/api/operations/sites', {
      siteId: 'CQS-LED-01',
      city: 'Chongqing',
      station: 'South',
      location: 'Hall',
      kind: 'led-screen',
      faces: ['A'],
      landlordAuthority: 'CRM',
    });
  });
  afterAll(() => h.stop());

  it('sends a landlord rejection back for revision, restarts both reviews, and lets a rejected schedule be proposed again', async () => {
    const file = async () => ({ blobId: (await sales().upload(fakePhoto())).body.blobId as string });
    const id = (
      await sales().post('/api/operations/bookings', {
        advertiser: { name: 'Tea' },
        faces: [{ siteId: 'CQS-LED-01', face: 'A' }],
        period: { start: '2026-12-01', end: '2026-12-05' },
        creative: { description: 'Spot', kind: 'video', files: [await file()] },
        amountFen: 1000,
        currency: 'CNY',
      })
    ).body.id;
    const internal = async () => {
      await manager().post(`/api/operations/bookings/${id}/submit-for-review`, {});
      await h.as('tan', 'executive').post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
      return h.as('lee', 'executive').post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    };
    expect((await internal()).body.status).toBe('landlord-review');
    expect((await staff().post(`/api/operations/bookings/${id}/landlord-decision`, { authority: 'CRM', decision: 'reject' })).body.code).toBe(
      'REASON_REQUIRED',
    );
    const rejected = await staff().post(`/api/operations/bookings/${id}/landlord-decision`, {
      authority: 'CRM',
      decision: 'reject',
      reason: 'Violates the advertising law: superlatives',
    });
    expect(rejected.body.status).toBe('revision-required');
    await manager().post(`/api/operations/bookings/${id}/revise-creative`, {
      creative: { description: 'Spot, no superlatives', kind: 'video', files: [await file()] },
    });
    expect((await internal()).body.status).toBe('landlord-review');
    expect(
      (await staff().post(`/api/operations/bookings/${id}/landlord-decision`, { authority: 'CRM', decision: 'approve', reference: 'OK-2' })).body.status,
    ).toBe('awaiting-payment');
    const messageId = newId();
    await h.platform.app.get<MessageBus>(MESSAGE_BUS).publish([
      receivableSettledV1.message(
        {
          receivableId: 'r',
          source: { context: 'operations', kind: 'booking', id },
          milestone: 'full',
          amountFen: 1000,
          currency: 'CNY',
          paymentReferences: ['B'],
          settledAt: '2026-11-25T03:00:00.000Z',
        },
        { messageId, key: id, correlationId: messageId, causationId: messageId, occurredAt: '2026-11-25T03:00:00.000Z' },
      ),
    ]);
    await h.settle();
    await manager().post(`/api/operations/bookings/${id}/propose-schedule`, { postingDate: '2026-12-01', production: 'video-by-design' });
    const selfApproval = await h.as('mei', 'executive').post(`/api/operations/bookings/${id}/approve-schedule`, {});
    expect(selfApproval.body.code).toBe('FOUR_EYES_VIOLATION');
    expect((await h.as('tan', 'executive').post(`/api/operations/bookings/${id}/reject-schedule`, { reason: 'Station works that week' })).body.status).toBe(
      'paid',
    );
    await manager().post(`/api/operations/bookings/${id}/propose-schedule`, { postingDate: '2026-12-02', production: 'video-by-design' });
    expect((await h.as('tan', 'executive').post(`/api/operations/bookings/${id}/approve-schedule`, {})).body.status).toBe('scheduled');
    const history = await sales().get(`/api/operations/bookings/${id}/history`);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['LandlordReviewRejected', 'CreativeRevised', 'ScheduleRejected', 'ScheduleApproved']),
    );
  });

  it('shows the days a site is out of service as out-of-service', async () => {
    h.clock.set('2026-11-28T02:00:00.000Z');
    await manager().post('/api/operations/sites/CQS-LED-01/take-out-of-service', { reason: 'faulty', note: 'Power supply burnt' });
    h.clock.set('2026-11-30T02:00:00.000Z');
    await manager().post('/api/operations/sites/CQS-LED-01/return-to-service', {});
    await h.settle();
    const cal = (await sales().get('/api/operations/availability?from=2026-11-27&to=2026-11-30')).body;
    expect(cal.faces[0].runs).toEqual([
      { from: '2026-11-27', to: '2026-11-27', state: 'available' },
      { from: '2026-11-28', to: '2026-11-29', state: 'out-of-service' },
      { from: '2026-11-30', to: '2026-11-30', state: 'available' },
    ]);
    expect(cal.totals).toMatchObject({ available: 2, 'out-of-service': 2 });
  });
});

describe('bookings reviewed by the configured executives (BOOKING_REVIEWERS)', () => {
  const h = new PlatformHarness();
  beforeAll(async () => {
    await h.start({ bookingReviewers: ['tan', 'li'] });
    await h.as('mei', 'ops-manager').post('/api/operations/sites', {
      siteId: 'CQE-LED-01',
      city: 'Chongqing',
      station: 'East',
      location: 'Hall',
      kind: 'led-screen',
      faces: ['A'],
      landlordAuthority: 'CRM',
    });
  });
  afterAll(() => h.stop());

  it('counts only the named executives, and waits for each of them', async () => {
    const file = (await h.as('xiao', 'sales').upload(fakePhoto())).body.blobId;
    const id = (
      await h.as('xiao', 'sales').post('/api/operations/bookings', {
        advertiser: { name: 'Tea' },
        faces: [{ siteId: 'CQE-LED-01', face: 'A' }],
        period: { start: '2026-12-01', end: '2026-12-05' },
        creative: { description: 'Spot', kind: 'video', files: [{ blobId: file }] },
        amountFen: 1000,
        currency: 'CNY',
      })
    ).body.id;
    await h.as('mei', 'ops-manager').post(`/api/operations/bookings/${id}/submit-for-review`, {});
    const outsider = await h.as('wu', 'executive').post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    expect(outsider.status).toBe(403);
    expect(outsider.body.code).toBe('NOT_A_REQUIRED_REVIEWER');
    expect((await h.as('tan', 'executive').post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' })).body.status).toBe(
      'internal-review',
    );
    await h.settle();
    expect((await h.as('xiao', 'sales').get(`/api/operations/bookings/${id}`)).body.blockedBy[0].waitingFor).toContain('li');
    expect((await h.as('li', 'executive').post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' })).body.status).toBe('landlord-review');
  });
});
