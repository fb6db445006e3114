import type { ReadModelStore } from '@ooh/eventing';
import { READ_MODELS, ROLES } from '@ooh/http-kit';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { fakePhoto, PlatformHarness, type Reply } from './testing/platform-harness';
import { strictSchema, type OpenApiDocument, type OpenApiSchema } from './testing/strict-schema';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  pattern?: string;
  maximum?: number;
}
interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean; example?: unknown; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Route {
  method: Method;
  path: string;
  op: Operation;
}

/** Everything the problem-details filter may put in an error body (RFC 9457 plus our code, errors and correlation id). */
const PROBLEM_FIELDS = ['type', 'title', 'status', 'detail', 'code', 'instance', 'errors', 'correlationId'];
const MALFORMED_IDS = ['..%2F..%2Fetc%2Fpasswd', '%2e%2e', 'x%00y', '%00', 'a'.repeat(5000), '%FF', '9'.repeat(300), 'b'.repeat(99)];
const FORGED = { actor: { userId: 'boss', role: 'admin' }, by: { userId: 'boss', role: 'admin' }, userId: 'boss', approvedBy: 'boss', recordedBy: 'boss' };
const SITE = 'SEC-LED-01';

describe('security: four eyes, object access, response shapes, resource abuse, forged actors', () => {
  const h = new PlatformHarness();
  const as = (user: string, ...roles: string[]) => h.as(user, ...roles);
  const prober = () => ({ authorization: `Bearer ${h.token('prober', ...ROLES)}` });
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  let blobId: string;
  let bookings = 0;

  beforeAll(async () => {
    await h.start({ rateLimitPerMinute: 0, bookingApprovals: 1 });
    doc = (await h.request('GET', '/openapi.json')).body;
    blobId = (await as('li', 'ops-staff').upload(fakePhoto('security'))).body.blobId;
    await as('mei', 'ops-manager').post('/api/operations/sites', {
      siteId: SITE,
      city: 'Chongqing',
      station: 'North',
      location: 'Hall 1',
      kind: 'led-screen',
      faces: ['A'],
      landlordAuthority: 'CRM',
    });
  });
  afterAll(() => h.stop());

  // ---------- helpers ----------
  const headPosition = async (): Promise<number> => (await h.request('GET', '/health')).body.checks.headPosition;
  const history = async (url: string): Promise<any[]> => (await as('auditor', 'admin').get(url)).body.items;
  const routes = (): Route[] =>
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ method: m.toUpperCase() as Method, path, op })));
  const deref = (s: Schema): Schema => (s.$ref ? deref(doc.components.schemas[s.$ref.split('/').pop()!]) : s.allOf?.length === 1 ? deref(s.allOf[0]) : s);
  const isProblem = (res: Reply) =>
    String(res.headers['content-type']).startsWith('application/problem+json') &&
    res.body.status === res.status &&
    /^[A-Z][A-Z0-9_]+$/.test(res.body.code) &&
    Object.keys(res.body).every((k) => PROBLEM_FIELDS.includes(k));
  const fields = (res: Reply): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  /** A body the route's DTO accepts, built from its request schema (examples, first enum value, the uploaded blob). */
  function sample(schema: Schema): unknown {
    const s = deref(schema);
    if (s.enum) return s.enum[0];
    if (s.type === 'array') return [sample(s.items!)];
    if (s.properties) return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, sample(v)]));
    if (s.example !== undefined) return s.example;
    if (s.pattern === '^[a-f0-9]{64}$') return blobId;
    return s.type === 'number' || s.type === 'integer' ? 1 : s.type === 'boolean' ? true : 'x';
  }
  /** A GET's required query parameters from their documented examples, so the id is what the route answers about. */
  function requiredQuery(route: Route): string {
    const required = (route.op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
    return required.length ? `?${required.map((p) => `${p.name}=${encodeURIComponent(String(p.example ?? p.schema?.example))}`).join('&')}` : '';
  }

  function call(route: Route, id: string): Promise<Reply> {
    const body = route.op.requestBody?.content['application/json'];
    const url = route.path.replace(/\{[^}]+\}/, id) + (route.method === 'GET' ? requiredQuery(route) : '');
    return h.request(route.method, url, route.method === 'GET' ? undefined : body ? sample(body.schema) : {}, prober());
  }

  const strict = (schema: Schema): object => strictSchema(doc as unknown as OpenApiDocument, schema as OpenApiSchema);

  async function resolvedFault(resolver: string): Promise<string> {
    const id = (await as('li', 'ops-staff').post('/api/operations/faults', { siteId: SITE, severity: 'minor', description: 'Left module dark' })).body.id;
    await as('li', 'ops-staff').post(`/api/operations/faults/${id}/acknowledge`, {});
    expect((await as(resolver, 'ops-staff').post(`/api/operations/faults/${id}/resolve`, { action: 'Replaced it', photos: [{ blobId }] })).status).toBe(200);
    return id;
  }
  async function submittedBooking(requester: string, submitter: string, reviser?: string): Promise<string> {
    const month = String(++bookings).padStart(2, '0');
    const requested = await as(requester, 'sales').post('/api/operations/bookings', {
      advertiser: { name: 'Chongqing Beer Co.' },
      faces: [{ siteId: SITE, face: 'A' }],
      period: { start: `2027-${month}-01`, end: `2027-${month}-10` },
      creative: { description: 'Spot', kind: 'video', files: [{ blobId }] },
      amountFen: 10_000,
      currency: 'CNY',
    });
    expect(requested.status).toBe(201);
    if (reviser) {
      const revised = await as(reviser, 'sales').post(`/api/operations/bookings/${requested.body.id}/revise-creative`, {
        creative: { description: 'Bigger logo', kind: 'video', files: [{ blobId }] },
      });
      expect(revised.status).toBe(200);
    }
    expect((await as(submitter, 'ops-manager').post(`/api/operations/bookings/${requested.body.id}/submit-for-review`, {})).status).toBe(200);
    return requested.body.id;
  }
  async function proposedSchedule(proposer: string): Promise<string> {
    const id = await submittedBooking('xiao', 'mei');
    await as('tan', 'executive').post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    await as('li', 'ops-staff').post(`/api/operations/bookings/${id}/landlord-decision`, { authority: 'CRM', decision: 'approve', reference: 'CRM-1' });
    await h.settle();
    const receivable = (await as('fang', 'finance').get('/api/finance/receivables?limit=200')).body.items.find((r: any) => r.source.id === id);
    await as('fang', 'finance').post(`/api/finance/receivables/${receivable.receivableId}/payments`, {
      amountFen: 10_000,
      currency: 'CNY',
      reference: 'ICBC-1',
      receivedOn: '2026-11-25',
    });
    await h.settle();
    const postingDate = (await as('xiao', 'sales').get(`/api/operations/bookings/${id}`)).body.period.start;
    expect(
      (await as(proposer, 'ops-manager').post(`/api/operations/bookings/${id}/propose-schedule`, { postingDate, production: 'video-by-design' })).status,
    ).toBe(200);
    return id;
  }
  const payable = async (requester: string, amountFen = 6_000_000): Promise<string> =>
    (
      await as(requester, 'ops-manager').post('/api/finance/payables', {
        vendor: { vendorId: 'v1', name: 'Bright Signs' },
        milestone: 'full',
        amountFen,
        currency: 'CNY',
        purpose: 'Rent',
      })
    ).body.id;
  const expense = async (requester: string, amountFen = 800_000): Promise<string> =>
    (
      await as(requester, 'ops-staff').post('/api/finance/expenses', {
        department: 'operations',
        category: 'maintenance',
        amountFen,
        currency: 'CNY',
        purpose: 'Bulbs',
      })
    ).body.id;
  async function incurredExpense(requester: string): Promise<string> {
    const id = await expense(requester, 30_000);
    await as('fang', 'finance').post(`/api/finance/expenses/${id}/approve`, {});
    expect(
      (
        await as(requester, 'ops-staff').post(`/api/finance/expenses/${id}/incurred`, {
          amountFen: 28_000,
          currency: 'CNY',
          incurredOn: '2026-11-25',
          receipt: [{ blobId }],
        })
      ).status,
    ).toBe(200);
    return id;
  }

  // ---------- 1. four eyes ----------
  type Target = [url: string, body: object, historyUrl: string];
  const fault = (id: string, action: string, body: object): Target => [`/api/operations/faults/${id}/${action}`, body, `/api/operations/faults/${id}/history`];
  const booking = (id: string, action: string, body: object): Target => [
    `/api/operations/bookings/${id}/${action}`,
    body,
    `/api/operations/bookings/${id}/history`,
  ];
  const finance = (kind: string, id: string, action: string, body: object): Target => [
    `/api/finance/${kind}/${id}/${action}`,
    body,
    `/api/finance/${kind}/${id}/history`,
  ];
  const FOUR_EYES: Array<{ rule: string; roles: string[]; other: [string, string]; prepare: (self: string) => Promise<Target> }> = [
    {
      rule: 'closing a fault, by its resolver',
      roles: ['ops-manager'],
      other: ['zhao', 'ops-manager'],
      prepare: async (self) => fault(await resolvedFault(self), 'close', {}),
    },
    {
      rule: 'rejecting a resolution, by its resolver',
      roles: ['ops-manager'],
      other: ['zhao', 'ops-manager'],
      prepare: async (self) => fault(await resolvedFault(self), 'reject-resolution', { reason: 'Streaks' }),
    },
    {
      rule: 'reviewing a booking, by its requester',
      roles: ['executive'],
      other: ['tan', 'executive'],
      prepare: async (self) => booking(await submittedBooking(self, 'mei'), 'internal-review', { decision: 'approve' }),
    },
    {
      rule: 'reviewing a booking, by its submitter',
      roles: ['executive'],
      other: ['tan', 'executive'],
      prepare: async (self) => booking(await submittedBooking('xiao', self), 'internal-review', { decision: 'approve' }),
    },
    {
      rule: 'reviewing a booking, by whoever supplied its creative',
      roles: ['executive'],
      other: ['tan', 'executive'],
      prepare: async (self) => {
        const id = await submittedBooking('xiao', 'mei', self);
        return booking(id, 'internal-review', { decision: 'approve' });
      },
    },
    {
      rule: 'approving a schedule, by its proposer',
      roles: ['executive'],
      other: ['tan', 'executive'],
      prepare: async (self) => booking(await proposedSchedule(self), 'approve-schedule', {}),
    },
    {
      rule: 'approving a payable, by its requester',
      roles: ['finance', 'executive'],
      other: ['fang', 'finance'],
      prepare: async (self) => finance('payables', await payable(self), 'approve', {}),
    },
    {
      rule: 'rejecting a payable, by its requester',
      roles: ['finance', 'executive'],
      other: ['fang', 'finance'],
      prepare: async (self) => finance('payables', await payable(self), 'reject', { reason: 'No contract' }),
    },
    {
      rule: 'the executive approval of a payable, by its finance approver',
      roles: ['executive'],
      other: ['tan', 'executive'],
      prepare: async (self) => {
        const id = await payable('mei');
        expect((await as(self, 'finance').post(`/api/finance/payables/${id}/approve`, {})).body.status).toBe('finance-approved');
        return finance('payables', id, 'approve', {});
      },
    },
    {
      rule: 'approving an expense, by its requester',
      roles: ['finance', 'executive'],
      other: ['fang', 'finance'],
      prepare: async (self) => finance('expenses', await expense(self), 'approve', {}),
    },
    {
      rule: 'rejecting an expense, by its requester',
      roles: ['finance', 'executive'],
      other: ['fang', 'finance'],
      prepare: async (self) => finance('expenses', await expense(self), 'reject', { reason: 'Not budgeted' }),
    },
    {
      rule: 'the executive approval of an expense, by its finance approver',
      roles: ['executive'],
      other: ['tan', 'executive'],
      prepare: async (self) => {
        const id = await expense('li');
        expect((await as(self, 'finance').post(`/api/finance/expenses/${id}/approve`, {})).body.status).toBe('finance-approved');
        return finance('expenses', id, 'approve', {});
      },
    },
    {
      rule: 'reimbursing an expense, to its requester',
      roles: ['finance'],
      other: ['zhou', 'finance'],
      prepare: async (self) => finance('expenses', await incurredExpense(self), 'reimburse', { paymentReference: 'CASH-1' }),
    },
  ];

  describe('four eyes, whatever the role: admin has no bypass', () => {
    it.each(FOUR_EYES.map((r, i) => [r.rule, r, i] as const))(
      'refuses %s, with the approving role and admin, writing nothing; another person succeeds',
      async (_rule, r, i) => {
        const self = `self-${i}`;
        const [url, body, historyUrl] = await r.prepare(self);
        // What the preparation set off in the background (the work queue's records) is done first.
        for (let n = 0; n < 3; n++) await h.settle();
        const before = [(await history(historyUrl)).length, await headPosition()];
        for (const role of r.roles) {
          for (const roles of [
            [role, 'admin'],
            ['admin', role],
          ]) {
            const res = await as(self, ...roles).post(url, body);
            expect([res.status, res.body.code, isProblem(res)]).toEqual([403, 'FOUR_EYES_VIOLATION', true]);
          }
        }
        expect([(await history(historyUrl)).length, await headPosition()]).toEqual(before);
        const ok = await as(...r.other).post(url, body);
        expect(ok.status).toBe(200);
        expect((await history(historyUrl)).at(-1).actor).toEqual({ userId: r.other[0], role: r.other[1] });
      },
    );
  });

  // ---------- 2. object access ----------
  describe('object access by id', () => {
    const idRoutes = () => routes().filter((r) => r.path.includes('{'));

    it('answers guessed and foreign ids with 404 problem+json and a stable *_NOT_FOUND code on every id route, writing nothing', async () => {
      const foreignFault = await resolvedFault('li');
      const foreignExpense = await expense('li');
      const before = await headPosition();
      const wrong: string[] = [];
      expect(idRoutes().length).toBeGreaterThan(50);
      for (const route of idRoutes()) {
        for (const id of [randomUUID(), route.path.includes('{faultId}') ? foreignExpense : foreignFault]) {
          const res = await call(route, id);
          if (res.status !== 404 || !isProblem(res) || !/_NOT_FOUND$/.test(res.body.code))
            wrong.push(`${route.method} ${route.path} ${id}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(await headPosition()).toBe(before);
    });

    it('answers malformed ids (traversal, NUL, very long, bad escapes) with 400 or 404 problem+json, never 5xx, writing nothing', async () => {
      const before = await headPosition();
      const wrong: string[] = [];
      for (const route of idRoutes()) {
        for (const id of MALFORMED_IDS) {
          const res = await call(route, id);
          if (![400, 404].includes(res.status) || !isProblem(res))
            wrong.push(`${route.method} ${route.path} ${id.slice(0, 20)}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(await headPosition()).toBe(before);
      const traversal = await h.request('GET', '/api/evidence/..%2F..%2F..%2Fetc%2Fpasswd', undefined, prober());
      expect([traversal.status, traversal.body.code]).toEqual([404, 'EVIDENCE_NOT_FOUND']);
      expect(traversal.headers['x-correlation-id']).toBe(traversal.body.correlationId);
    });
  });

  // ---------- 3. response shapes ----------
  describe('responses carry nothing beyond their schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const schemaOf = (path: string) => doc.paths[path]?.get?.responses?.['200']?.content?.['application/json']?.schema;

    it('validates representative GET responses strictly against the OpenAPI document', async () => {
      const faultId = await resolvedFault('li');
      await as('zhao', 'ops-manager').post(`/api/operations/faults/${faultId}/close`, { note: 'Checked' });
      const bookingId = await proposedSchedule('mei');
      const receivableId = (await as('fang', 'finance').get('/api/finance/receivables?limit=1')).body.items[0].receivableId;
      const payableId = await payable('mei', 100);
      await as('fang', 'finance').post(`/api/finance/payables/${payableId}/approve`, {});
      const expenseId = await incurredExpense('li');
      const inspectionId = (
        await as('li', 'ops-staff').post('/api/operations/inspections', {
          siteId: SITE,
          performedAt: '2026-11-25T01:00:00Z',
          checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
          photos: [{ blobId }],
        })
      ).body.id;
      const maintenanceId = (
        await as('li', 'ops-staff').post('/api/operations/maintenance', {
          siteId: SITE,
          performedAt: '2026-11-25T01:00:00Z',
          powerCycle: { offAt: '2026-11-24T22:00:00+08:00', onAt: '2026-11-25T09:00:00+08:00' },
          cleaning: 'done',
          photos: [{ blobId }],
        })
      ).body.id;
      const jobId = (await as('mei', 'ops-manager').post('/api/operations/installation-jobs', { siteId: SITE, faces: ['A'], description: 'New light box' }))
        .body.id;
      await as('mei', 'ops-manager').post(`/api/operations/installation-jobs/${jobId}/quotes`, {
        vendor: { vendorId: 'V1', name: 'Bright Signs' },
        amountFen: 120_000,
        currency: 'CNY',
        evidence: [{ blobId }],
      });
      await h.settle();
      const checks: Array<[template: string, url: string]> = [
        ['/api/operations/inspections/{inspectionId}', `/api/operations/inspections/${inspectionId}`],
        ['/api/operations/inspections/{inspectionId}', `/api/operations/inspections/${inspectionId}?asOf=2026-11-26T00:00:00%2B08:00`],
        ['/api/operations/inspections', `/api/operations/inspections?siteId=${SITE}`],
        ['/api/operations/maintenance/{maintenanceId}', `/api/operations/maintenance/${maintenanceId}`],
        ['/api/operations/maintenance/{maintenanceId}', `/api/operations/maintenance/${maintenanceId}?asOf=2026-11-26T00:00:00%2B08:00`],
        ['/api/operations/maintenance', `/api/operations/maintenance?siteId=${SITE}`],
        ['/api/operations/installation-jobs/{jobId}', `/api/operations/installation-jobs/${jobId}`],
        ['/api/operations/installation-jobs/{jobId}', `/api/operations/installation-jobs/${jobId}?asOf=2026-11-26T00:00:00%2B08:00`],
        ['/api/operations/installation-jobs', '/api/operations/installation-jobs'],
        ['/api/finance/expenses/{expenseId}', `/api/finance/expenses/${expenseId}?asOf=2026-11-26T00:00:00%2B08:00`],
        ['/api/operations/availability', '/api/operations/availability?from=2027-01-01&to=2027-01-31'],
        ['/api/operations/posting-register', '/api/operations/posting-register?from=2026-01-01&to=2027-12-31'],
        ['/api/operations/proof-of-play', '/api/operations/proof-of-play'],
        ['/api/finance/reports/receivables-aging', '/api/finance/reports/receivables-aging'],
        ['/api/finance/reports/payables-due', '/api/finance/reports/payables-due?from=2026-11-01&to=2026-12-31'],
        ['/api/finance/reports/expense-ledger', '/api/finance/reports/expense-ledger?month=2026-11'],
        ['/api/admin/flow', '/api/admin/flow'],
        ['/api/admin/dead-letters', '/api/admin/dead-letters'],
        ['/api/evidence/{blobId}/verification', `/api/evidence/${blobId}/verification`],
        ['/api/evidence-archive', '/api/evidence-archive'],
        ['/api/evidence-archive/{blobId}', `/api/evidence-archive/${blobId}`],
        ['/api/admin/backups', '/api/admin/backups'],
        ['/api/operations/sites/{siteId}', `/api/operations/sites/${SITE}`],
        ['/api/operations/sites/{siteId}', `/api/operations/sites/${SITE}?asOf=2026-11-26T00:00:00%2B08:00`],
        ['/api/operations/sites', '/api/operations/sites?limit=5'],
        ['/api/operations/sites/{siteId}/history', `/api/operations/sites/${SITE}/history`],
        ['/api/operations/faults/{faultId}', `/api/operations/faults/${faultId}`],
        ['/api/operations/faults', '/api/operations/faults?limit=1'],
        ['/api/operations/faults/{faultId}/history', `/api/operations/faults/${faultId}/history`],
        ['/api/operations/bookings/{bookingId}', `/api/operations/bookings/${bookingId}`],
        ['/api/operations/bookings', '/api/operations/bookings'],
        ['/api/operations/bookings/{bookingId}/history', `/api/operations/bookings/${bookingId}/history`],
        ['/api/finance/receivables/{receivableId}', `/api/finance/receivables/${receivableId}`],
        ['/api/finance/receivables', '/api/finance/receivables'],
        ['/api/finance/payables/{payableId}', `/api/finance/payables/${payableId}`],
        ['/api/finance/payables', '/api/finance/payables?limit=2'],
        ['/api/finance/payables/{payableId}/history', `/api/finance/payables/${payableId}/history`],
        ['/api/finance/expenses/{expenseId}', `/api/finance/expenses/${expenseId}`],
        ['/api/finance/expenses', '/api/finance/expenses?status=incurred'],
        ['/api/finance/expenses/{expenseId}/history', `/api/finance/expenses/${expenseId}/history`],
      ];
      const wrong: string[] = [];
      for (const [template, url] of checks) {
        const schema = schemaOf(template);
        if (!schema) {
          wrong.push(`${template}: no response schema`);
          continue;
        }
        const validate = ajv.compile(strict(schema));
        const res = await h.request('GET', url, undefined, prober());
        expect(res.status).toBe(200);
        if (!validate(res.body)) wrong.push(`${url}: ${ajv.errorsText(validate.errors)}`);
        // The validator itself must catch a leaked internal field (in the first item of a page that has one).
        const item = Array.isArray(res.body.items) && res.body.items.length > 0 ? res.body.items[0] : undefined;
        const leaked = item ? { ...res.body, items: [{ ...item, _position: 7 }] } : { ...res.body, _position: 7 };
        expect(validate(leaked)).toBe(false);
      }
      expect(wrong).toEqual([]);
    });

    it('answers an unexpected failure with problem+json fields only: no stack, SQL or internal names', async () => {
      const store = h.platform.app.get<ReadModelStore>(READ_MODELS);
      const failure = Object.assign(new Error('SQLITE_ERROR: near "SELECT doc, _position FROM operations_faults": syntax error'), {
        stack: 'Error\n    at secret (/srv/store.ts:1:1)',
      });
      const id = randomUUID();
      const get = store.get.bind(store);
      const spy = jest
        .spyOn(store, 'get')
        .mockImplementation(((collection: string, key: string) => (key === id ? Promise.reject(failure) : get(collection, key))) as ReadModelStore['get']);
      const res = await as('li', 'ops-staff').get(`/api/operations/faults/${id}`);
      spy.mockRestore();
      expect(res.status).toBe(500);
      expect(isProblem(res)).toBe(true);
      expect(Object.keys(res.body).sort()).toEqual(['code', 'correlationId', 'detail', 'instance', 'status', 'title', 'type']);
      expect(res.body.code).toBe('INTERNAL_ERROR');
      expect(JSON.stringify(res.body)).not.toMatch(/SQLITE|SELECT|_position|operations_faults|stack|store\.ts/);
    });
  });

  // ---------- 4. resource abuse ----------
  describe('page sizes and bursts', () => {
    const lists = () => routes().filter((r) => r.method === 'GET' && !r.path.includes('{'));
    const limitOf = (r: Route) => r.op.parameters?.find((p) => p.in === 'query' && p.name === 'limit');

    it('refuses absurd page sizes on every paged list route naming limit, accepts the documented maximum, and never fails on the others', async () => {
      const paged = lists().filter(limitOf);
      expect(paged.length).toBeGreaterThanOrEqual(10);
      const wrong: string[] = [];
      for (const route of paged) {
        const max = limitOf(route)!.schema?.maximum;
        if (max === undefined || max > 1000) wrong.push(`${route.path}: no sane documented maximum (${max})`);
        for (const limit of ['1000000', '-1', 'abc', '0', '1.5', '1e9', String((max ?? 0) + 1), '']) {
          const res = await h.request('GET', `${route.path}?limit=${limit}`, undefined, prober());
          if (res.status !== 400 || !isProblem(res) || !fields(res).includes('limit')) wrong.push(`${route.path}?limit=${limit}: ${res.status}`);
        }
        const ok = await h.request('GET', `${route.path}?limit=${max}`, undefined, prober());
        if (ok.status !== 200 || ok.body.items.length > max!) wrong.push(`${route.path}?limit=${max}: ${ok.status}`);
      }
      for (const route of lists().filter((r) => !limitOf(r))) {
        const res = await h.request('GET', `${route.path}?limit=1000000`, undefined, prober());
        if (res.status >= 500 || (res.status === 200 && Array.isArray(res.body.items))) wrong.push(`${route.path} ignores limit: ${res.status}`);
      }
      expect(wrong).toEqual([]);
    });

    it('answers /health within 2 s during a burst of 200 parallel full-page list requests', async () => {
      for (let i = 0; i < 60; i++) {
        await as('mei', 'ops-manager').post('/api/operations/sites', {
          siteId: `SEC-BURST-${i}`,
          city: 'Chengdu',
          station: 'East',
          location: 'Hall',
          kind: 'tablet',
          faces: ['A', 'B'],
          landlordAuthority: 'CRM',
        });
      }
      await h.settle();
      const paged = lists().filter(limitOf);
      const burst = Array.from({ length: 200 }, (_, i) => h.request('GET', `${paged[i % paged.length].path}?limit=200`, undefined, prober()));
      const started = Date.now();
      const health = await h.request('GET', '/health');
      const elapsed = Date.now() - started;
      const results = await Promise.all(burst);
      expect(health.status).toBe(200);
      expect(elapsed).toBeLessThan(2000);
      expect(results.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
      expect(Math.max(...results.map((r) => r.body.items.length))).toBeGreaterThanOrEqual(61);
    });
  });

  // ---------- 5. the actor comes from the token ----------
  describe('the recorded actor is the token\u2019s', () => {
    const COMMANDS: Array<[name: string, user: string, role: string, prepare: () => Promise<[url: string, body: object, historyUrl: string]>]> = [
      [
        'requesting an expense',
        'eve',
        'sales',
        async () => ['/api/finance/expenses', { department: 'sales', category: 'travel', amountFen: 5_000, currency: 'CNY', purpose: 'Client visit' }, ''],
      ],
      [
        'acknowledging a fault',
        'wang',
        'ops-staff',
        async () => {
          const id = (await as('li', 'ops-staff').post('/api/operations/faults', { siteId: SITE, severity: 'major', description: 'Dark' })).body.id;
          return [`/api/operations/faults/${id}/acknowledge`, {}, `/api/operations/faults/${id}/history`];
        },
      ],
      ['approving a payable', 'fang', 'finance', async () => finance('payables', await payable('mei', 100), 'approve', {})],
      [
        'submitting a booking for review',
        'mei',
        'ops-manager',
        async () => {
          const id = (
            await as('xiao', 'sales').post('/api/operations/bookings', {
              advertiser: { name: 'Tea' },
              faces: [{ siteId: SITE, face: 'A' }],
              period: { start: '2028-01-01', end: '2028-01-05' },
              creative: { description: 'Spot', kind: 'video', files: [{ blobId }] },
              amountFen: 100,
              currency: 'CNY',
            })
          ).body.id;
          return booking(id, 'submit-for-review', {});
        },
      ],
      [
        'taking a site out of service',
        'li',
        'ops-staff',
        async () => [`/api/operations/sites/${SITE}/take-out-of-service`, { reason: 'faulty', note: 'Dark' }, `/api/operations/sites/${SITE}/history`],
      ],
    ];

    it.each(COMMANDS)(
      'refuses %s carrying actor, by, userId, approvedBy or recordedBy, naming them; the accepted one records the token\u2019s sub and role',
      async (_name, user, role, prepare) => {
        const [url, body, historyUrl] = await prepare();
        const before = await headPosition();
        const forged = await as(user, role).post(url, { ...body, ...FORGED });
        expect([forged.status, forged.body.code, isProblem(forged)]).toEqual([400, 'VALIDATION_FAILED', true]);
        expect(fields(forged).sort()).toEqual(Object.keys(FORGED).sort());
        expect(await headPosition()).toBe(before);
        const accepted = await as(user, 'admin', role).post(url, body);
        expect(accepted.status).toBeLessThan(300);
        const last = (await history(historyUrl || `${url}/${accepted.body.id}/history`)).at(-1);
        expect(last.actor).toEqual({ userId: user, role });
        expect(last.data.by).toEqual({ userId: user, role });
      },
    );

    it('refuses a forged approver nested in a body', async () => {
      const res = await as('mei', 'ops-manager').post('/api/finance/payables', {
        vendor: { vendorId: 'v9', name: 'Signs', approvedBy: 'boss' },
        milestone: 'full',
        amountFen: 100,
        currency: 'CNY',
        purpose: 'x',
      });
      expect([res.status, fields(res)]).toEqual([400, ['vendor.approvedBy']]);
    });
  });
});
