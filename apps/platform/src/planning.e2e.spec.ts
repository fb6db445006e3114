import { fakePhoto, PlatformHarness } from './testing/platform-harness';
import { csvRecords, workbookSheets } from './testing/exports';

/** Planning over HTTP on the embedded platform: clients, new-client meetings, briefs, budgets, media plans. */
describe('planning over HTTP', () => {
  const h = new PlatformHarness();
  const am = () => h.as('wang', 'account-manager');
  const planner = () => h.as('chen', 'media-manager');
  const mediaDirector = () => h.as('tan', 'media-director');
  const accountDirector = () => h.as('lee', 'account-director');
  const sales = () => h.as('xiao', 'sales');
  let clientId: string;
  let evidence: { blobId: string };

  beforeAll(async () => {
    await h.start({ rateLimitPerMinute: 0 });
    evidence = { blobId: (await am().upload(Buffer.from('%PDF-1.4\n% signed\n%%EOF', 'latin1'), 'application/pdf', 'signed.pdf')).body.blobId };
    const client = await am().post('/api/planning/clients', {
      name: 'Chongqing Beer Co.',
      industry: 'beverages',
      contacts: [{ name: 'Ms Liu', title: 'Brand manager', email: 'liu@beer.example' }],
      needs: 'Winter campaign in rail stations',
    });
    expect(client.status).toBe(201);
    clientId = client.body.id;
  });
  afterAll(() => h.stop());

  describe('client files', () => {
    it('finds a client by the start of its name in any case, keeps its history, and archives rather than deletes', async () => {
      await h.settle();
      expect((await am().get('/api/planning/clients?name=chongq')).body.items.map((c: { clientId: string }) => c.clientId)).toContain(clientId);
      const other = (await am().post('/api/planning/clients', { name: 'Old Tea House', industry: 'food', contacts: [] })).body.id;
      expect((await am().patch(`/api/planning/clients/${other}`, { notes: 'Prefers WeChat' })).status).toBe(200);
      expect((await am().post(`/api/planning/clients/${other}/archive`, { reason: 'Went to another agency' })).body.status).toBe('archived');
      const refused = await am().patch(`/api/planning/clients/${other}`, { notes: 'again' });
      expect([refused.status, refused.body.code]).toEqual([422, 'CLIENT_ARCHIVED']);
      expect((await am().get(`/api/planning/clients/${other}/history`)).body.items.map((e: { type: string }) => e.type)).toEqual([
        'ClientRegistered',
        'ClientUpdated',
        'ClientArchived',
      ]);
      const meeting = await am().post('/api/planning/meetings', {
        clientId: other,
        startsAt: '2026-11-28T10:00:00+08:00',
        place: 'HQ',
        attendees: { agency: ['Wang'], client: ['Mr Hu'] },
        agenda: ['Catch-up'],
      });
      expect([meeting.status, meeting.body.code]).toEqual([422, 'CLIENT_ARCHIVED']);
    });

    it('refuses bad input with 400 naming the field, and writes nothing', async () => {
      const before = (await am().get('/api/planning/clients?limit=200')).body.items.length;
      for (const [body, field] of [
        [{ industry: 'x', contacts: [] }, 'name'],
        [{ name: 'x'.repeat(201), industry: 'x', contacts: [] }, 'name'],
        [{ name: 'X', industry: 'x', contacts: [{ name: 'A', email: 'not-an-email' }] }, 'contacts.0.email'],
        [{ name: 'X', industry: 'x', contacts: Array.from({ length: 51 }, () => ({ name: 'A' })) }, 'contacts'],
        [{ name: 'X', industry: 'x', contacts: [], owner: 'me' }, 'owner'],
      ] as const) {
        const res = await am().post('/api/planning/clients', body);
        expect([res.status, res.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, expect.arrayContaining([field])]);
      }
      await h.settle();
      expect((await am().get('/api/planning/clients?limit=200')).body.items.length).toBe(before);
      expect((await sales().post('/api/planning/clients', { name: 'X', industry: 'x', contacts: [] })).status).toBe(403);
    });
  });

  describe('a new-client meeting', () => {
    it('goes from scheduling to held, is not held before the client confirmed, and is flagged once 24 h before with what is missing', async () => {
      h.clock.set(new Date('2026-11-25T01:00:00Z'));
      const scheduled = await am().post('/api/planning/meetings', {
        clientId,
        startsAt: '2026-11-28T10:00:00+08:00',
        place: 'Client HQ, room 3',
        attendees: { agency: ['Wang (account manager)'], client: ['Ms Liu'] },
        agenda: ['Introductions', 'Winter campaign'],
      });
      expect(scheduled.status).toBe(201);
      const id = scheduled.body.id;
      const early = await am().post(`/api/planning/meetings/${id}/held`, { heldAt: '2026-11-25T09:00:00+08:00', minutes: 'x', decisions: [] });
      expect([early.status, early.body.code, early.body.blockedBy?.[0]?.releasedBy]).toEqual([422, 'CLIENT_NOT_CONFIRMED', 'account-manager']);
      expect((await am().post(`/api/planning/meetings/${id}/client-confirmed`, {})).body.code).toBe('NOTICE_NOT_SENT');
      expect((await am().post(`/api/planning/meetings/${id}/notice-sent`, { note: 'E-mailed with the agenda', evidence: [evidence] })).status).toBe(200);

      // Two days on: not yet within 24 h. Then 23 h before: flagged, once.
      h.clock.set(new Date('2026-11-26T01:00:00Z'));
      await h.runJobs();
      expect((await am().get(`/api/planning/meetings/${id}`)).body.flagged).toBe(false);
      h.clock.set(new Date('2026-11-27T03:00:00Z'));
      await h.runJobs();
      await h.runJobs();
      const flagged = (await am().get(`/api/planning/meetings/${id}`)).body;
      expect(flagged).toMatchObject({ flagged: true, flaggedMissing: ['clientConfirmed', 'materialsPrepared', 'transportArranged'] });
      expect(flagged.blockedBy.map((b: { gate: string }) => b.gate)).toEqual(['clientConfirmed', 'materialsPrepared', 'transportArranged']);
      const history = (await am().get(`/api/planning/meetings/${id}/history`)).body.items.map((e: { type: string }) => e.type);
      expect(history.filter((t: string) => t === 'MeetingChecklistFlagged')).toHaveLength(1);
      const report = (await am().get('/api/planning/reports/meetings?from=2026-11-01&to=2026-11-30')).body;
      expect(report.flagged).toEqual([expect.objectContaining({ meetingId: id, missing: ['clientConfirmed', 'materialsPrepared', 'transportArranged'] })]);
      expect(report.counts).toMatchObject({ scheduled: 1, flagged: 1 });

      for (const step of ['client-confirmed', 'materials-prepared', 'transport-arranged']) {
        expect((await am().post(`/api/planning/meetings/${id}/${step}`, {})).status).toBe(200);
      }
      h.clock.set(new Date('2026-11-28T04:00:00Z'));
      const held = await am().post(`/api/planning/meetings/${id}/held`, {
        heldAt: '2026-11-28T10:05:00+08:00',
        minutes: 'Met the brand team; they want a winter rail campaign.',
        decisions: [{ text: 'Send a brief', owner: 'Wang', dueOn: '2026-12-02' }],
      });
      expect([held.status, held.body.status]).toEqual([200, 'held']);
      await h.settle();
      expect((await am().get(`/api/planning/meetings/${id}`)).body).toMatchObject({ status: 'held', blockedBy: [], decisions: [{ owner: 'Wang' }] });
    });
  });

  describe('rescheduling, cancelling and revising', () => {
    it('reschedules a meeting with a reason, asking for notice and confirmation again, and cancels one for good', async () => {
      h.clock.set(new Date('2026-11-25T01:00:00Z'));
      const id = (
        await am().post('/api/planning/meetings', {
          clientId,
          startsAt: '2026-12-03T10:00:00+08:00',
          place: 'Client HQ',
          attendees: { agency: ['Wang'], client: ['Ms Liu'] },
          agenda: ['Follow-up'],
        })
      ).body.id;
      await am().post(`/api/planning/meetings/${id}/notice-sent`, {});
      await am().post(`/api/planning/meetings/${id}/materials-prepared`, {});
      const noReason = await am().post(`/api/planning/meetings/${id}/reschedule`, { startsAt: '2026-12-04T10:00:00+08:00' });
      expect([noReason.status, noReason.body.errors[0].field]).toEqual([400, 'reason']);
      const past = await am().post(`/api/planning/meetings/${id}/reschedule`, { startsAt: '2026-11-20T10:00:00+08:00', reason: 'x' });
      expect([past.status, past.body.code]).toEqual([422, 'START_IN_PAST']);
      expect((await am().post(`/api/planning/meetings/${id}/reschedule`, { startsAt: '2026-12-04T10:00:00+08:00', reason: 'Client travelling' })).status).toBe(
        200,
      );
      await h.settle();
      const moved = (await am().get(`/api/planning/meetings/${id}`)).body;
      expect(moved).toMatchObject({
        startsAt: '2026-12-04T02:00:00.000Z',
        checklist: { noticeSent: null, materialsPrepared: expect.objectContaining({ by: expect.anything() }) },
      });
      expect(moved.reschedules).toEqual([
        expect.objectContaining({ from: '2026-12-03T02:00:00.000Z', to: '2026-12-04T02:00:00.000Z', reason: 'Client travelling' }),
      ]);
      expect((await am().post(`/api/planning/meetings/${id}/cancel`, { reason: 'Client postponed' })).body.status).toBe('cancelled');
      const after = await am().post(`/api/planning/meetings/${id}/notice-sent`, {});
      expect([after.status, after.body.code]).toEqual([422, 'MEETING_CANCELLED']);
    });

    it('keeps every version of a brief, and shows the brief as it was before a revision', async () => {
      h.clock.set(new Date('2026-11-25T01:00:00Z'));
      const content = {
        campaign: 'Spring 2027',
        objectives: ['Launch'],
        audience: { ageBands: [], gender: 'female', regions: ['Chengdu'], habits: [] },
        markets: ['Chengdu'],
        budget: { amountFen: 1_000_000, currency: 'CNY' },
        period: { start: '2027-03-01', end: '2027-04-30' },
        research: { competitors: [], trends: [] },
        mandatoryItems: [],
      };
      const id = (await am().post('/api/planning/briefs', { clientId, ...content })).body.id;
      h.clock.set(new Date('2026-11-26T01:00:00Z'));
      const unchanged = await am().post(`/api/planning/briefs/${id}/revisions`, { ...content, note: 'nothing' });
      expect([unchanged.status, unchanged.body.code]).toEqual([422, 'NOTHING_CHANGED']);
      const revised = await am().post(`/api/planning/briefs/${id}/revisions`, {
        ...content,
        budget: { amountFen: 1_500_000, currency: 'CNY' },
        note: 'Budget raised',
      });
      expect(revised.status).toBe(200);
      await h.settle();
      const brief = (await am().get(`/api/planning/briefs/${id}`)).body;
      expect(brief.versions.map((v: { version: number; budget: { amountFen: number } }) => [v.version, v.budget.amountFen])).toEqual([
        [1, 1_000_000],
        [2, 1_500_000],
      ]);
      const before = (await am().get(`/api/planning/briefs/${id}?asOf=2026-11-25T12:00:00%2B08:00`)).body;
      expect(before).toMatchObject({ current: { version: 1, budget: { amountFen: 1_000_000 } }, asOf: '2026-11-25T04:00:00.000Z' });
    });
  });

  describe('a media plan from draft to the client’s approval', () => {
    const SITE = 'PLN-LED-01';
    const ooh = (rate = 100_000) => ({
      lineId: 'L1',
      channel: 'outdoor',
      vendor: { vendorId: 'OP', name: 'Rail Media' },
      property: 'Chongqing North',
      faces: [{ siteId: SITE, face: 'A' }],
      market: 'Chongqing',
      flight: { start: '2027-01-04', end: '2027-01-17' },
      weeks: [
        { weekStart: '2027-01-04', units: 7 },
        { weekStart: '2027-01-11', units: 7 },
      ],
      pricing: 'per-face-day',
      grossRateFen: rate,
      commissionPercent: 15,
    });
    const tv = {
      lineId: 'L2',
      channel: 'tv',
      vendor: { vendorId: 'CQTV', name: 'Chongqing TV' },
      property: 'CQTV-1',
      market: 'Chongqing',
      dayparts: ['prime'],
      spotLengthSeconds: 15,
      flight: { start: '2027-01-25', end: '2027-02-07' },
      weeks: [
        { weekStart: '2027-01-25', units: 10 },
        { weekStart: '2027-02-01', units: 10 },
      ],
      pricing: 'per-spot',
      grossRateFen: 200_000,
      commissionPercent: 15,
      estimates: { grp: 40 },
    };
    let briefId: string;
    let planId: string;
    const plan = async () => {
      await h.settle(); // the view follows the log
      return (await planner().get(`/api/planning/media-plans/${planId}`)).body;
    };
    const hashOf = async (version: number) => (await plan()).versions.find((v: { version: number }) => v.version === version).contentHash as string;

    beforeAll(async () => {
      h.clock.set(new Date('2026-12-01T02:00:00Z'));
      // The operator's face is booked for the first week of January: planning learns it from the public feed.
      await h.as('mei', 'ops-manager').post('/api/operations/sites', {
        siteId: SITE,
        city: 'Chongqing',
        station: 'Chongqing North',
        location: 'Hall',
        kind: 'led-screen',
        faces: ['A', 'B'],
        landlordAuthority: 'CRM',
      });
      const creative = (await sales().upload(fakePhoto('creative'))).body.blobId;
      const booking = await sales().post('/api/operations/bookings', {
        advertiser: { name: 'Snow Beer' },
        faces: [{ siteId: SITE, face: 'A' }],
        period: { start: '2027-01-01', end: '2027-01-07' },
        amountFen: 1_000_000,
        currency: 'CNY',
        creative: { description: 'Spot', kind: 'video', files: [{ blobId: creative }] },
      });
      expect(booking.status).toBe(201);
      const brief = await am().post('/api/planning/briefs', {
        clientId,
        campaign: 'Winter 2027',
        objectives: ['Awareness in rail stations'],
        audience: { ageBands: ['25-34'], gender: 'all', regions: ['Chongqing'], habits: ['Commuters'] },
        markets: ['Chongqing'],
        budget: { amountFen: 3_000_000, currency: 'CNY' },
        period: { start: '2027-01-01', end: '2027-02-28' },
        research: { competitors: ['Snow Beer'], trends: [] },
        mandatoryItems: [],
      });
      expect(brief.status).toBe(201);
      briefId = brief.body.id;
      await h.settle();
    });

    it('records the client’s budget authorization with its PO and document', async () => {
      const requested = await am().post('/api/planning/budgets', {
        briefId,
        buckets: [
          { channel: 'outdoor', amountFen: 2_000_000 },
          { channel: 'tv', month: '2027-01', amountFen: 2_000_000 },
        ],
      });
      expect(requested.status).toBe(201);
      const noPo = await am().post(`/api/planning/budgets/${requested.body.id}/authorize`, { poReference: 'PO-7781', evidence: [] });
      expect([noPo.status, noPo.body.code]).toEqual([422, 'EVIDENCE_REQUIRED']);
      const outside = await am().post('/api/planning/budgets', { briefId, buckets: [{ channel: 'tv', month: '2027-06', amountFen: 1 }] });
      expect([outside.status, outside.body.code]).toEqual([422, 'MONTH_OUTSIDE_CAMPAIGN']);
      expect((await am().post(`/api/planning/budgets/${requested.body.id}/authorize`, { poReference: 'PO-7781', evidence: [evidence] })).body.status).toBe(
        'authorized',
      );
      await h.settle();
    });

    it('records an OOH line clashing with a booked face on the version, and refuses going over budget without an account director’s override', async () => {
      const created = await planner().post('/api/planning/media-plans', { briefId, name: 'Winter plan', lines: [ooh(), tv] });
      expect(created.status).toBe(201);
      planId = created.body.id;
      const over = await planner().post(`/api/planning/media-plans/${planId}/versions/1/submit`, {});
      expect([over.status, over.body.code, over.body.blockedBy?.[0]?.releasedBy]).toEqual([422, 'OVER_BUDGET', 'account-director']);
      expect((await mediaDirector().post(`/api/planning/media-plans/${planId}/versions/1/budget-override`, { reason: 'x' })).status).toBe(403);
      const override = await accountDirector().post(`/api/planning/media-plans/${planId}/versions/1/budget-override`, { reason: 'The client tops up in Q1' });
      expect(override.status).toBe(200);
      expect((await planner().post(`/api/planning/media-plans/${planId}/versions/1/submit`, {})).status).toBe(200);
      const v1 = (await plan()).versions[0];
      expect(v1).toMatchObject({
        status: 'submitted',
        contentHash: expect.stringMatching(/^[a-f0-9]{64}$/),
        budgetCheck: { over: true, authorizedFen: 4_000_000, briefBudgetFen: 3_000_000 },
      });
      expect(v1.availability).toMatchObject({
        result: 'clashing',
        clashes: [expect.objectContaining({ siteId: SITE, face: 'A', start: '2027-01-04', end: '2027-01-17', holdEnd: '2027-01-07' })],
      });
      expect(v1.totals).toMatchObject({
        netFen: 4_590_000,
        byChannel: { outdoor: 1_190_000, tv: 3_400_000 },
        byMonth: { '2027-01': 2_890_000, '2027-02': 1_700_000 },
      });
    });

    it('is approved only by a director who did not write the version, admin included, and bound to its content', async () => {
      const hash = await hashOf(1);
      const author = await h.as('chen', 'media-director').post(`/api/planning/media-plans/${planId}/versions/1/approve`, { contentHash: hash });
      expect([author.status, author.body.code]).toEqual([403, 'FOUR_EYES_VIOLATION']);
      expect((await h.as('root', 'admin').post(`/api/planning/media-plans/${planId}/versions/1/approve`, { contentHash: hash })).status).toBe(403);
      const wrong = await mediaDirector().post(`/api/planning/media-plans/${planId}/versions/1/approve`, { contentHash: 'f'.repeat(64) });
      expect([wrong.status, wrong.body.code]).toEqual([409, 'STALE_APPROVAL']);
      const returned = await mediaDirector().post(`/api/planning/media-plans/${planId}/versions/1/return`, {
        reasons: ['Move the OOH line off the booked week', 'Too much TV'],
      });
      expect(returned.body.status).toBe('returned');
    });

    it('keeps every version: a new draft from the returned one, the diff between them, a stale approval of the old one refused', async () => {
      expect((await planner().post(`/api/planning/media-plans/${planId}/versions`, { fromVersion: 1 })).status).toBe(200);
      const v2Lines = [
        {
          ...ooh(),
          flight: { start: '2027-01-11', end: '2027-01-24' },
          weeks: [
            { weekStart: '2027-01-11', units: 7 },
            { weekStart: '2027-01-18', units: 7 },
          ],
        },
      ];
      expect((await planner().put(`/api/planning/media-plans/${planId}/versions/2/lines`, { lines: v2Lines })).status).toBe(200);
      expect((await planner().post(`/api/planning/media-plans/${planId}/versions/2/submit`, {})).status).toBe(200);
      const diff = (await planner().get(`/api/planning/media-plans/${planId}/versions/1/diff/2`)).body;
      expect(diff.removed.map((l: { lineId: string }) => l.lineId)).toEqual(['L2']);
      expect(diff.changed).toEqual([
        expect.objectContaining({ lineId: 'L1', fields: expect.objectContaining({ flight: { from: ooh().flight, to: v2Lines[0].flight } }) }),
      ]);
      expect([diff.totals.before.netFen, diff.totals.after.netFen]).toEqual([4_590_000, 1_190_000]);
      const v2 = (await plan()).versions[1];
      expect(v2).toMatchObject({ parent: 1, status: 'submitted', availability: { result: 'free' }, budgetCheck: { over: false } });
      const stale = await mediaDirector().post(`/api/planning/media-plans/${planId}/versions/1/approve`, { contentHash: await hashOf(1) });
      expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_SUPERSEDED']);
      expect((await mediaDirector().post(`/api/planning/media-plans/${planId}/versions/2/approve`, { contentHash: await hashOf(2) })).body.status).toBe(
        'approved-internally',
      );
    });

    it('resolves rehearsal feedback with a later version, then the client rejects, a revision is approved with evidence and published', async () => {
      expect((await am().post(`/api/planning/media-plans/${planId}/versions/2/rehearsal`, { feedback: ['Add a weekend burst'] })).body.status).toBe(
        'rehearsed',
      );
      const open = await am().post(`/api/planning/media-plans/${planId}/versions/2/present`, {});
      expect([open.status, open.body.code]).toEqual([422, 'FEEDBACK_OPEN']);
      expect((await planner().post(`/api/planning/media-plans/${planId}/versions`, { fromVersion: 2, resolves: ['v2-1'] })).status).toBe(200);
      for (const [version, by] of [[3, mediaDirector]] as const) {
        expect((await planner().post(`/api/planning/media-plans/${planId}/versions/${version}/submit`, {})).status).toBe(200);
        expect((await by().post(`/api/planning/media-plans/${planId}/versions/${version}/approve`, { contentHash: await hashOf(version) })).status).toBe(200);
      }
      expect((await am().post(`/api/planning/media-plans/${planId}/versions/3/present`, {})).body.status).toBe('presented');
      const blocked = (await plan()).blockedBy;
      expect(blocked).toEqual([expect.objectContaining({ gate: 'client-decision', releasedBy: 'account-manager', onBehalfOf: 'Chongqing Beer Co.' })]);
      const rejected = await am().post(`/api/planning/media-plans/${planId}/versions/3/client-decision`, {
        outcome: 'rejected',
        contentHash: await hashOf(3),
        feedback: ['Start a week later'],
        evidence: [evidence],
      });
      expect(rejected.body.status).toBe('client-rejected');
      expect((await planner().post(`/api/planning/media-plans/${planId}/versions`, { fromVersion: 3 })).status).toBe(200);
      expect((await planner().post(`/api/planning/media-plans/${planId}/versions/4/submit`, {})).status).toBe(200);
      expect((await accountDirector().post(`/api/planning/media-plans/${planId}/versions/4/approve`, { contentHash: await hashOf(4) })).status).toBe(200);
      expect((await am().post(`/api/planning/media-plans/${planId}/versions/4/present`, {})).status).toBe(200);
      const noEvidence = await am().post(`/api/planning/media-plans/${planId}/versions/4/client-decision`, {
        outcome: 'approved',
        contentHash: await hashOf(4),
        evidence: [],
      });
      expect([noEvidence.status, noEvidence.body.code]).toEqual([422, 'EVIDENCE_REQUIRED']);
      const approved = await am().post(`/api/planning/media-plans/${planId}/versions/4/client-decision`, {
        outcome: 'approved',
        contentHash: await hashOf(4),
        evidence: [evidence],
      });
      expect(approved.body.status).toBe('client-approved');
      await h.settle();
      const final = await plan();
      expect(final).toMatchObject({ status: 'client-approved', approvedVersion: 4, blockedBy: [] });
      expect(final.versions.map((v: { version: number; parent: number | null; status: string }) => [v.version, v.parent, v.status])).toEqual([
        [1, null, 'returned'],
        [2, 1, 'rehearsed'],
        [3, 2, 'client-rejected'],
        [4, 3, 'client-approved'],
      ]);
      expect(final.feedback).toEqual([expect.objectContaining({ feedbackId: 'v2-1', resolvedByVersion: 3 })]);
      const report = (await am().get(`/api/planning/reports/client-campaigns?clientId=${clientId}`)).body;
      const rows = csvRecords(await am().get(`/api/planning/reports/client-campaigns.csv?clientId=${clientId}`));
      expect(rows.map((r) => r.brief_id)).toEqual(report.campaigns.map((c: { briefId: string }) => c.briefId));
      expect(rows.find((r) => r.brief_id === briefId)).toMatchObject({ campaign: 'Winter 2027', approved_net_fen: '1190000' });
      expect((await am().get('/api/planning/reports/client-campaigns.xlsx?clientId=nobody')).status).toBe(404);
      expect([...(await workbookSheets(await am().get(`/api/planning/reports/client-campaigns.xlsx?clientId=${clientId}`))).values()][0]).toHaveLength(
        rows.length,
      );
      expect(report.campaigns).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            briefId,
            campaign: 'Winter 2027',
            budgetFen: 3_000_000,
            authorizedFen: 4_000_000,
            plans: [expect.objectContaining({ planId, status: 'client-approved', approvedVersion: 4 })],
            approved: { netFen: 1_190_000, grossFen: 1_400_000, byChannel: { outdoor: 1_190_000 }, byMonth: { '2027-01': 1_190_000 } },
          }),
        ]),
      );
      const frozen = await planner().put(`/api/planning/media-plans/${planId}/versions/4/lines`, { lines: [] });
      expect([frozen.status, frozen.body.code]).toEqual([422, 'VERSION_FROZEN']);
      const published = await h.platform.infra.bus.deadLetters();
      expect(published).toEqual([]);
    });

    it('refuses lines that do not hold together, and unknown versions, with the field or the code', async () => {
      const notMonday = await planner().post('/api/planning/media-plans', {
        briefId,
        name: 'x',
        lines: [{ ...ooh(), weeks: [{ weekStart: '2027-01-05', units: 1 }] }],
      });
      expect([notMonday.status, notMonday.body.code]).toEqual([422, 'WEEK_NOT_MONDAY']);
      const badChannel = await planner().post('/api/planning/media-plans', { briefId, name: 'x', lines: [{ ...ooh(), channel: 'billboard' }] });
      expect([badChannel.status, badChannel.body.errors[0].field]).toEqual([400, 'lines.0.channel']);
      const money = await planner().post('/api/planning/media-plans', { briefId, name: 'x', lines: [{ ...ooh(), grossRateFen: 1e21 }] });
      expect([money.status, money.body.errors[0].field]).toEqual([400, 'lines.0.grossRateFen']);
      expect((await planner().get(`/api/planning/media-plans/${planId}/versions/1/diff/99`)).body.code).toBe('VERSION_NOT_FOUND');
      expect((await planner().get(`/api/planning/media-plans/${planId}/versions/x/diff/1`)).status).toBe(404);
      const draft = (await planner().post('/api/planning/media-plans', { briefId, name: 'Draft only', lines: [tv] })).body.id;
      const notReady = await am().post(`/api/planning/media-plans/${draft}/versions/1/rehearsal`, { feedback: ['x'] });
      expect([notReady.status, notReady.body.code]).toEqual([422, 'VERSION_NOT_READY']);
    });
  });
});
