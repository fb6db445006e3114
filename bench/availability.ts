import { SqliteReadModelStore } from '@ooh/adapter-sqlite';
import { DEV_JWT_SECRET, TokenService } from '@ooh/http-kit';

/*
 * The sales query (销控): a year of availability for 500 faces. The platform is seeded over HTTP
 * (250 two-faced sites and a few hundred bookings), then the year is queried; the reference is a
 * raw read, in this process, of the same documents the query needs (sites and face holds).
 */

export interface AvailabilityResult {
  faces: number;
  bookings: number;
  queryMs: number;
  rawReadMs: number;
}

const SITES = 250;
const YEAR = { from: '2027-01-01', to: '2027-12-31' };

async function post(url: string, token: string, path: string, body: unknown): Promise<Response> {
  return fetch(url + path, { method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(run: () => Promise<unknown>, times: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(samples);
}

export async function measureAvailability(url: string, readModelsDb: string, bookingsToTry: number): Promise<AvailabilityResult> {
  const tokens = new TokenService(DEV_JWT_SECRET);
  const manager = `Bearer ${tokens.mint({ sub: 'bench-manager', roles: ['ops-manager'] })}`;
  const sales = `Bearer ${tokens.mint({ sub: 'bench-sales', roles: ['sales'] })}`;
  for (let i = 0; i < SITES; i += 25) {
    await Promise.all(
      Array.from({ length: 25 }, (_, j) =>
        post(url, manager, '/api/operations/sites', {
          siteId: `AV-${String(i + j).padStart(3, '0')}`,
          city: (i + j) % 2 ? 'Chongqing' : 'Chengdu',
          station: `Station ${(i + j) % 7}`,
          location: 'Hall',
          kind: (i + j) % 3 ? 'led-screen' : 'light-box',
          faces: ['A', 'B'],
          landlordAuthority: 'CRM',
        }),
      ),
    );
  }
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('\xff\xd8\xff\xe0 bench creative', 'latin1')], { type: 'image/jpeg' }), 'c.jpg');
  const { blobId } = (await (await fetch(`${url}/api/evidence`, { method: 'POST', headers: { authorization: sales }, body: form })).json()) as {
    blobId: string;
  };
  let created = 0;
  for (let i = 0; i < bookingsToTry; i++) {
    const month = 1 + (i % 12);
    const site = `AV-${String((i * 7) % SITES).padStart(3, '0')}`;
    const res = await post(url, sales, '/api/operations/bookings', {
      advertiser: { name: `Advertiser ${i % 20}` },
      faces: [{ siteId: site, face: i % 2 ? 'A' : 'B' }],
      period: { start: `2027-${String(month).padStart(2, '0')}-01`, end: `2027-${String(month).padStart(2, '0')}-20` },
      creative: { description: 'Spot', kind: 'video', files: [{ blobId }] },
      amountFen: 100_000,
      currency: 'CNY',
    });
    if (res.status === 201) created++;
    else await res.text();
  }
  // Wait until the projections have caught up with everything just written.
  for (let i = 0; i < 300; i++) {
    const health = (await (await fetch(`${url}/health`)).json()) as { checks: { subscriptions: Array<{ lag: number }> } };
    if (health.checks.subscriptions.every((s) => s.lag === 0)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const query = `${url}/api/operations/availability?from=${YEAR.from}&to=${YEAR.to}`;
  const first = (await (await fetch(query, { headers: { authorization: sales } })).json()) as { faces: unknown[] };
  const queryMs = await timed(async () => (await fetch(query, { headers: { authorization: sales } })).arrayBuffer(), 5);

  const store = new SqliteReadModelStore({ path: readModelsDb });
  const readAllDocs = async (collection: string, filter: Record<string, unknown>) => {
    let cursor: string | undefined;
    do {
      const page = await store.find(collection, { filter: filter as never, limit: 1000, cursor });
      cursor = page.nextCursor;
    } while (cursor);
  };
  const rawReadMs = await timed(async () => {
    await readAllDocs('operations_sites', { status: { $ne: 'retired' } });
    await readAllDocs('operations_face_holds', { released: false, start: { $lte: YEAR.to }, end: { $gte: YEAR.from } });
  }, 5);
  await store.close();
  return { faces: first.faces.length, bookings: created, queryMs, rawReadMs };
}
