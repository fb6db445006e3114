import { DEV_JWT_SECRET } from '@ooh/http-kit';
import { createHmac } from 'node:crypto';
import { fakePhoto, PlatformHarness } from './testing/platform-harness';

const site = (siteId: string) => ({
  siteId,
  city: 'Chongqing',
  station: 'Chongqing West',
  location: 'Hall 1',
  kind: 'light-box',
  faces: ['A'],
  landlordAuthority: 'CRM Chongqing',
});

function jwt(header: object, payload: object, secret?: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return secret ? `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}` : `${unsigned}.`;
}

describe('HTTP conventions of every endpoint', () => {
  const h = new PlatformHarness();
  const manager = () => h.as('mei', 'ops-manager');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  async function eventCount(): Promise<number> {
    return (await h.request('GET', '/health')).body.checks.headPosition;
  }

  describe('authentication', () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, Record<string, string>, string]> = [
      ['no token', {}, 'TOKEN_MISSING'],
      ['a malformed header', { authorization: 'Token abc' }, 'TOKEN_MISSING'],
      [
        'an expired token',
        { authorization: `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'x', roles: ['ops-manager'], exp: now - 10 }, DEV_JWT_SECRET)}` },
        'TOKEN_EXPIRED',
      ],
      [
        'a wrong signature',
        { authorization: `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'x', roles: ['ops-manager'] }, 'another-secret-another-secret-another')}` },
        'TOKEN_INVALID',
      ],
      ['alg none', { authorization: `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, { sub: 'x', roles: ['ops-manager'] })}` }, 'TOKEN_INVALID'],
      ['a token without roles', { authorization: `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'x' }, DEV_JWT_SECRET)}` }, 'TOKEN_INVALID'],
    ];
    it.each(cases)('refuses %s with 401 problem+json and writes nothing', async (_name, headers, code) => {
      const before = await eventCount();
      const res = await h.request('POST', '/api/operations/sites', site('AUTH-01'), headers);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.body).toMatchObject({ status: 401, code });
      expect(await eventCount()).toBe(before);
    });
  });

  describe('roles', () => {
    it.each([['sales'], ['ops-staff'], ['executive'], ['finance'], ['admin']])('refuses registering a site as %s with 403', async (role) => {
      const res = await h.as('someone', role).post('/api/operations/sites', site('ROLE-01'));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
    });

    it('refuses recording an inspection as sales, and closing a fault as ops-staff', async () => {
      expect((await h.as('s', 'sales').post('/api/operations/inspections', {})).status).toBe(403);
      expect((await h.as('s', 'ops-staff').post('/api/operations/faults/x/close', {})).status).toBe(403);
      expect((await h.as('s', 'finance').get('/api/operations/faults')).status).toBe(403);
    });

    it('records the actor from the token, in the first allowed role the user holds', async () => {
      await h.as('multi', 'sales', 'ops-manager').post('/api/operations/sites', site('ROLE-02'));
      const history = await manager().get('/api/operations/sites/ROLE-02/history');
      expect(history.body.items[0].actor).toEqual({ userId: 'multi', role: 'ops-manager' });
    });
  });

  describe('bad input', () => {
    it('lists every invalid field: missing, wrong type, wrong enum, unknown, nested', async () => {
      const res = await manager().post('/api/operations/sites', {
        siteId: 'bad id',
        city: 42,
        kind: 'billboard',
        faces: 'A',
        status: 'in-service',
        approvedBy: 'me',
        photos: [{ blobId: 'nope' }],
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
      for (const f of ['siteId', 'city', 'station', 'location', 'kind', 'faces', 'landlordAuthority', 'status', 'approvedBy', 'photos.0.blobId']) {
        expect(fields).toContain(f);
      }
      expect((await manager().get('/api/operations/sites/bad')).status).toBe(404);
    });

    it('validates a missing or empty body as an empty object, never skipping validation', async () => {
      const auth = { authorization: `Bearer ${h.token('m', 'ops-manager')}` };
      const empty = await h.request('POST', '/api/operations/sites', '\n', { ...auth, 'content-type': 'application/json' });
      expect(empty.status).toBe(400);
      expect(empty.body.errors.map((e: { field: string }) => e.field)).toContain('siteId');
      const none = await h.request('POST', '/api/operations/sites', undefined, auth);
      expect(none.status).toBe(400);
      expect(none.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses explicit nulls for optional fields and a missing nested object, naming them', async () => {
      const nulls = await manager().post('/api/operations/sites', { ...site('NULL-01'), photos: null });
      expect(nulls.status).toBe(400);
      expect(nulls.body.errors.map((e: { field: string }) => e.field)).toContain('photos');
      await manager().post('/api/operations/sites', site('NULL-02'));
      const nullFaces = await manager().patch('/api/operations/sites/NULL-02', { faces: null });
      expect(nullFaces.status).toBe(400);
      expect(nullFaces.body.errors.map((e: { field: string }) => e.field)).toContain('faces');
      const noCreative = await h.as('x', 'ops-manager').post('/api/operations/bookings/any/revise-creative', {});
      expect(noCreative.status).toBe(400);
      expect(noCreative.body.errors.map((e: { field: string }) => e.field)).toContain('creative');
    });

    it('refuses a malformed multipart upload with 400', async () => {
      const res = await h.request('POST', '/api/evidence', '--b\r\nTrue--b--\r\n', {
        authorization: `Bearer ${h.token('li', 'ops-staff')}`,
        'content-type': 'multipart/form-data; boundary=b',
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });

    it('refuses mass assignment of actor or revision', async () => {
      const res = await manager().post('/api/operations/sites', { ...site('MASS-01'), actor: { userId: 'boss' }, revision: 9 });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['actor', 'revision']);
      expect((await manager().get('/api/operations/sites/MASS-01/history')).status).toBe(404);
    });

    it('refuses malformed JSON, a wrong content type and an oversize body', async () => {
      const malformed = await h.request('POST', '/api/operations/sites', '{"siteId":', {
        authorization: `Bearer ${h.token('m', 'ops-manager')}`,
        'content-type': 'application/json',
      });
      expect(malformed.status).toBe(400);
      expect(malformed.headers['content-type']).toContain('application/problem+json');
      const text = await h.request('POST', '/api/operations/sites', 'hello', {
        authorization: `Bearer ${h.token('m', 'ops-manager')}`,
        'content-type': 'text/plain',
      });
      expect(text.status).toBe(415);
      const big = await manager().post('/api/operations/sites', { ...site('BIG-01'), location: 'x'.repeat(2 * 1024 * 1024) });
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('BODY_TOO_LARGE');
      expect((await manager().get('/api/operations/sites/BIG-01')).status).toBe(404);
    });

    it('refuses absurdly nested JSON and prototype poisoning before they reach a handler', async () => {
      const deep = '{"siteId":' + '['.repeat(1000) + ']'.repeat(1000) + '}';
      const res = await h.request('POST', '/api/operations/sites', deep, {
        authorization: `Bearer ${h.token('m', 'ops-manager')}`,
        'content-type': 'application/json',
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('BODY_TOO_DEEP');
      const poisoned = await h.request('POST', '/api/operations/sites', '{"__proto__":{"admin":true}}', {
        authorization: `Bearer ${h.token('m', 'ops-manager')}`,
        'content-type': 'application/json',
      });
      expect(poisoned.status).toBe(400);
    });

    it('refuses a page size above the maximum and a forged cursor', async () => {
      expect((await manager().get('/api/operations/sites?limit=100000')).body.errors[0].field).toBe('limit');
      // Not a cursor's shape: 400 naming it; the shape of one, but not one this API gave: 422.
      expect((await manager().get('/api/operations/sites?cursor=not%20a%20cursor')).body.errors[0].field).toBe('cursor');
      const forged = await manager().get('/api/operations/sites?cursor=zzz');
      expect([forged.status, forged.body.code]).toEqual([422, 'INVALID_CURSOR']);
      expect((await manager().get('/api/operations/faults?breached=maybe')).body.errors[0].field).toBe('breached');
    });
  });

  describe('optimistic concurrency', () => {
    it('returns the revision as ETag and refuses a stale If-Match with 412', async () => {
      const created = await manager().post('/api/operations/sites', site('ETAG-01'));
      expect(created.headers.etag).toBe('"0"');
      const updated = await manager().patch('/api/operations/sites/ETAG-01', { location: 'Hall 2' }, { 'if-match': '"0"' });
      expect(updated.status).toBe(200);
      expect(updated.headers.etag).toBe('"1"');
      const stale = await manager().patch('/api/operations/sites/ETAG-01', { location: 'Hall 3' }, { 'if-match': '"0"' });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'STALE_REVISION', currentRevision: 1 });
      const garbage = await manager().patch('/api/operations/sites/ETAG-01', { location: 'Hall 3' }, { 'if-match': 'yesterday' });
      expect(garbage.status).toBe(400);
      await h.settle();
      const view = await manager().get('/api/operations/sites/ETAG-01');
      expect(view.body.location).toBe('Hall 2');
      expect(view.headers.etag).toBe('"1"');
    });

    it('lets exactly one of many concurrent pinned updates win', async () => {
      await manager().post('/api/operations/sites', site('RACE-01'));
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => manager().patch('/api/operations/sites/RACE-01', { location: `Hall ${i + 10}` }, { 'if-match': '"0"' })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 412)).toHaveLength(9);
      const history = await manager().get('/api/operations/sites/RACE-01/history');
      expect(history.body.items.map((e: { revision: number }) => e.revision)).toEqual([0, 1]);
    });
  });

  describe('Idempotency-Key', () => {
    /** A site registered for the test and the body of an inspection of it, with an uploaded photo. */
    const inspectionOnNewSite = async (siteId: string) => {
      const photo = await h.as('li', 'ops-staff').upload(fakePhoto());
      await manager().post('/api/operations/sites', site(siteId));
      return {
        siteId,
        performedAt: '2026-11-25T09:00:00+08:00',
        checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
        photos: [{ blobId: photo.body.blobId }],
      };
    };

    it('returns the first response to a retry and creates one resource', async () => {
      const body = await inspectionOnNewSite('IDEM-01');
      const key = { 'idempotency-key': 'inspection-IDEM-01-2026-11-25' };
      const [a, b] = await Promise.all([
        h.as('li', 'ops-staff').post('/api/operations/inspections', body, key),
        h.as('li', 'ops-staff').post('/api/operations/inspections', body, key),
      ]);
      const c = await h.as('li', 'ops-staff').post('/api/operations/inspections', body, key);
      expect(a.status).toBe(201);
      expect([b.body.id, c.body.id]).toEqual([a.body.id, a.body.id]);
      expect(c.headers['idempotent-replayed']).toBe('true');
      expect(c.headers.etag).toBe(a.headers.etag);
      await h.settle();
      const list = await h.as('li', 'ops-staff').get('/api/operations/inspections?siteId=IDEM-01');
      expect(list.body.items).toHaveLength(1);

      const reused = await h.as('li', 'ops-staff').post('/api/operations/inspections', { ...body, notes: 'different' }, key);
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const otherUser = await h.as('wang', 'ops-staff').post('/api/operations/inspections', body, key);
      expect(otherUser.body.id).not.toBe(a.body.id);
    });

    it('leaves a request without a valid token to the guard, refuses a malformed key, and replays only to a caller still holding the role', async () => {
      const body = await inspectionOnNewSite('IDEM-02');
      const noToken = await h.request('POST', '/api/operations/inspections', body, { 'idempotency-key': 'bad key!' });
      expect([noToken.status, noToken.body.code]).toEqual([401, 'TOKEN_MISSING']);
      const malformed = await h.as('li', 'ops-staff').post('/api/operations/inspections', body, { 'idempotency-key': 'bad key!' });
      expect([malformed.status, malformed.body.code, malformed.body.errors[0].field]).toEqual([400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key']);
      const key = { 'idempotency-key': 'inspection-IDEM-02-roles' };
      const first = await h.as('li', 'ops-staff').post('/api/operations/inspections', body, key);
      expect([first.status, first.body.code]).toEqual([201, undefined]);
      // The same person without the role the first request was allowed as: the guard answers, not the stored response.
      const demoted = await h.as('li', 'sales').post('/api/operations/inspections', body, key);
      expect([demoted.status, demoted.body.code, demoted.headers['idempotent-replayed']]).toEqual([403, 'ROLE_NOT_ALLOWED', undefined]);
      const retried = await h.as('li', 'ops-staff').post('/api/operations/inspections', body, key);
      expect([retried.status, retried.body.id, retried.headers['idempotent-replayed']]).toEqual([201, first.body.id, 'true']);
    });
  });

  describe('platform endpoints', () => {
    it('serves the OpenAPI document and Swagger UI without a token', async () => {
      const doc = await h.request('GET', '/openapi.json');
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/operations/sites', '/api/operations/faults/{faultId}/close', '/api/evidence']));
      expect(doc.body.components.schemas.RegisterSiteDto.required).toEqual(expect.arrayContaining(['siteId', 'faces']));
      const ui = await h.request('GET', '/docs');
      expect(ui.status).toBe(200);
      expect(String(ui.body)).toContain('swagger');
    });

    it('reports health and Prometheus metrics with command latency, appends and lag', async () => {
      const health = await h.request('GET', '/health');
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('ok');
      expect(typeof health.body.caughtUp).toBe('boolean');
      expect(Object.keys(health.body.checks.consumers).length).toBeGreaterThan(0);
      expect(Object.values(health.body.checks.consumers).every((n) => typeof n === 'number')).toBe(true);
      // Once the projections and the bus consumers have handled everything, it says so.
      const until = Date.now() + 10_000;
      let settled = health.body;
      while (!settled.caughtUp && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        settled = (await h.request('GET', '/health')).body;
      }
      expect(settled.caughtUp).toBe(true);
      expect(settled.checks.subscriptions.every((s: { lag: number }) => s.lag === 0)).toBe(true);
      const metrics = await h.request('GET', '/metrics');
      expect(metrics.headers['content-type']).toContain('text/plain');
      expect(metrics.body).toContain('command_duration_seconds_bucket{le="0.005",command="RegisterSite",outcome="ok"}');
      expect(metrics.body).toMatch(/events_appended_total \d+/);
      expect(metrics.body).toContain('subscription_lag_events{subscription="projection:operations.sites"}');
    });

    it('echoes a caller correlation id, or makes one, on every response', async () => {
      const given = await h.request('GET', '/health', undefined, { 'x-correlation-id': 'corr-12345678' });
      expect(given.headers['x-correlation-id']).toBe('corr-12345678');
      const made = await h.request('GET', '/health');
      expect(String(made.headers['x-correlation-id'])).toMatch(/^[0-9a-f-]{36}$/);
      const missing = await h.request('GET', '/api/nothing-here');
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('evidence', () => {
    it('stores uploads content-addressed and proves them intact', async () => {
      const bytes = fakePhoto('masthead');
      const up = await h.as('li', 'ops-staff').upload(bytes);
      expect(up.status).toBe(201);
      expect(up.body.sha256).toBe(require('node:crypto').createHash('sha256').update(bytes).digest('hex'));
      const verify = await h.as('li', 'ops-staff').get(`/api/evidence/${up.body.blobId}/verification`);
      expect(verify.body.intact).toBe(true);
      const down = await h.as('li', 'ops-staff').get(`/api/evidence/${up.body.blobId}`);
      expect(down.headers['x-content-sha256']).toBe(up.body.sha256);
      expect((await h.as('li', 'ops-staff').upload(Buffer.from('MZ'), 'application/x-msdownload', 'x.exe')).status).toBe(400);
      expect((await h.request('POST', '/api/evidence', {}, { authorization: `Bearer ${h.token('li', 'ops-staff')}` })).status).toBe(400);
    });
  });

  describe('rate limiting', () => {
    const limited = new PlatformHarness();
    beforeAll(() => limited.start({ rateLimitPerMinute: 5 }));
    afterAll(() => limited.stop());

    it('answers 429 problem+json with Retry-After past the limit, per caller, and keeps health reachable', async () => {
      const statuses: number[] = [];
      let last: { status: number; headers: Record<string, unknown>; body: any } | undefined;
      // One credential for the whole burst (minting per request could cross a second and make a new token).
      const burst = { authorization: `Bearer ${limited.token('burst', 'ops-staff')}` };
      for (let i = 0; i < 7; i++) {
        last = await limited.request('GET', '/api/operations/sites', undefined, burst);
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      expect(last!.headers['retry-after']).toBeDefined();
      expect(last!.headers['content-type']).toContain('application/problem+json');
      expect(last!.body.code).toBe('RATE_LIMITED');
      expect((await limited.as('calm', 'ops-staff').get('/api/operations/sites')).status).toBe(200);
      expect((await limited.request('GET', '/health')).status).toBe(200);
    });
  });
});
