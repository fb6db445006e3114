import { newId } from '@ooh/eventing';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, bookingAwaitingPayment, eventually } from './testing/api-client';
import { freePort } from './testing/platform-process';
import { SERVICE_MAINS, ServiceProcess } from './testing/service-process';

const brokers = process.env.KAFKA_BROKERS;
const mongoUrl = process.env.MONGO_URL;
/** The operator's date (the services run with TIME_ZONE=Asia/Shanghai). */
const operatorToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * Each service as its own OS process: operations once, finance as two replicas sharing one consumer
 * group; they talk only over Kafka and project into the MongoDB-wire database. The booking payment
 * flow runs through the HTTP APIs while operations is killed with SIGKILL and restarted.
 */
if (!brokers || !mongoUrl) {
  process.stderr.write('SKIPPED: distributed end-to-end run — set KAFKA_BROKERS and MONGO_URL (npm run test:infra starts both)\n');
  describe.skip('distributed services (KAFKA_BROKERS or MONGO_URL not set)', () => it('needs Kafka and MongoDB', () => undefined));
} else {
  jest.setTimeout(240_000);

  describe('services as processes over Kafka and MongoDB', () => {
    const run = newId().replace(/-/g, '').slice(-12);
    const secret = `distributed-test-secret-${run}-0123456789abcdef`;
    const shared = {
      JWT_SECRET: secret,
      MESSAGE_BUS: 'kafka',
      READ_STORE: 'mongodb',
      KAFKA_BROKERS: brokers,
      KAFKA_NAMESPACE: `e2e${run}.`,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      MONGO_URL: mongoUrl,
      // EventStoreDB when one is reachable; otherwise each service keeps its own SQLite event store.
      ...(process.env.ESDB_URL ? { EVENT_STORE: 'eventstoredb', ESDB_URL: process.env.ESDB_URL } : {}),
      RATE_LIMIT_PER_MINUTE: '0',
      TIME_ZONE: 'Asia/Shanghai',
    };
    const opsDir = mkdtempSync(join(tmpdir(), 'ops-'));
    const finDir = mkdtempSync(join(tmpdir(), 'fin-'));
    let operations: ServiceProcess;
    let financeA: ServiceProcess;
    let financeB: ServiceProcess;
    let planning: ServiceProcess;
    let buying: ServiceProcess;
    let production: ServiceProcess;
    let reporting: ServiceProcess;

    const api = (service: () => ServiceProcess) => new ApiClient(() => service().url, secret);
    const ops = (user: string, role: string) => api(() => operations).as(user, role);
    const fin = (service: ServiceProcess, user = 'fang', role = 'finance') => api(() => service).as(user, role);
    const logs = () =>
      `--- operations ---\n${operations.output.slice(-3000)}\n--- finance A ---\n${financeA.output.slice(-2000)}\n--- finance B ---\n${financeB.output.slice(-2000)}`;
    const bookingFor = (face: string, month: string, amountFen: number) =>
      bookingAwaitingPayment(
        api(() => operations),
        `DIST-${run.toUpperCase()}`,
        face,
        { start: `2027-${month}-01`, end: `2027-${month}-20` },
        amountFen,
      );

    const receivables = async () =>
      (await fin(financeA).get('/api/finance/receivables?limit=200')).body.items as Array<{ receivableId: string; source: { id: string }; amountFen: number }>;

    beforeAll(async () => {
      const [p1, p2, p3, p4, p5, p6, p7] = [
        await freePort(),
        await freePort(),
        await freePort(),
        await freePort(),
        await freePort(),
        await freePort(),
        await freePort(),
      ];
      operations = new ServiceProcess('operations', SERVICE_MAINS.operations, p1, { ...shared, DATA_DIR: opsDir, MONGO_DB: `e2e${run}_operations` });
      financeA = new ServiceProcess('finance-a', SERVICE_MAINS.finance, p2, { ...shared, DATA_DIR: finDir, MONGO_DB: `e2e${run}_finance` });
      financeB = new ServiceProcess('finance-b', SERVICE_MAINS.finance, p3, { ...shared, DATA_DIR: finDir, MONGO_DB: `e2e${run}_finance` });
      planning = new ServiceProcess('planning', SERVICE_MAINS.planning, p4, {
        ...shared,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'plan-')),
        MONGO_DB: `e2e${run}_planning`,
      });
      buying = new ServiceProcess('buying', SERVICE_MAINS.buying, p5, {
        ...shared,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'buy-')),
        MONGO_DB: `e2e${run}_buying`,
      });
      production = new ServiceProcess('production', SERVICE_MAINS.production, p6, {
        ...shared,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'prod-')),
        MONGO_DB: `e2e${run}_production`,
      });
      reporting = new ServiceProcess('reporting', SERVICE_MAINS.reporting, p7, {
        ...shared,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'rep-')),
        MONGO_DB: `e2e${run}_reporting`,
      });
      // Seven processes, each booting its request and its subscriptions thread, on two cores: up to 90 s.
      await Promise.all([operations, financeA, financeB, planning, buying, production, reporting].map((p) => p.start('/health/ready', 90_000)));
      const site = await ops('mei', 'ops-manager').post('/api/operations/sites', {
        siteId: `DIST-${run.toUpperCase()}`,
        city: 'Chongqing',
        station: 'North',
        location: 'Hall',
        kind: 'led-screen',
        faces: ['A', 'B', 'C'],
        landlordAuthority: 'CRM',
      });
      expect(site.status).toBe(201);
    });

    afterAll(async () => {
      await Promise.all([operations, financeA, financeB, planning, buying, production, reporting].filter(Boolean).map((s) => s.stop('SIGTERM')));
    });

    it('refuses to start on shared infrastructure with the public development secret', async () => {
      const unsafe = new ServiceProcess('unsafe', SERVICE_MAINS.finance, await freePort(), {
        ...shared,
        JWT_SECRET: '',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'unsafe-')),
      });
      await expect(unsafe.start('/health/live', 15_000)).rejects.toThrow(/exited with 1/);
      expect(unsafe.output).toContain('JWT_SECRET');
    });

    it('reports readiness per dependency on every process', async () => {
      for (const service of [operations, financeA, financeB, planning, buying, production, reporting]) {
        const ready = await fetch(`${service.url}/health/ready`);
        expect(ready.status).toBe(200);
        expect((await ready.json()) as object).toMatchObject({ ready: true, checks: { eventStore: 'up', readStore: 'up', broker: 'up' } });
      }
    });

    const bookings: Array<{ id: string; amountFen: number }> = [];

    it('opens exactly one receivable per payment request, though operations is killed mid-flow', async () => {
      for (const [face, month] of [
        ['A', '01'],
        ['B', '01'],
        ['C', '01'],
      ] as const)
        bookings.push({ id: await bookingFor(face, month, 1_000_000 + bookings.length), amountFen: 1_000_000 + bookings.length });
      // Killed right after its last command: the relay may not have published yet.
      expect(await operations.stop('SIGKILL')).toBe('SIGKILL');
      await operations.start();
      for (const [face, month] of [
        ['A', '02'],
        ['B', '02'],
        ['C', '02'],
      ] as const)
        bookings.push({ id: await bookingFor(face, month, 1_000_000 + bookings.length), amountFen: 1_000_000 + bookings.length });

      const opened = await eventually(
        'a receivable for every booking',
        async () => {
          const list = await receivables();
          return bookings.every((b) => list.some((r) => r.source.id === b.id)) && list;
        },
        60_000,
        logs,
      );
      expect(opened).toHaveLength(bookings.length);
      for (const b of bookings) expect(opened.find((r) => r.source.id === b.id)!.amountFen).toBe(b.amountFen);
      // Each receivable's stream holds one ReceivableOpened, whichever replica handled the request.
      for (const r of opened) {
        const history = (await fin(financeB).get(`/api/finance/receivables/${r.receivableId}/history`)).body.items as Array<{ type: string }>;
        expect(history.filter((e) => e.type === 'ReceivableOpened')).toHaveLength(1);
      }
    });

    it('shares one consumer group between the two finance replicas', async () => {
      const kafka = new Kafka({ clientId: 'e2e-inspector', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      try {
        // A group may be rebalancing when it is looked at (a replica just joined or a restart just settled): wait for it to be stable.
        const shared = await eventually(
          'the finance consumer group stable with both replicas',
          async () => {
            const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(`e2e${run}.`));
            const found = (await admin.describeGroups(groups)).groups.filter((g) => g.members.length === 2 && g.state === 'Stable');
            return found.some((g) => g.groupId.endsWith('finance.booking-payment-requests')) && found;
          },
          30_000,
          logs,
        );
        // The finance consumer group has a member in each replica, and the partitions are split between them.
        expect(shared.length).toBeGreaterThanOrEqual(1);
        const finance = shared.find((g) => g.groupId.endsWith('finance.booking-payment-requests'))!;
        expect(finance).toBeDefined();
        // Each replica owns part of the partitions: the work is split, not duplicated.
        for (const member of finance.members) {
          const owned = Object.values(AssignerProtocol.MemberAssignment.decode(member.memberAssignment)!.assignment).flat();
          expect(owned.length).toBeGreaterThanOrEqual(1);
        }
      } finally {
        await admin.disconnect();
      }
    });

    it('opens the posting gate exactly once per settled receivable, though operations is killed while payments arrive', async () => {
      const list = await receivables();
      const payFor = async (b: { id: string; amountFen: number }, replica: ServiceProcess) => {
        const r = list.find((x) => x.source.id === b.id)!;
        const paid = await fin(replica).post(`/api/finance/receivables/${r.receivableId}/payments`, {
          amountFen: b.amountFen,
          currency: 'CNY',
          reference: `PAY-${b.id.slice(-6)}`,
          receivedOn: '2026-11-25',
        });
        expect(paid.status).toBe(201);
        expect(paid.body.events).toEqual(['PaymentRecorded', 'ReceivableSettled']);
      };
      await payFor(bookings[0], financeA);
      await payFor(bookings[1], financeB);
      expect(await operations.stop('SIGKILL')).toBe('SIGKILL');
      for (const [i, b] of bookings.slice(2).entries()) await payFor(b, i % 2 ? financeA : financeB);
      await operations.start();

      for (const b of bookings) {
        await eventually(
          `booking ${b.id} paid`,
          async () => (await ops('xiao', 'sales').get(`/api/operations/bookings/${b.id}`)).body.status === 'paid',
          60_000,
          logs,
        );
      }
      // Give any redelivery a moment to show up as a doubled effect, then count.
      await new Promise((r) => setTimeout(r, 1500));
      for (const b of bookings) {
        const history = (await ops('xiao', 'sales').get(`/api/operations/bookings/${b.id}/history`)).body.items as Array<{ type: string }>;
        expect(history.filter((e) => e.type === 'PaymentRequested')).toHaveLength(1);
        expect(history.filter((e) => e.type === 'PaymentConfirmed')).toHaveLength(1);
      }
      const schedule = await ops('mei', 'ops-manager').post(`/api/operations/bookings/${bookings[0].id}/propose-schedule`, {
        postingDate: '2027-01-01',
        production: 'video-by-design',
      });
      expect(schedule.body.status).toBe('schedule-proposed');
    });

    it('shows planning the faces operations booked, through Kafka: an OOH line on a booked face is submitted with the clash recorded', async () => {
      const plan = (user: string, role: string) => api(() => planning).as(user, role);
      const client = await plan('wang', 'account-manager').post('/api/planning/clients', { name: `Client ${run}`, industry: 'beverages', contacts: [] });
      expect(client.status).toBe(201);
      const brief = await plan('wang', 'account-manager').post('/api/planning/briefs', {
        clientId: client.body.id,
        campaign: 'Winter',
        objectives: ['Awareness'],
        audience: { ageBands: [], gender: 'all', regions: [], habits: [] },
        markets: ['Chongqing'],
        budget: { amountFen: 100_000_000, currency: 'CNY' },
        period: { start: '2027-01-01', end: '2027-02-28' },
        research: { competitors: [], trends: [] },
        mandatoryItems: [],
      });
      expect(brief.status).toBe(201);
      const line = {
        lineId: 'L1',
        channel: 'outdoor',
        vendor: { vendorId: 'OP', name: 'Rail Media' },
        property: 'North',
        faces: [{ siteId: `DIST-${run.toUpperCase()}`, face: 'A' }],
        market: 'Chongqing',
        flight: { start: '2027-01-04', end: '2027-01-10' },
        weeks: [],
        pricing: 'per-face-day',
        grossRateFen: 10_000,
        commissionPercent: 15,
      };
      // Planning learns of holds asynchronously: a plan submitted before the feed arrived shows the face free; try again.
      const submitted = await eventually(
        'a submitted version recording the clash',
        async () => {
          const created = await plan('chen', 'media-manager').post('/api/planning/media-plans', { briefId: brief.body.id, name: 'Plan', lines: [line] });
          if (created.status !== 201) return false;
          await plan('chen', 'media-manager').post(`/api/planning/media-plans/${created.body.id}/versions/1/submit`, {});
          const view = await eventually('the plan view', async () => {
            const got = await plan('chen', 'media-manager').get(`/api/planning/media-plans/${created.body.id}`);
            return got.status === 200 && got.body.versions[0].status === 'submitted' && got.body;
          });
          return view.versions[0].availability.result === 'clashing' && view.versions[0].availability;
        },
        60_000,
        () => `--- planning ---\n${planning.output.slice(-3000)}`,
      );
      expect(submitted.clashes.map((c: { bookingId: string }) => c.bookingId)).toContain(bookings[0].id);
    });

    it('opens a receivable in finance per milestone of a contract signed in buying, and shows buying what was collected, through Kafka', async () => {
      const buy = (user: string, role: string) => api(() => buying).as(user, role);
      const pdf = await buy('wang', 'account-manager').upload(Buffer.from('%PDF-1.4\n% signed\n%%EOF', 'latin1'), 'application/pdf');
      // The operator's date (Asia/Shanghai), not UTC's: from 16:00 UTC on, UTC's date is the operator's yesterday.
      const today = operatorToday();
      const drafted = await buy('wang', 'account-manager').post('/api/buying/client-contracts', {
        clientId: `C-${run}`,
        clientName: 'Chongqing Beer Co.',
        campaign: 'Winter',
        currency: 'CNY',
        valueFen: 1_000_000,
        milestones: [
          { kind: 'prepayment', percent: 40, dueDate: '2027-01-15' },
          { kind: 'balance', percent: 60, dueDate: '2027-03-31' },
        ],
        scope: 'TV buying',
      });
      expect(drafted.status).toBe(201);
      const id = drafted.body.id;
      expect((await buy('wang', 'account-manager').post(`/api/buying/client-contracts/${id}/submit`, {})).status).toBe(200);
      expect((await buy('lee', 'account-director').post(`/api/buying/client-contracts/${id}/approve`, { revision: 1 })).status).toBe(200);
      const signed = await buy('wang', 'account-manager').post(`/api/buying/client-contracts/${id}/signature`, {
        revision: 1,
        signedOn: today,
        signatory: 'Ms Liu',
        evidence: [{ blobId: pdf }],
      });
      expect(signed.body.status).toBe('signed');
      const opened = await eventually(
        'two receivables of the contract',
        async () => {
          const mine = (await receivables()).filter((r) => r.source.id === id);
          return mine.length === 2 && mine;
        },
        60_000,
        () => `--- buying ---\n${buying.output.slice(-3000)}\n${logs()}`,
      );
      expect(opened.map((r) => r.amountFen).sort((a, b) => a - b)).toEqual([400_000, 600_000]);
      const prepayment = opened.find((r) => r.amountFen === 400_000)!;
      const paid = await fin(financeB).post(`/api/finance/receivables/${prepayment.receivableId}/payments`, {
        amountFen: 400_000,
        currency: 'CNY',
        reference: `BANK-${run}`,
        receivedOn: today,
      });
      expect(paid.status).toBe(201);
      await eventually(
        'the collection recorded on the contract',
        async () => (await buy('wang', 'account-manager').get(`/api/buying/client-contracts/${id}`)).body.collectedFen === 400_000,
        60_000,
        () => `--- buying ---\n${buying.output.slice(-3000)}`,
      );
      // Reporting heard both services: the contract's value from buying, the collection from finance.
      const ledger = await eventually(
        'the contract’s ledger in reporting',
        async () => {
          const res = await api(() => reporting)
            .as('boss', 'executive')
            .get(`/api/reporting/ledgers/${encodeURIComponent(`client-contract:${id}`)}`);
          const facts = (res.body.facts ?? []) as Array<{ measure: string; amount: number }>;
          return facts.some((f) => f.measure === 'collected') && facts;
        },
        60_000,
        () => `--- reporting ---\n${reporting.output.slice(-3000)}`,
      );
      expect(ledger.map((f) => [f.measure, f.amount]).sort()).toEqual([
        ['collected', 400_000],
        ['contracted', 1_000_000],
      ]);
    });

    it('invites a printer buying registered, and holds a print job at its prepayment gate until finance settles it, through Kafka', async () => {
      const prod = (user: string, role: string) => api(() => production).as(user, role);
      const am = prod('wang', 'account-manager');
      // The operator's date (Asia/Shanghai), not UTC's: from 16:00 UTC on, UTC's date is the operator's yesterday.
      const today = operatorToday();
      const printer = await api(() => buying)
        .as('chen', 'media-manager')
        .post('/api/buying/vendors', {
          name: `Golden Press ${run}`,
          kind: 'printer',
          contacts: [],
          payee: { accountName: 'Golden Press', bank: 'ICBC', accountNumber: '2' },
          terms: { prepaymentPercent: 30, balanceDaysAfterAiring: 30 },
        });
      expect(printer.status).toBe(201);
      const neededBy = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const opened = await am.post('/api/production/print-jobs', {
        client: { clientId: `C-${run}`, name: 'Chongqing Beer Co.' },
        title: 'Posters',
        currency: 'CNY',
        neededBy,
      });
      expect(opened.status).toBe(201);
      const jobId = opened.body.id as string;
      const proof = Buffer.from(`%PDF-1.4\n% proof ${run}\n%%EOF`, 'latin1');
      const blobId = await am.upload(proof, 'application/pdf');
      expect((await am.post(`/api/production/print-jobs/${jobId}/proofs`, { file: { blobId } })).status).toBe(200);
      const sha256 = createHash('sha256').update(proof).digest('hex');
      const spec = { proofNo: 1, sha256, quantity: 5000, material: '157g coated', tolerancePercent: 2, evidence: [{ blobId }] };
      expect((await am.post(`/api/production/print-jobs/${jobId}/proof-signature`, spec)).status).toBe(200);
      // Production learns of the printer from buying's feed: until then it is unknown.
      const request = await eventually(
        'the printer known to production',
        async () => {
          const res = await am.post('/api/production/bid-requests', {
            jobKind: 'print',
            jobId,
            spec: '5000 A1',
            invited: [printer.body.id],
            responseDue: today,
          });
          return res.status === 201 && res.body.id;
        },
        60_000,
        () => `--- production ---\n${production.output.slice(-3000)}`,
      );
      const bid = await am.post(`/api/production/bid-requests/${request}/bids`, {
        vendorId: printer.body.id,
        lines: [{ category: 'printing', amountFen: 80_000 }],
        validUntil: neededBy,
        evidence: [{ blobId }],
      });
      expect(bid.status).toBe(201);
      const award = await am.post(`/api/production/bid-requests/${request}/award`, { bidId: bid.body.id, reasonForFewerBids: 'Only press free this month' });
      expect(award.status).toBe(200);
      expect((await am.post(`/api/production/print-jobs/${jobId}/printer`, { requestId: request })).status).toBe(200);
      expect((await am.post(`/api/production/print-jobs/${jobId}/client-contract`, { valueFen: 120_000, terms: '5000 A1' })).status).toBe(200);
      expect((await prod('lee', 'account-director').post(`/api/production/print-jobs/${jobId}/client-contract/review`, { decision: 'approve' })).status).toBe(
        200,
      );
      const signed = await am.post(`/api/production/print-jobs/${jobId}/client-contract/signature`, {
        signedOn: today,
        signatory: 'Ms Liu',
        evidence: [{ blobId }],
        prepaymentPercent: 50,
      });
      expect(signed.body.status).toBe('awaiting-prepayment');
      const gated = await am.post(`/api/production/print-jobs/${jobId}/printer-contract`, { terms: 'Print 5000' });
      expect([gated.status, gated.body.code]).toEqual([422, 'PREPAYMENT_NOT_RECEIVED']);
      const receivable = await eventually(
        'the print prepayment receivable',
        async () => (await receivables()).find((r) => r.source.id === jobId),
        60_000,
        () => `--- production ---\n${production.output.slice(-3000)}\n${logs()}`,
      );
      expect(receivable.amountFen).toBe(60_000);
      const paid = await fin(financeA).post(`/api/finance/receivables/${receivable.receivableId}/payments`, {
        amountFen: 60_000,
        currency: 'CNY',
        reference: `PRINT-${run}`,
        receivedOn: today,
      });
      expect(paid.status).toBe(201);
      await eventually(
        'the print job past its prepayment gate',
        async () => (await am.get(`/api/production/print-jobs/${jobId}`)).body.status === 'printer-contract',
        60_000,
        () => `--- production ---\n${production.output.slice(-3000)}`,
      );
      expect((await am.post(`/api/production/print-jobs/${jobId}/printer-contract`, { terms: 'Print 5000' })).status).toBe(200);
    });
  });
}
