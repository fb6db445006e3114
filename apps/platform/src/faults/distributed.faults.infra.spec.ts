import { newId } from '@ooh/eventing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, bookingAwaitingPayment, eventually } from '../testing/api-client';
import { TcpFaultProxy } from '../testing/faults/tcp-fault-proxy';
import { freePort } from '../testing/platform-process';
import { SERVICE_MAINS, ServiceProcess } from '../testing/service-process';

const brokers = process.env.KAFKA_BROKERS;
const mongoUrl = process.env.MONGO_URL;
const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_MS ?? 30_000);

/**
 * Faults of the distributed topology (case numbers of the fault suite): the read database down under
 * load (6), a consumer paused past its session timeout (4), a crash between a projection write and
 * its checkpoint on a store without transactions (8). FerretDB sits behind a TCP fault proxy.
 */
if (!brokers || !mongoUrl) {
  process.stderr.write('SKIPPED: distributed fault cases — set KAFKA_BROKERS and MONGO_URL (npm run test:infra starts both)\n');
  describe.skip('distributed faults (KAFKA_BROKERS or MONGO_URL not set)', () => it('needs Kafka and MongoDB', () => undefined));
} else {
  jest.setTimeout(OUTAGE_MS + 180_000);

  describe('faults on Kafka and the MongoDB-wire database', () => {
    const run = newId().replace(/-/g, '').slice(-12);
    const secret = `fault-test-secret-${run}-0123456789abcdef0123`;
    const mongo = new URL(mongoUrl);
    const proxy = new TcpFaultProxy({ target: { host: mongo.hostname, port: Number(mongo.port || 27017) } });
    const siteId = `FLT-${run.toUpperCase()}`;
    let operations: ServiceProcess;
    let financeA: ServiceProcess;
    let financeB: ServiceProcess;
    const ops = new ApiClient(() => operations.url, secret);
    const fin = (p: () => ServiceProcess) => new ApiClient(() => p().url, secret);
    let month = 0;
    const nextPeriod = () => {
      month += 1;
      return { start: `2029-${String(month).padStart(2, '0')}-01`, end: `2029-${String(month).padStart(2, '0')}-20` };
    };
    const finDir = mkdtempSync(join(tmpdir(), 'fault-fin-'));
    const env = (service: string, mongoAt: string) => ({
      JWT_SECRET: secret,
      MESSAGE_BUS: 'kafka',
      READ_STORE: 'mongodb',
      KAFKA_BROKERS: brokers,
      KAFKA_NAMESPACE: `flt${run}.`,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      MONGO_URL: mongoAt,
      MONGO_DB: `flt${run}_${service}`,
      RATE_LIMIT_PER_MINUTE: '0',
    });
    const receivablesFor = async (ids: string[]) => {
      const items = (
        await fin(() => financeA)
          .as('fang', 'finance')
          .get('/api/finance/receivables?limit=200')
      ).body.items as Array<{ receivableId: string; source: { id: string } }>;
      return items.filter((r) => ids.includes(r.source.id));
    };
    const logs = () =>
      `--- operations ---\n${operations.output.slice(-3000)}\n--- finance A ---\n${financeA.output.slice(-3000)}\n--- finance B ---\n${financeB.output.slice(-3000)}`;

    beforeAll(async () => {
      const { port } = await proxy.start();
      const viaProxy = `mongodb://127.0.0.1:${port}/`;
      operations = new ServiceProcess('operations', SERVICE_MAINS.operations, await freePort(), {
        ...env('operations', mongoUrl),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'fault-ops-')),
      });
      financeA = new ServiceProcess('finance-a', SERVICE_MAINS.finance, await freePort(), { ...env('finance', viaProxy), DATA_DIR: finDir });
      financeB = new ServiceProcess('finance-b', SERVICE_MAINS.finance, await freePort(), { ...env('finance', viaProxy), DATA_DIR: finDir });
      await Promise.all([operations.start(), financeA.start(), financeB.start()]);
      const site = await ops.as('mei', 'ops-manager').post('/api/operations/sites', {
        siteId,
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
      await Promise.all([operations, financeA, financeB].filter(Boolean).map((s) => s.stop('SIGKILL')));
      await proxy.stop();
    });

    it(`case 6: the read database down for ${OUTAGE_MS / 1000} s under load: not ready but alive, nothing dead-lettered, the backlog drains, nothing lost`, async () => {
      await proxy.refuse();
      const ids: string[] = [];
      const started = Date.now();
      try {
        await eventually('finance to report not ready', async () => (await fetch(`${financeA.url}/health/ready`)).status === 503, 15_000, logs);
        expect((await fetch(`${financeA.url}/health/live`)).status).toBe(200);
        const ready = (await (await fetch(`${financeB.url}/health/ready`)).json()) as { checks: Record<string, string> };
        expect(ready.checks.readStore).toMatch(/^down/);
        // Operations keeps taking commands; its payment requests pile up on Kafka for finance.
        for (const face of ['A', 'B', 'C']) ids.push(await bookingAwaitingPayment(ops, siteId, face, nextPeriod(), 500_000 + ids.length));
        await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - started))));
        expect((await fetch(`${financeA.url}/health/live`)).status).toBe(200);
      } finally {
        await proxy.pass();
      }
      await eventually('finance ready again', async () => (await fetch(`${financeA.url}/health/ready`)).status === 200, 30_000, logs);
      await eventually('every receivable after the outage', async () => (await receivablesFor(ids)).length === ids.length, 90_000, logs);
      expect(await receivablesFor(ids)).toHaveLength(ids.length);
      const dead = await fin(() => financeA)
        .as('root', 'admin')
        .get('/api/admin/dead-letters');
      expect(dead.body.items).toEqual([]);
    });

    it('case 4: a consumer paused past its session timeout, then resumed: its stale work is harmless, no effect doubled', async () => {
      const ids: string[] = [];
      financeB.child!.kill('SIGSTOP');
      try {
        for (const face of ['A', 'B', 'C']) ids.push(await bookingAwaitingPayment(ops, siteId, face, nextPeriod(), 600_000 + ids.length));
        // Past the 6 s session timeout: the group rebalances to finance A.
        await new Promise((r) => setTimeout(r, 9_000));
      } finally {
        financeB.child!.kill('SIGCONT');
      }
      await eventually('every receivable', async () => (await receivablesFor(ids)).length === ids.length, 60_000, logs);
      for (const face of ['A', 'B']) ids.push(await bookingAwaitingPayment(ops, siteId, face, nextPeriod(), 600_000 + ids.length));
      await eventually('the receivables after the resume', async () => (await receivablesFor(ids)).length === ids.length, 60_000, logs);
      await new Promise((r) => setTimeout(r, 2_000));
      const opened = await receivablesFor(ids);
      expect(opened).toHaveLength(ids.length);
      for (const r of opened) {
        const history = (
          await fin(() => financeB)
            .as('fang', 'finance')
            .get(`/api/finance/receivables/${r.receivableId}/history`)
        ).body.items as Array<{ type: string }>;
        expect(history.filter((e) => e.type === 'ReceivableOpened')).toHaveLength(1);
      }
      expect((await fetch(`${financeB.url}/health/ready`)).status).toBe(200);
    });

    it('case 8: killed between a projection write and its checkpoint on MongoDB: the totals are not doubled', async () => {
      const id = await bookingAwaitingPayment(ops, siteId, 'C', nextPeriod(), 900_000);
      const [receivable] = await eventually(
        'the receivable',
        async () => {
          const found = await receivablesFor([id]);
          return found.length === 1 && found;
        },
        60_000,
        logs,
      );
      await financeB.stop('SIGTERM');
      await financeA.stop('SIGTERM');
      financeA = new ServiceProcess('finance-a', SERVICE_MAINS.finance, financeA.port, { ...financeA.env, OOH_CRASH_POINT: 'after-projection-write' });
      await financeA.start();
      // The answer may or may not make it out before the projection's batch kills the process.
      const paid = await fin(() => financeA)
        .as('fang', 'finance')
        .post(`/api/finance/receivables/${receivable.receivableId}/payments`, {
          amountFen: 900_000,
          currency: 'CNY',
          reference: 'FLT-8',
          receivedOn: '2026-11-25',
        })
        .catch(() => undefined);
      if (paid) expect(paid.status).toBe(201);
      await eventually('the crash point', async () => !financeA.running, 30_000, logs);
      expect(financeA.output).toContain('crash point after-projection-write reached');
      financeA = new ServiceProcess('finance-a', SERVICE_MAINS.finance, financeA.port, { ...financeA.env, OOH_CRASH_POINT: '' });
      await Promise.all([financeA.start(), financeB.start()]);
      const view = await eventually(
        'the settled receivable',
        async () => {
          const r = (
            await fin(() => financeA)
              .as('fang', 'finance')
              .get(`/api/finance/receivables/${receivable.receivableId}`)
          ).body;
          return r.status === 'settled' && r;
        },
        60_000,
        logs,
      );
      expect(view).toMatchObject({ paidTotalFen: 900_000, outstandingFen: 0 });
      expect(view.payments).toHaveLength(1);
      await eventually(
        'the booking paid',
        async () => (await ops.as('xiao', 'sales').get(`/api/operations/bookings/${id}`)).body.status === 'paid',
        60_000,
        logs,
      );
    });
  });
}
