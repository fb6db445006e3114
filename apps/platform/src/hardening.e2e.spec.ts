import { exifPhoto } from '@ooh/eventing-testing';
import { fakePhoto, PlatformHarness } from './testing/platform-harness';

/** Regression tests of the hardening issue, each named after its item. */
describe('hardening: what an attacker and a new user found', () => {
  const h = new PlatformHarness();
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');
  const sales = () => h.as('xiao', 'sales');
  const requester = () => h.as('chen', 'media-manager');

  beforeAll(async () => {
    await h.start({ rateLimitPerMinute: 0 });
    for (const siteId of ['HRD-LED-01', 'HRD-LED-02']) {
      await manager().post('/api/operations/sites', {
        siteId,
        city: 'Chongqing',
        station: 'North',
        location: 'Hall',
        kind: 'led-screen',
        faces: ['A'],
        landlordAuthority: 'CRM',
      });
    }
  });
  afterAll(() => h.stop());

  it('1. an array of 340,000 items is refused before any item is validated, and a problem lists at most 20 errors', async () => {
    const expense = await requester().post('/api/finance/expenses', {
      department: 'media',
      category: 'office',
      amountFen: 100,
      currency: 'CNY',
      purpose: 'Paper',
    });
    const started = Date.now();
    const huge = await requester().post(`/api/finance/expenses/${expense.body.id}/incurred`, {
      amountFen: 100,
      currency: 'CNY',
      incurredOn: '2026-11-25',
      receipt: Array.from({ length: 340_000 }, () => ({})),
    });
    // Measured before the body is parsed: nothing is built from it.
    expect([huge.status, huge.body.code, huge.body.errors]).toEqual([400, 'ARRAY_TOO_LONG', [{ field: 'receipt', message: 'at most 1000 items' }]]);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Within the body's bound but beyond the field's own: refused before any item is validated.
    const long = await requester().post(`/api/finance/expenses/${expense.body.id}/incurred`, {
      amountFen: 100,
      currency: 'CNY',
      incurredOn: '2026-11-25',
      receipt: Array.from({ length: 900 }, () => ({})),
    });
    expect([long.status, long.body.code, long.body.errors]).toEqual([400, 'ARRAY_TOO_LONG', [{ field: 'receipt', message: 'at most 500 items' }]]);
    const many = await requester().post(`/api/finance/expenses/${expense.body.id}/incurred`, {
      amountFen: 100,
      currency: 'CNY',
      incurredOn: '2026-11-25',
      receipt: Array.from({ length: 40 }, () => ({})),
    });
    expect(many.status).toBe(400);
    expect(many.body.errors).toHaveLength(20);
    expect(many.body.errorCount).toBeGreaterThan(20);
  });

  it('4. malformed instants and impossible calendar dates are 400 naming the field, never 500', async () => {
    for (const asOf of ['2026-13-01T00:00Z', '2026-12-01T25:00Z', '2026-12-01T10:00%2B99:99', '2026-12-01T10:00:61Z']) {
      const res = await staff().get(`/api/operations/sites/HRD-LED-01?asOf=${asOf}`);
      expect([asOf, res.status, res.body.errors?.[0]?.field]).toEqual([asOf, 400, 'asOf']);
    }
    const checks = { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true };
    for (const performedAt of ['2026-W49-3T10:00:00Z', '2026-335T10:00:00Z', '-2026-12-01T10:00:00Z']) {
      const res = await staff().post('/api/operations/inspections', { siteId: 'HRD-LED-01', performedAt, checks, photos: [] });
      expect([performedAt, res.status, res.body.errors?.[0]?.field]).toEqual([performedAt, 400, 'performedAt']);
    }
    const aging = await h.as('fang', 'finance').get('/api/finance/reports/receivables-aging?asOf=2026-02-30');
    expect([aging.status, aging.body.errors?.[0]?.field]).toEqual([400, 'asOf']);
  });

  it('5. (bookings) a face is never held for ever, nor years ahead', async () => {
    const creative = { description: 'Spot', kind: 'video', files: [{ blobId: (await sales().upload(fakePhoto('forever'))).body.blobId }] };
    const request = (start: string, end: string) =>
      sales().post('/api/operations/bookings', {
        advertiser: { name: 'Forever Co.' },
        faces: [{ siteId: 'HRD-LED-01', face: 'A' }],
        period: { start, end },
        amountFen: 100,
        currency: 'CNY',
        creative,
      });
    const forever = await request('2027-01-01', '9999-12-31');
    expect([forever.status, forever.body.code]).toEqual([422, 'PERIOD_TOO_LONG']);
    const ahead = await request('2032-06-01', '2032-06-30');
    expect([ahead.status, ahead.body.code]).toEqual([422, 'PERIOD_TOO_FAR_AHEAD']);
  });

  it('5. (finance, site work) spent before approval, paid before approval, received tomorrow, inspected before the site existed: all refused, nothing written', async () => {
    const finance = () => h.as('fang', 'finance');
    const before = (await h.request('GET', '/health')).body.checks.headPosition;
    const expense = (
      await requester().post('/api/finance/expenses', { department: 'media', category: 'travel', amountFen: 50_000, currency: 'CNY', purpose: 'Train' })
    ).body.id;
    await finance().post(`/api/finance/expenses/${expense}/approve`, {}); // 09:00 on 2026-11-25, Shanghai
    const receipt = [{ blobId: (await requester().upload(fakePhoto('receipt'))).body.blobId }];
    const incurred = (incurredOn: string) =>
      requester().post(`/api/finance/expenses/${expense}/incurred`, { amountFen: 100, currency: 'CNY', incurredOn, receipt });
    const payable = (
      await manager().post('/api/finance/payables', {
        vendor: { vendorId: 'v5', name: 'Glass' },
        milestone: 'full',
        amountFen: 10_000,
        currency: 'CNY',
        purpose: 'Glass',
      })
    ).body.id;
    await finance().post(`/api/finance/payables/${payable}/approve`, {});
    const paid = (paidOn: string) => finance().post(`/api/finance/payables/${payable}/pay`, { paymentReference: 'OUT-5', paidOn });
    const checks = { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true };
    const photos = [{ blobId: (await staff().upload(fakePhoto())).body.blobId }];
    const inspected = (performedAt: string) => staff().post('/api/operations/inspections', { siteId: 'HRD-LED-01', performedAt, checks, photos });
    const written = (await h.request('GET', '/health')).body.checks.headPosition;
    expect(written).toBeGreaterThan(before);
    for (const [name, attempt, code] of [
      ['incurred 30 days ago', () => incurred('2026-10-26'), 'SPENT_BEFORE_APPROVAL'],
      ['incurred tomorrow', () => incurred('2026-11-26'), 'DATE_IN_FUTURE'],
      ['paid the day before approval', () => paid('2026-11-24'), 'PAID_BEFORE_APPROVAL'],
      ['paid tomorrow', () => paid('2026-11-26'), 'DATE_IN_FUTURE'],
      ['inspected in 1970', () => inspected('1970-01-01T08:00:00+08:00'), 'PERFORMED_BEFORE_REGISTRATION'],
      ['inspected in an hour', () => inspected('2026-11-25T10:00:00+08:00'), 'PERFORMED_IN_FUTURE'],
    ] as const) {
      const res = await attempt();
      expect([name, res.status, res.body.code]).toEqual([name, 422, code]);
    }
    expect((await h.request('GET', '/health')).body.checks.headPosition).toBe(written);
    expect((await incurred('2026-11-25')).status).toBe(200);
    expect((await paid('2026-11-25')).status).toBe(200);
  });

  it('6. money has an upper bound: beyond the safe integers and the business maximum it is refused', async () => {
    for (const amountFen of ['9007199254740993', '1e21', '1.8e308', '1000000000001']) {
      const body = `{"department":"media","category":"office","amountFen":${amountFen},"currency":"CNY","purpose":"Paper"}`;
      const res = await requester().post('/api/finance/expenses', body);
      expect([amountFen, res.status, res.body.errors?.[0]?.field]).toEqual([amountFen, 400, 'amountFen']);
    }
    expect(
      (
        await requester().post('/api/finance/expenses', {
          department: 'media',
          category: 'office',
          amountFen: 1_000_000_000_000,
          currency: 'CNY',
          purpose: 'Max',
        })
      ).status,
    ).toBe(201);
  });

  it('12. a command body must be a JSON object: [], "text", 42 and null are refused and change nothing', async () => {
    const fault = await staff().post('/api/operations/faults', { siteId: 'HRD-LED-01', severity: 'minor', description: 'Flicker' });
    for (const body of ['[]', '"text"', '42', 'null']) {
      const res = await staff().post(`/api/operations/faults/${fault.body.id}/acknowledge`, body);
      expect([body, res.status, res.body.code]).toEqual([body, 400, 'BODY_NOT_AN_OBJECT']);
    }
    await h.settle();
    expect((await staff().get(`/api/operations/faults/${fault.body.id}`)).body.status).toBe('open');
    expect((await staff().post(`/api/operations/faults/${fault.body.id}/acknowledge`)).status).toBe(200);
  });

  it('13. an inspection without checks is refused, naming checks', async () => {
    const photo = (await staff().upload(fakePhoto())).body.blobId;
    const res = await staff().post('/api/operations/inspections', {
      siteId: 'HRD-LED-01',
      performedAt: '2026-11-25T09:00:00+08:00',
      problems: [{ description: 'Dark', severity: 'minor' }],
      photos: [{ blobId: photo }],
    });
    expect([res.status, [...new Set(res.body.errors?.map((e: { field: string }) => e.field))]]).toEqual([400, ['checks']]);
  });

  it('14. twenty parallel requests for distinct days of one face all succeed: commands on one stream queue', async () => {
    const creative = { description: 'Spot', kind: 'video', files: [{ blobId: (await sales().upload(fakePhoto('spot'))).body.blobId }] };
    const requests = Array.from({ length: 20 }, (_, i) => {
      const day = `2027-01-${String(i + 1).padStart(2, '0')}`;
      return sales().post('/api/operations/bookings', {
        advertiser: { name: `Advertiser ${i}` },
        faces: [{ siteId: 'HRD-LED-02', face: 'A' }],
        period: { start: day, end: day },
        amountFen: 100,
        currency: 'CNY',
        creative,
      });
    });
    const answers = await Promise.all(requests);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
  });

  it('8. only the requester (or finance) records an expense as incurred, and the view says who did', async () => {
    const finance = () => h.as('fang', 'finance');
    const expense = (
      await requester().post('/api/finance/expenses', { department: 'media', category: 'travel', amountFen: 50_000, currency: 'CNY', purpose: 'Train' })
    ).body.id;
    await finance().post(`/api/finance/expenses/${expense}/approve`, {});
    const receipt = [{ blobId: (await requester().upload(fakePhoto('receipt'))).body.blobId }];
    const stranger = await h
      .as('wang', 'media-manager')
      .post(`/api/finance/expenses/${expense}/incurred`, { amountFen: 1, currency: 'CNY', incurredOn: '2026-11-25', receipt });
    expect([stranger.status, stranger.body.code]).toEqual([403, 'NOT_THE_REQUESTER']);
    expect(
      (await requester().post(`/api/finance/expenses/${expense}/incurred`, { amountFen: 48_000, currency: 'CNY', incurredOn: '2026-11-25', receipt })).status,
    ).toBe(200);
    await h.settle();
    expect((await finance().get(`/api/finance/expenses/${expense}`)).body).toMatchObject({ status: 'incurred', actualAmountFen: 48_000, incurredBy: 'chen' });
  });

  it('9. whoever requested a payable never pays it, even holding the finance role', async () => {
    const both = () => h.as('lin', 'ops-manager', 'finance');
    const payable = (
      await both().post('/api/finance/payables', {
        vendor: { vendorId: 'v1', name: 'Bulbs' },
        milestone: 'full',
        amountFen: 10_000,
        currency: 'CNY',
        purpose: 'Bulbs',
      })
    ).body.id;
    expect((await h.as('fang', 'finance').post(`/api/finance/payables/${payable}/approve`, {})).body.status).toBe('approved');
    const own = await both().post(`/api/finance/payables/${payable}/pay`, { paymentReference: 'OUT-9', paidOn: '2026-11-25' });
    expect([own.status, own.body.code]).toEqual([403, 'FOUR_EYES_VIOLATION']);
    expect((await h.as('fang', 'finance').post(`/api/finance/payables/${payable}/pay`, { paymentReference: 'OUT-9', paidOn: '2026-11-25' })).status).toBe(200);
  });

  it('16. the note sent with a fault acknowledgement is kept and shown', async () => {
    const fault = (await staff().post('/api/operations/faults', { siteId: 'HRD-LED-01', severity: 'minor', description: 'Flicker' })).body.id;
    await staff().post(`/api/operations/faults/${fault}/acknowledge`, { note: 'Wang is on the way' });
    await h.settle();
    expect((await staff().get(`/api/operations/faults/${fault}`)).body).toMatchObject({ status: 'acknowledged', acknowledgementNote: 'Wang is on the way' });
    const history = await staff().get(`/api/operations/faults/${fault}/history`);
    expect(history.body.items[1].data).toMatchObject({ note: 'Wang is on the way' });
  });

  it('16. a booking links to its receivables, which can be filtered by their source', async () => {
    const creative = { description: 'Spot', kind: 'video', files: [{ blobId: (await sales().upload(fakePhoto('link'))).body.blobId }] };
    const booking = await sales().post('/api/operations/bookings', {
      advertiser: { name: 'Link Co.' },
      faces: [{ siteId: 'HRD-LED-01', face: 'A' }],
      period: { start: '2027-02-01', end: '2027-02-10' },
      amountFen: 100,
      currency: 'CNY',
      creative,
    });
    await h.settle();
    const view = await sales().get(`/api/operations/bookings/${booking.body.id}`);
    expect(view.body.receivables).toBe(`/api/finance/receivables?sourceKind=booking&sourceId=${booking.body.id}`);
    const none = await h.as('fang', 'finance').get(view.body.receivables);
    expect([none.status, none.body.items]).toEqual([200, []]);
  });

  it('7. evidence: empty files and bytes that are not the declared type are refused; the first description stays; downloads are not sniffed', async () => {
    const empty = await staff().upload(Buffer.alloc(0));
    expect([empty.status, empty.body.code]).toEqual([422, 'EMPTY_FILE']);
    const html = await staff().upload(Buffer.from('<html><script>alert(1)</script></html>'), 'image/jpeg', 'x.jpg');
    expect([html.status, html.body.code]).toEqual([422, 'CONTENT_TYPE_MISMATCH']);
    const bytes = fakePhoto('first');
    const first = await staff().upload(bytes, 'image/jpeg', 'first.jpg');
    const again = await staff().upload(bytes, 'image/jpeg', 'renamed.jpg');
    expect(again.body).toEqual(first.body);
    const down = await staff().get(`/api/evidence/${first.body.blobId}`);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['content-disposition']).toBe(`attachment; filename="first.jpg"; filename*=UTF-8''first.jpg`);
    const broken = await h.request(
      'POST',
      '/api/evidence',
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8 no closing boundary',
      {
        authorization: `Bearer ${h.token('li', 'ops-staff')}`,
        'content-type': 'multipart/form-data; boundary=x',
      },
    );
    expect([broken.status, broken.body.code]).toEqual([400, 'MALFORMED_MULTIPART']);
  });

  it('7. a photo says when and where it was taken (EXIF), beside when and by whom it was uploaded, in the upload and in the facts that use it', async () => {
    const photo = exifPhoto({ takenAt: '2026:11:25 08:40:00', offset: '+08:00', latitude: 29.6076, longitude: 106.5502 });
    const uploaded = await staff().upload(photo, 'image/jpeg', 'inspection.jpg');
    const captured = { at: '2026-11-25T00:40:00.000Z', offsetRecorded: true, latitude: 29.6076, longitude: 106.5502 };
    expect(uploaded.body).toMatchObject({ storedAt: '2026-11-25T01:00:00.000Z', storedBy: 'li', captured });
    const withoutExif = await staff().upload(fakePhoto('plain'), 'image/jpeg', 'plain.jpg');
    expect(withoutExif.body.captured).toBeUndefined();

    const inspection = await staff().post('/api/operations/inspections', {
      siteId: 'HRD-LED-02',
      performedAt: '2026-11-25T01:00:00Z',
      checks: { deviceRunning: true, adsCorrect: true, safetyHazardFound: false, clean: true },
      photos: [{ blobId: uploaded.body.blobId }, { blobId: withoutExif.body.blobId }],
    });
    expect(inspection.status).toBe(201);
    await h.settle();
    const view = await staff().get(`/api/operations/inspections/${inspection.body.id}`);
    expect(view.body.photos).toEqual([
      expect.objectContaining({ blobId: uploaded.body.blobId, storedAt: '2026-11-25T01:00:00.000Z', captured }),
      expect.not.objectContaining({ captured: expect.anything() }),
    ]);
    const history = await staff().get(`/api/operations/inspections/${inspection.body.id}/history`);
    expect(history.body.items[0].evidence[0]).toMatchObject({ captured });
  });

  it('15. the document states what the validators enforce, so a request it describes as valid is not refused with 400', async () => {
    const doc = (await h.request('GET', '/openapi.json')).body;
    const schemas = doc.components.schemas;
    // @IsNotEmpty, @Matches on each item, a DTO that only inherits its rules (PartialType), @IsInt
    expect(schemas.ReasonDto.properties.reason).toMatchObject({ minLength: 1, maxLength: 2000 });
    expect(schemas.UpdateSiteDto.properties.faces.items).toMatchObject({ pattern: '^[A-Za-z0-9_-]{1,20}$' });
    expect(schemas.RequestBookingDto.properties.amountFen).toMatchObject({ type: 'integer', minimum: 1 });
    // query parameters, through the DTO their handler takes
    const archive = doc.paths['/api/evidence-archive'].get;
    expect(archive.parameters.find((p: { name: string }) => p.name === 'category').schema).toMatchObject({ pattern: '^[a-z][a-z0-9-]{0,39}$' });
    expect(archive.parameters.find((p: { name: string }) => p.name === 'cursor').schema).toMatchObject({ pattern: '^[A-Za-z0-9_-]+$' });
    expect(Object.keys(archive.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '422', '429']));
    // A command that needs only its route may come without a body; commands document the 404 of an entity they name.
    const acknowledge = doc.paths['/api/operations/faults/{faultId}/acknowledge'].post;
    expect(acknowledge.requestBody.required).toBe(false);
    expect(Object.keys(doc.paths['/api/operations/bookings'].post.responses)).toContain('404');
    expect(Object.keys(doc.paths['/api/evidence'].post.responses)).toContain('201');
  });

  it('15. a method the API does not serve on a path it does is 405 with Allow, before the body is read; other paths stay 404', async () => {
    const query = await h.request('QUERY', '/api/evidence/abc', undefined, { authorization: `Bearer ${h.token('li', 'ops-staff')}` });
    expect([query.status, query.body.code, query.headers.allow]).toEqual([405, 'METHOD_NOT_ALLOWED', 'GET, HEAD']);
    const put = await h.request('PUT', '/api/operations/sites', { siteId: 'X' });
    expect([put.status, put.headers.allow]).toEqual([405, 'GET, HEAD, POST']);
    // The static route wins over the parametric one beside it, as in the document.
    const options = await h.request('OPTIONS', '/api/operations/proof-of-play/generate');
    expect([options.status, options.headers.allow]).toEqual([405, 'POST']);
    expect((await h.request('TRACE', '/api/nothing-here')).status).toBe(404);
  });
});
