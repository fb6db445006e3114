import { TokenService } from '@ooh/http-kit';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drive, freePort, ServerProcess, type LoadResult } from './load';
import { call, measureHandoffs, type HandoffResult } from './handoffs';

/*
 * The same command workload on the distributed topology (operations and finance as their own
 * processes on Kafka and a MongoDB-wire database), and the end-to-end lag of the payment hand-off:
 * from a payment recorded in finance to the booking shown as paid in operations' read model.
 */

const ROOT = join(__dirname, '../..');
const MAIN = (service: string) => join(ROOT, `dist/apps/${service}/src/main.js`);

export interface DistributedResult {
  load: LoadResult;
  lagMs: number[];
  lagP50Ms: number;
  lagP99Ms: number;
  /** Booking -> receivable and plan -> buying across the services' processes. */
  handoffs: HandoffResult;
  servers: { kafka: string; mongo: string };
}

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Uses KAFKA_BROKERS / MONGO_URL when set; otherwise starts both with tools/infra (stopped afterwards). */
export function infraServers(): { kafka: string; mongo: string; stop(): void } {
  const started: string[] = [];
  const start = (script: string, variable: string): string => {
    if (process.env[variable]) return process.env[variable]!;
    progress(`starting ${script} (tools/infra)`);
    const launch = spawnSync('bash', [join(ROOT, `tools/infra/${script}.sh`), 'start'], { stdio: ['ignore', 'inherit', 'inherit'] });
    const env = spawnSync('bash', [join(ROOT, `tools/infra/${script}.sh`), 'env'], { encoding: 'utf8' });
    const line = env.stdout.split('\n').find((l) => l.startsWith(`${variable}=`));
    if (launch.status !== 0 || !line) throw new Error(`tools/infra/${script}.sh start failed (exit ${launch.status})`);
    started.push(script);
    return line.slice(variable.length + 1);
  };
  const kafka = start('kafka', 'KAFKA_BROKERS');
  const mongo = start('ferretdb', 'MONGO_URL');
  return {
    kafka,
    mongo,
    stop: () => started.forEach((s) => spawnSync('bash', [join(ROOT, `tools/infra/${s}.sh`), 'stop'], { stdio: 'ignore' })),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

export async function measureDistributed(
  prepare: (url: string, secret: string) => Promise<{ headers: Record<string, string>; body: string }>,
  options: { seconds: number; warmupSeconds: number; connections: number; handoffs: number; path: string },
  servers: { kafka: string; mongo: string },
): Promise<DistributedResult> {
  const run = randomBytes(6).toString('hex');
  const secret = `bench-${run}-${randomBytes(24).toString('hex')}`;
  const tokens = new TokenService(secret);
  const work = mkdtempSync(join(tmpdir(), 'ooh-bench-dist-'));
  const env = (service: string) => ({
    JWT_SECRET: secret,
    MESSAGE_BUS: 'kafka',
    READ_STORE: 'mongodb',
    KAFKA_BROKERS: servers.kafka,
    KAFKA_NAMESPACE: `bench${run}.`,
    MONGO_URL: servers.mongo,
    MONGO_DB: `bench${run}_${service}`,
    DATA_DIR: join(work, service),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const operations = new ServerProcess('operations', MAIN('operations'), await freePort(), env('operations'));
  const finance = new ServerProcess('finance', MAIN('finance'), await freePort(), env('finance'));
  const planning = new ServerProcess('planning', MAIN('planning'), await freePort(), env('planning'));
  const buying = new ServerProcess('buying', MAIN('buying'), await freePort(), env('buying'));
  const all = [operations, finance, planning, buying];
  try {
    await Promise.all(all.map((s) => s.start(60_000)));
    const request = await prepare(operations.url, secret);
    const load = { url: operations.url, method: 'POST' as const, path: options.path, ...request, connections: options.connections };
    progress(`distributed: warm-up ${options.warmupSeconds} s, then ${options.seconds} s at ${options.connections} connections`);
    await drive({ ...load, seconds: options.warmupSeconds });
    const measured = await drive({ ...load, seconds: options.seconds });

    progress(`distributed: ${options.handoffs} payment hand-offs, finance -> Kafka -> operations read model`);
    const lagMs = await paymentHandoffs(operations.url, finance.url, tokens, options.handoffs, run);
    const sorted = [...lagMs].sort((a, b) => a - b);
    progress(`distributed: cross-service hand-offs, ${options.handoffs} bookings -> finance, ${options.handoffs} plans -> buying`);
    const handoffs = await measureHandoffs(
      { operations: operations.url, finance: finance.url, planning: planning.url, buying: buying.url },
      secret,
      options.handoffs,
    );
    return { load: measured, lagMs, lagP50Ms: percentile(sorted, 50), lagP99Ms: percentile(sorted, 99), handoffs, servers };
  } catch (error) {
    for (const s of all) process.stderr.write(`--- ${s.name} log ---\n${s.log()}\n`);
    throw error;
  } finally {
    await Promise.all(all.map((s) => s.stop()));
    rmSync(work, { recursive: true, force: true });
  }
}

async function paymentHandoffs(opsUrl: string, finUrl: string, tokens: TokenService, count: number, run: string): Promise<number[]> {
  const as = (sub: string, role: string) => `Bearer ${tokens.mint({ sub, roles: [role] })}`;
  const siteId = `LAG-${run.toUpperCase()}`;
  const faces = Array.from({ length: 10 }, (_, i) => String.fromCharCode(65 + i));
  await call(opsUrl, as('mei', 'ops-manager'), 'POST', '/api/operations/sites', {
    siteId,
    city: 'Chongqing',
    station: 'North',
    location: 'Hall',
    kind: 'led-screen',
    faces,
    landlordAuthority: 'CRM',
  });
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(`\xff\xd8\xff\xe0 creative ${run}`, 'latin1')], { type: 'image/jpeg' }), 'creative.jpg');
  const blob = await (await fetch(`${opsUrl}/api/evidence`, { method: 'POST', headers: { authorization: as('xiao', 'sales') }, body: form })).json();

  const bookings: Array<{ id: string; amountFen: number }> = [];
  for (let i = 0; i < count; i++) {
    const month = String(1 + Math.floor(i / faces.length)).padStart(2, '0');
    const amountFen = 100_000 + i;
    const created = await call(opsUrl, as('xiao', 'sales'), 'POST', '/api/operations/bookings', {
      advertiser: { name: `Lag ${i}` },
      faces: [{ siteId, face: faces[i % faces.length] }],
      period: { start: `2028-${month}-01`, end: `2028-${month}-20` },
      creative: { description: 'Spot', kind: 'video', files: [{ blobId: (blob as { blobId: string }).blobId }] },
      amountFen,
      currency: 'CNY',
    });
    const id = created.id as string;
    await call(opsUrl, as('mei', 'ops-manager'), 'POST', `/api/operations/bookings/${id}/submit-for-review`, {});
    await call(opsUrl, as('tan', 'executive'), 'POST', `/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    await call(opsUrl, as('lee', 'executive'), 'POST', `/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    await call(opsUrl, as('li', 'ops-staff'), 'POST', `/api/operations/bookings/${id}/landlord-decision`, {
      authority: 'CRM',
      decision: 'approve',
      reference: 'OK',
    });
    bookings.push({ id, amountFen });
  }
  const finance = as('fang', 'finance');
  const until = Date.now() + 120_000;
  let receivables: Array<{ receivableId: string; source: { id: string } }> = [];
  while (Date.now() < until) {
    receivables = (await call(finUrl, finance, 'GET', '/api/finance/receivables?limit=200')).items;
    if (bookings.every((b) => receivables.some((r) => r.source.id === b.id))) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const lags: number[] = [];
  for (const b of bookings) {
    const receivable = receivables.find((r) => r.source.id === b.id);
    if (!receivable) throw new Error(`no receivable for booking ${b.id} within 120 s`);
    const t0 = performance.now();
    await call(finUrl, finance, 'POST', `/api/finance/receivables/${receivable.receivableId}/payments`, {
      amountFen: b.amountFen,
      currency: 'CNY',
      reference: `LAG-${b.id.slice(-6)}`,
      receivedOn: '2026-11-25',
    });
    for (;;) {
      const booking = await call(opsUrl, as('xiao', 'sales'), 'GET', `/api/operations/bookings/${b.id}`);
      if (booking.status === 'paid') break;
      if (performance.now() - t0 > 60_000) throw new Error(`booking ${b.id} not paid within 60 s of the payment`);
      await new Promise((r) => setTimeout(r, 2));
    }
    lags.push(performance.now() - t0);
  }
  return lags;
}
