import { TokenService } from '@ooh/http-kit';
import { randomBytes } from 'node:crypto';
import { quantile } from './platform-support';

/*
 * Cross-service hand-offs: a command in one context, then the other department's read model showing
 * its effect. Each sample times the command itself (request to 2xx) and the hand-off (the same start
 * to the first read that shows it, polling every 2 ms). Two flows: operations' booking approved by the
 * landlord (payment requested) -> finance's receivable; planning's plan approved by the client ->
 * buying's campaign listing the plan. On the embedded platform every URL is the same process. The
 * first hand-offs of each flow warm the code up and are not counted.
 */

export interface HandoffUrls {
  operations: string;
  finance: string;
  planning: string;
  buying: string;
}

/** The embedded platform: every context in one process. */
export const sameProcess = (url: string): HandoffUrls => ({ operations: url, finance: url, planning: url, buying: url });

export interface HandoffSeries {
  commandMs: number[];
  lagMs: number[];
  commandP99Ms: number;
  lagP50Ms: number;
  lagP99Ms: number;
}

export interface HandoffResult {
  bookingToReceivable: HandoffSeries;
  planToBuying: HandoffSeries;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies of several endpoints, read by field name

function series(commandMs: number[], lagMs: number[]): HandoffSeries {
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  return {
    commandMs,
    lagMs,
    commandP99Ms: quantile(sorted(commandMs), 0.99),
    lagP50Ms: quantile(sorted(lagMs), 0.5),
    lagP99Ms: quantile(sorted(lagMs), 0.99),
  };
}

/** One JSON request as a given caller; any non-2xx answer is an error naming the request. */
export async function call(base: string, auth: string, method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as Json;
}

/** Hand-offs of each flow run first and not counted: the first few pay for compiling the code they run (25–40 ms against 9–17 after). */
export const HANDOFF_WARMUP = 5;

export async function measureHandoffs(urls: HandoffUrls, secret: string, count: number, warmup = HANDOFF_WARMUP): Promise<HandoffResult> {
  const tokens = new TokenService(secret);
  const as = (sub: string, role: string) => `Bearer ${tokens.mint({ sub, roles: [role] })}`;
  /** Times `command`, then polls `shows` from the same start until it is true (60 s at most). */
  const handoff = async (command: () => Promise<unknown>, shows: () => Promise<boolean>, what: string) => {
    const t0 = performance.now();
    await command();
    const commandMs = performance.now() - t0;
    while (!(await shows())) {
      if (performance.now() - t0 > 60_000) throw new Error(`${what}: not shown within 60 s`);
      await new Promise((r) => setTimeout(r, 2));
    }
    return { commandMs, lagMs: performance.now() - t0 };
  };
  const upload = async (base: string, auth: string, bytes: string, type: string, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(bytes, 'latin1')], { type }), name);
    return (await (await fetch(`${base}/api/evidence`, { method: 'POST', headers: { authorization: auth }, body: form })).json()) as { blobId: string };
  };
  const run = randomBytes(4).toString('hex').toUpperCase();

  // Booking -> receivable.
  const siteId = `HANDOFF-${run}`;
  const faces = Array.from({ length: 10 }, (_, i) => String.fromCharCode(65 + i));
  await call(urls.operations, as('mei', 'ops-manager'), 'POST', '/api/operations/sites', {
    siteId,
    city: 'Chongqing',
    station: 'North',
    location: 'Hall',
    kind: 'led-screen',
    faces,
    landlordAuthority: 'CRM',
  });
  const creative = await upload(urls.operations, as('xiao', 'sales'), `\xff\xd8\xff\xe0 creative ${run}`, 'image/jpeg', 'creative.jpg');
  const bookings = { commandMs: [] as number[], lagMs: [] as number[] };
  for (let i = 0; i < warmup + count; i++) {
    const month = String(1 + Math.floor(i / faces.length)).padStart(2, '0');
    const created = await call(urls.operations, as('xiao', 'sales'), 'POST', '/api/operations/bookings', {
      advertiser: { name: `Hand-off ${i}` },
      faces: [{ siteId, face: faces[i % faces.length] }],
      period: { start: `2029-${month}-01`, end: `2029-${month}-20` },
      creative: { description: 'Spot', kind: 'video', files: [{ blobId: creative.blobId }] },
      amountFen: 100_000 + i,
      currency: 'CNY',
    });
    const id = created.id as string;
    await call(urls.operations, as('mei', 'ops-manager'), 'POST', `/api/operations/bookings/${id}/submit-for-review`, {});
    await call(urls.operations, as('tan', 'executive'), 'POST', `/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    await call(urls.operations, as('lee', 'executive'), 'POST', `/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    const sample = await handoff(
      () =>
        call(urls.operations, as('li', 'ops-staff'), 'POST', `/api/operations/bookings/${id}/landlord-decision`, {
          authority: 'CRM',
          decision: 'approve',
          reference: 'OK',
        }),
      async () =>
        ((await call(urls.finance, as('fang', 'finance'), 'GET', `/api/finance/receivables?limit=200&sourceId=${id}`)).items as Json[]).some(
          (r) => r.source.id === id,
        ),
      `the receivable of booking ${id}`,
    );
    if (i < warmup) continue;
    bookings.commandMs.push(sample.commandMs);
    bookings.lagMs.push(sample.lagMs);
  }

  // Plan approved by the client -> buying's campaign.
  const am = as('wang', 'account-manager');
  const mm = as('chen', 'media-manager');
  const signed = await upload(urls.planning, am, '%PDF-1.4\n% signed\n%%EOF', 'application/pdf', 'signed.pdf');
  const evidence = [{ blobId: signed.blobId }];
  const vendorId = (
    await call(urls.buying, mm, 'POST', '/api/buying/vendors', {
      name: `Chongqing TV ${run}`,
      kind: 'media-owner',
      aliases: [],
      contacts: [],
      payee: { accountName: 'Chongqing TV Ad Sales Co.', bank: 'ICBC', accountNumber: '6222' },
      terms: { prepaymentPercent: 0, balanceDaysAfterAiring: 30 },
    })
  ).id as string;
  await call(urls.buying, mm, 'POST', `/api/buying/vendors/${vendorId}/rate-cards`, {
    property: 'CQTV-1',
    effectiveFrom: '2026-12-01',
    items: [{ daypart: 'prime', unit: 'spot', spotLengthSeconds: 15, rateFen: 50_000 }],
  });
  const clientId = (await call(urls.planning, am, 'POST', '/api/planning/clients', { name: `Hand-off ${run}`, industry: 'beverages', contacts: [] }))
    .id as string;
  const line = {
    lineId: 'L1',
    channel: 'tv',
    vendor: { vendorId, name: 'Chongqing TV' },
    property: 'CQTV-1',
    market: 'Chongqing',
    dayparts: ['prime'],
    spotLengthSeconds: 15,
    flight: { start: '2027-01-04', end: '2027-01-10' },
    weeks: [{ weekStart: '2027-01-04', units: 5 }],
    pricing: 'per-spot',
    grossRateFen: 50_000,
    commissionPercent: 0,
  };
  /** A step that needs what an earlier one set off (a read model another context fills): tried again until it passes. */
  const once = async (step: () => Promise<Json>) => {
    const until = Date.now() + 30_000;
    for (;;) {
      try {
        return await step();
      } catch (error) {
        if (Date.now() > until) throw error;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  };
  const plans = { commandMs: [] as number[], lagMs: [] as number[] };
  for (let i = 0; i < warmup + count; i++) {
    const briefId = (
      await call(urls.planning, am, 'POST', '/api/planning/briefs', {
        clientId,
        campaign: `Hand-off ${i}`,
        objectives: ['Awareness'],
        kpis: [],
        audience: { ageBands: [], gender: 'all', regions: ['Chongqing'], habits: [] },
        markets: ['Chongqing'],
        budget: { amountFen: 1_000_000, currency: 'CNY' },
        period: { start: '2027-01-01', end: '2027-02-28' },
        research: { competitors: [], trends: [] },
        mandatoryItems: [],
      })
    ).id as string;
    const budgetId = (await call(urls.planning, am, 'POST', '/api/planning/budgets', { briefId, buckets: [{ amountFen: 1_000_000 }] })).id as string;
    await call(urls.planning, am, 'POST', `/api/planning/budgets/${budgetId}/authorize`, { poReference: `PO-${i}`, evidence });
    const planId = (await once(() => call(urls.planning, mm, 'POST', '/api/planning/media-plans', { briefId, name: 'Plan', lines: [line] }))).id as string;
    await once(() => call(urls.planning, mm, 'POST', `/api/planning/media-plans/${planId}/versions/1/submit`, {}));
    const submitted = await once(async () => {
      const view = await call(urls.planning, mm, 'GET', `/api/planning/media-plans/${planId}`);
      if ((view.versions as Json[])[0]?.status !== 'submitted') throw new Error('the submission is not in the read model yet');
      return view;
    });
    const hash = (submitted.versions as Json[])[0].contentHash as string;
    await call(urls.planning, as('tan', 'media-director'), 'POST', `/api/planning/media-plans/${planId}/versions/1/approve`, { contentHash: hash });
    await call(urls.planning, am, 'POST', `/api/planning/media-plans/${planId}/versions/1/rehearsal`, { feedback: [] });
    await call(urls.planning, am, 'POST', `/api/planning/media-plans/${planId}/versions/1/present`, {});
    const sample = await handoff(
      () =>
        call(urls.planning, am, 'POST', `/api/planning/media-plans/${planId}/versions/1/client-decision`, { outcome: 'approved', contentHash: hash, evidence }),
      async () => {
        const res = await fetch(`${urls.buying}/api/buying/campaigns/${briefId}`, { headers: { authorization: mm } });
        if (res.status === 404) return false;
        const campaign = (await res.json()) as Json;
        return ((campaign.plans ?? []) as Json[]).some((p) => p.planId === planId);
      },
      `plan ${planId} in buying`,
    );
    if (i < warmup) continue;
    plans.commandMs.push(sample.commandMs);
    plans.lagMs.push(sample.lagMs);
  }
  return { bookingToReceivable: series(bookings.commandMs, bookings.lagMs), planToBuying: series(plans.commandMs, plans.lagMs) };
}
