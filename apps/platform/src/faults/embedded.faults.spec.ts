import { DEV_JWT_SECRET } from '@ooh/http-kit';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, bookingAwaitingPayment, eventually } from '../testing/api-client';
import { bookingsFromLog, effectLedger, publishedMessageIds, readLog, receivablesFromLog } from '../testing/oracle';
import { freePort } from '../testing/platform-process';
import { SERVICE_MAINS, ServiceProcess } from '../testing/service-process';

jest.setTimeout(120_000);

/** Effects that follow from a message or an event: each must happen once per cause. */
const EFFECTS = ['ReceivableOpened', 'PaymentConfirmed', 'PayableRequested', 'FaultOpened'];

/**
 * Faults on the embedded runtime: the built platform as an OS process, killed at named crash points
 * (OOH_CRASH_POINT), restarted, and compared with the oracle (the log folded by the deciders, and the
 * effect ledger).
 */
describe('fault tolerance of the embedded platform', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'faults-'));
  const api = new ApiClient(() => platform.url, DEV_JWT_SECRET);
  let port: number;
  let platform: ServiceProcess;
  const siteId = 'FAULT-LED-01';
  let month = 0;
  const nextPeriod = () => {
    month += 1;
    const y = 2027 + Math.floor((month - 1) / 12);
    const m = String(((month - 1) % 12) + 1).padStart(2, '0');
    return { start: `${y}-${m}-01`, end: `${y}-${m}-20` };
  };

  const start = async (env: Record<string, string> = {}, waitUntilReady = true) => {
    // Info-level logs: a start that does not become ready shows how far it got.
    platform = new ServiceProcess('platform', SERVICE_MAINS.platform, port, { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info', ...env });
    await platform.start(waitUntilReady ? '/health/ready' : null);
  };
  /** Stops only once everything the last requests set off in the background (relays, consumers, the work queue) is done. */
  const stopWhenCaughtUp = async () => {
    await eventually('the platform caught up', async () => ((await (await fetch(`${platform.url}/health`)).json()) as { caughtUp: boolean }).caughtUp, 30_000);
    await platform.stop('SIGTERM');
  };
  const waitForExit = async () =>
    eventually(
      'the platform to die at its crash point',
      async () => !platform.running,
      30_000,
      () => platform.output,
    );
  const log = () => readLog(join(dataDir, 'events.db'));
  const receivables = async () => (await api.as('fang', 'finance').get('/api/finance/receivables?limit=200')).body.items as Array<Record<string, any>>;
  const bookingStatus = async (id: string) => (await api.as('xiao', 'sales').get(`/api/operations/bookings/${id}`)).body.status as string;

  /** The oracle: no doubled effect, every integration event published, read models equal to the fold of the log. */
  async function expectAgreesWithLog() {
    const events = log();
    expect(effectLedger(events, EFFECTS).doubled).toEqual([]);
    const published = publishedMessageIds(join(dataDir, 'bus.db'));
    const integration = events.filter((e) => ['PaymentRequested', 'ReceivableSettled'].includes(e.type));
    expect(integration.filter((e) => !published.has(e.eventId)).map((e) => `${e.type} ${e.eventId}`)).toEqual([]);
    const listed = await receivables();
    const folded = receivablesFromLog(events);
    expect(listed.map((r) => [r.receivableId, r.status, r.paidTotalFen, r.amountFen]).sort()).toEqual(
      folded.map((r) => [r.receivableId, r.status, r.paidTotalFen, r.amountFen]).sort(),
    );
    for (const booking of bookingsFromLog(events)) expect(await bookingStatus(booking.bookingId)).toBe(booking.status);
  }

  beforeAll(async () => {
    port = await freePort();
    await start();
    const site = await api.as('mei', 'ops-manager').post('/api/operations/sites', {
      siteId,
      city: 'Chongqing',
      station: 'North',
      location: 'Hall',
      kind: 'led-screen',
      faces: ['A', 'B'],
      landlordAuthority: 'CRM',
    });
    expect(site.status).toBe(201);
  });
  beforeEach(async () => {
    if (!platform.running) await start();
  });
  afterAll(async () => {
    await platform?.stop('SIGKILL');
  });

  it('case 1: killed between the append and the publish, the restarted platform still publishes it: the receivable is opened, once', async () => {
    const id = await bookingAwaitingPayment(api, siteId, 'A', nextPeriod(), 1_000_000).catch(() => undefined);
    expect(id).toBeDefined();
    await platform.stop('SIGTERM');
    // A second booking up to the last review, then the landlord's approval with the crash point armed.
    await start();
    const period = nextPeriod();
    const blobId = await api.as('xiao', 'sales').upload('\xff\xd8 case 1');
    const created = (
      await api.as('xiao', 'sales').post('/api/operations/bookings', {
        advertiser: { name: 'Crash Co.' },
        faces: [{ siteId, face: 'B' }],
        period,
        creative: { description: 'Spot', kind: 'video', files: [{ blobId }] },
        amountFen: 2_000_000,
        currency: 'CNY',
      })
    ).body.id as string;
    await api.as('mei', 'ops-manager').post(`/api/operations/bookings/${created}/submit-for-review`);
    await api.as('tan', 'executive').post(`/api/operations/bookings/${created}/internal-review`, { decision: 'approve' });
    await api.as('lee', 'executive').post(`/api/operations/bookings/${created}/internal-review`, { decision: 'approve' });
    await stopWhenCaughtUp();

    await start({ OOH_CRASH_POINT: 'after-append' });
    const answer = await api
      .as('li', 'ops-staff')
      .post(`/api/operations/bookings/${created}/landlord-decision`, { authority: 'CRM', decision: 'approve', reference: 'OK' })
      .catch((e: Error) => e);
    expect(answer).toMatchObject({ message: 'fetch failed' }); // no answer: the process died after the commit
    await waitForExit();
    expect(platform.output).toContain('crash point after-append reached');

    await start();
    // Read models catch up after the start (in the subscriptions thread), not before it.
    await eventually('the approval committed before the crash', async () => (await bookingStatus(created)) === 'awaiting-payment', 30_000);
    await eventually('the receivable of the crashed request', async () => (await receivables()).some((r) => r.source.id === created), 30_000);
    expect((await receivables()).filter((r) => r.source.id === created)).toHaveLength(1);
    await expectAgreesWithLog();
  });

  it('case 2: a consumer killed in the middle of a backlog redelivers it after the restart: each effect exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await bookingAwaitingPayment(api, siteId, i % 2 ? 'B' : 'A', nextPeriod(), 3_000_000 + i));
    const openedForAll = async () => (await receivables()).filter((r) => ids.includes(r.source.id)).length === ids.length;
    await eventually('receivables for the new bookings', openedForAll, 30_000);
    await stopWhenCaughtUp();
    // Forget finance's progress and dedupe records: the whole backlog is delivered again...
    const bus = new Database(join(dataDir, 'bus.db'));
    bus.exec("DELETE FROM bus_processed WHERE consumer LIKE 'finance.%'; UPDATE bus_offsets SET offset = 0 WHERE grp LIKE 'finance.%';");
    bus.close();
    // ...and the consumer dies right after the effect of the third message, before recording it.
    await start({ OOH_CRASH_POINT: 'after-consume-effect', OOH_CRASH_AFTER: '3' }, false);
    await waitForExit();
    expect(platform.output).toContain('crash point after-consume-effect reached');
    await start();
    await eventually('the redelivered backlog to drain', openedForAll, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    for (const id of ids) expect((await receivables()).filter((r) => r.source.id === id)).toHaveLength(1);
    await expectAgreesWithLog();
  });

  it('case 19: the subscriptions thread dies between a publish and its checkpoint: commands are still served, it restarts from its checkpoints, each effect once', async () => {
    await stopWhenCaughtUp();
    await start({ OOH_CRASH_POINT: 'after-publish', OOH_CRASH_THREAD: '1' });
    // The whole booking goes through while the thread that relays its payment request dies and restarts.
    const id = await bookingAwaitingPayment(api, siteId, 'B', nextPeriod(), 3_300_000);
    await eventually('its receivable, after the restart', async () => (await receivables()).some((r) => r.source.id === id), 30_000);
    expect(platform.running).toBe(true);
    expect(platform.output).toContain('crash point after-publish reached: ending the subscriptions thread');
    expect(platform.output).toMatch(/"restarts":1,"msg":"subscriptions thread ready"/);
    expect((await receivables()).filter((r) => r.source.id === id)).toHaveLength(1);
    await eventually('the platform caught up', async () => ((await (await fetch(`${platform.url}/health`)).json()) as { caughtUp: boolean }).caughtUp, 30_000);
    await expectAgreesWithLog();
  });

  it('case 7: a poison message is dead-lettered with its reason, shown in metrics and the admin endpoint; the flow goes on; a replay before a fix keeps it', async () => {
    await platform.stop('SIGTERM');
    const bus = new Database(join(dataDir, 'bus.db'));
    const poison = {
      messageId: '0193a000-0000-7000-8000-00000000beef',
      type: 'operations.booking-payment-requested',
      version: 1,
      key: 'b-x',
      data: { bookingId: 42 },
      correlationId: 'c',
      causationId: 'c',
      occurredAt: '2026-11-25T00:00:00Z',
      producer: 'operations',
    };
    bus.prepare('INSERT INTO bus_messages (message_id, type, body) VALUES (?, ?, ?)').run(poison.messageId, poison.type, JSON.stringify(poison));
    bus.close();
    await start();
    const admin = api.as('root', 'admin');
    const letters = await eventually(
      'the dead letter',
      async () => {
        const items = (await admin.get('/api/admin/dead-letters')).body.items as Array<{ group: string; error: string; message: { messageId: string } }>;
        return items.some((d) => d.message.messageId === poison.messageId) && items;
      },
      30_000,
    );
    const letter = letters.find((d) => d.message.messageId === poison.messageId)!;
    expect(letter.error).toMatch(/POISON_MESSAGE/);
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`bus_dead_letters\\{group="${letter.group}"\\} 1`));
    // The partition keeps flowing: the next real request is handled.
    const id = await bookingAwaitingPayment(api, siteId, 'B', nextPeriod(), 7_000_000);
    await eventually('the receivable after the poison message', async () => (await receivables()).some((r) => r.source.id === id), 30_000);
    const replay = await admin.post('/api/admin/dead-letters/replay', { group: letter.group, messageId: poison.messageId });
    expect(replay.status).toBe(422);
    expect(replay.body.code).toBe('REPLAY_FAILED');
    expect(
      (await admin.get('/api/admin/dead-letters')).body.items.some((d: { message: { messageId: string } }) => d.message.messageId === poison.messageId),
    ).toBe(true);
    expect((await admin.post('/api/admin/dead-letters/replay', { group: letter.group, messageId: 'unknown' })).status).toBe(404);
    expect((await admin.post('/api/admin/dead-letters/replay', { group: letter.group })).status).toBe(400);
  });

  it('case 8: killed right after a projection write, the totals are not doubled after the restart', async () => {
    const bookingId = await bookingAwaitingPayment(api, siteId, 'A', nextPeriod(), 4_200_000);
    const open = await eventually('its receivable', async () => (await receivables()).find((r) => r.source.id === bookingId), 30_000);
    await stopWhenCaughtUp();
    await start({ OOH_CRASH_POINT: 'after-projection-write' });
    const paid = await api.as('fang', 'finance').post(`/api/finance/receivables/${open.receivableId}/payments`, {
      amountFen: open.amountFen,
      currency: 'CNY',
      reference: 'CASE-8',
      receivedOn: '2026-11-25',
    });
    expect(paid.status).toBe(201); // the command is answered; a projection batch then crashes the process
    await waitForExit();
    await start();
    await eventually('the booking paid after the restart', async () => (await bookingStatus(open.source.id)) === 'paid', 30_000);
    const aging = (await api.as('fang', 'finance').get('/api/finance/reports/receivables-aging')).body;
    const outstanding = receivablesFromLog(log()).reduce((sum, r) => sum + r.outstandingFen, 0);
    const reported = (aging.clients as Array<{ totalFen: number }>).reduce((sum, c) => sum + c.totalFen, 0);
    expect(reported).toBe(outstanding);
    await expectAgreesWithLog();
  });

  it('case 9: read models dropped and rebuilt from the log are deep-equal to the ones built incrementally', async () => {
    const views = [
      '/api/finance/receivables?limit=200',
      '/api/operations/bookings?limit=200',
      '/api/operations/sites?limit=200',
      '/api/finance/reports/receivables-aging',
    ];
    const snapshot = async () => Promise.all(views.map(async (v) => (await api.as('root', 'admin').get(v)).body));
    const before = await snapshot();
    await platform.stop('SIGTERM');
    const db = new Database(join(dataDir, 'read-models.db'));
    db.exec('DELETE FROM documents; DELETE FROM checkpoints;');
    db.close();
    await start();
    await eventually('the rebuilt read models', async () => JSON.stringify(await snapshot()) === JSON.stringify(before), 30_000);
    expect(await snapshot()).toEqual(before);
  });

  it('case 20: killed in the middle of a rebuild and again right after a swap, the restarted platform serves whole read models equal to the fold of the log; the next rebuild drops what was left', async () => {
    const views = ['/api/finance/receivables?limit=200', '/api/operations/bookings?limit=200', '/api/operations/sites?limit=200'];
    const snapshot = async () => Promise.all(views.map(async (v) => (await api.as('root', 'admin').get(v)).body));
    const admin = () => api.as('root', 'admin');
    const readModels = () => new Database(join(dataDir, 'read-models.db'), { readonly: true });
    /** Physical collections holding rows that no reader uses (abandoned shadows, retired generations). */
    const unused = () => {
      const db = readModels();
      try {
        const current = new Set((db.prepare('SELECT physical FROM generations').all() as Array<{ physical: string }>).map((r) => r.physical));
        const replaced = new Set((db.prepare('SELECT collection FROM generations').all() as Array<{ collection: string }>).map((r) => r.collection));
        return (db.prepare('SELECT DISTINCT collection FROM documents').all() as Array<{ collection: string }>)
          .map((r) => r.collection)
          .filter((c) => (c.includes('#') && !current.has(c)) || (!c.includes('#') && replaced.has(c)));
      } finally {
        db.close();
      }
    };
    await bookingAwaitingPayment(api, siteId, 'A', nextPeriod(), 2_100_000);
    await eventually('caught up', async () => ((await (await fetch(`${platform.url}/health`)).json()) as { caughtUp: boolean }).caughtUp, 30_000);
    const before = await snapshot();
    await platform.stop('SIGTERM');

    await start({ OOH_CRASH_POINT: 'after-shadow-fill' });
    expect((await admin().post('/api/admin/projections/rebuild', {})).status).toBe(202);
    await waitForExit();
    expect(platform.output).toContain('crash point after-shadow-fill reached');
    await start();
    expect(await snapshot()).toEqual(before);
    expect(unused().length).toBeGreaterThan(0); // the abandoned shadow, never read
    await platform.stop('SIGTERM');

    await start({ OOH_CRASH_POINT: 'after-promotion' });
    expect((await admin().post('/api/admin/projections/rebuild', { projections: ['finance.receivables'] })).status).toBe(202);
    await waitForExit();
    await start();
    expect(await snapshot()).toEqual(before);
    await expectAgreesWithLog();

    expect((await admin().post('/api/admin/projections/rebuild', {})).status).toBe(202);
    await eventually(
      'every projection rebuilt',
      async () =>
        ((await admin().get('/api/admin/projections')).body.projections as Array<{ rebuild?: { state: string } }>).every((p) => p.rebuild?.state === 'done'),
      60_000,
    );
    await eventually('nothing left that no reader uses', async () => unused().length === 0, 10_000);
    expect(await snapshot()).toEqual(before);
    await expectAgreesWithLog();
  });

  it('case 11: the same Idempotency-Key sent concurrently and again after a restart gives one resource and the same response', async () => {
    const key = `case-11-${Date.now()}`;
    const body = { siteId: 'IDEM-LED-01', city: 'Chengdu', station: 'East', location: 'Gate', kind: 'light-box', faces: ['A'], landlordAuthority: 'CRM' };
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => api.as('mei', 'ops-manager').post('/api/operations/sites', body, { 'idempotency-key': key })),
    );
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    await platform.stop('SIGKILL');
    await start();
    const again = await api.as('mei', 'ops-manager').post('/api/operations/sites', body, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(replies[0].body);
    expect(log().filter((e) => e.streamId === 'operations.site-IDEM-LED-01')).toHaveLength(1);
  });

  it('case 15: SIGTERM under load reports not-ready, finishes what is in flight and exits within the grace period; nothing acknowledged is lost', async () => {
    await platform.stop('SIGTERM');
    await start({ SHUTDOWN_DRAIN_DELAY_MS: '300', SHUTDOWN_GRACE_MS: '10000' });
    const photo = await api.as('li', 'ops-staff').upload('\xff\xd8 case 15');
    const acknowledged: string[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const r = await api
          .as('li', 'ops-staff')
          .post('/api/operations/inspections', {
            siteId,
            performedAt: new Date().toISOString(),
            checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
            photos: [{ blobId: photo }],
          })
          .catch(() => undefined);
        if (r?.status === 201) acknowledged.push(r.body.id);
        else if (!r) return;
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise((r) => setTimeout(r, 800));
    const t0 = Date.now();
    const exited = platform.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    const ready = await fetch(`${platform.url}/health/ready`)
      .then((r) => r.status)
      .catch(() => 'closed');
    expect([503, 'closed']).toContain(ready);
    const code = await exited;
    if (code !== 0) console.log(`the platform exited with ${code}:\n${platform.output.slice(-4000)}`);
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    stop = true;
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThan(0);
    const stored = new Set(
      log()
        .filter((e) => e.type === 'InspectionRecorded')
        .map((e) => e.data as { inspectionId: string })
        .map((d) => d.inspectionId),
    );
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    await start();
  });
});
