import { exifPhoto } from '@ooh/eventing-testing';
import { fakePhoto, PlatformHarness } from './testing/platform-harness';

/** Hardening item 19: stored evidence filed by category, kind and month, with the facts referencing it; what nothing references. */
describe('evidence archive (hardening item 19)', () => {
  const h = new PlatformHarness();
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');
  const executive = () => h.as('tan', 'executive');
  const finance = () => h.as('fang', 'finance');
  const admin = () => h.as('root', 'admin');
  const checks = { deviceRunning: false, adsCorrect: true, safetyHazardFound: false, clean: true };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await h.start();
    await manager().post('/api/operations/sites', {
      siteId: 'ARC-01',
      city: 'Chongqing',
      station: 'North',
      location: 'Hall',
      kind: 'led-screen',
      faces: ['A'],
      landlordAuthority: 'CRM',
    });
    ids.inspectionPhoto = (
      await staff().upload(exifPhoto({ takenAt: '2026:11:25 08:50:00', offset: '+08:00', latitude: 29.6, longitude: 106.55 }), 'image/jpeg', 'dark.jpg')
    ).body.blobId;
    ids.repairPhoto = (await staff().upload(fakePhoto('repair'))).body.blobId;
    ids.unused = (await staff().upload(fakePhoto('never used'))).body.blobId;
    const inspection = await staff().post('/api/operations/inspections', {
      siteId: 'ARC-01',
      performedAt: '2026-11-25T01:00:00Z',
      checks,
      problems: [{ description: 'Left module dark', severity: 'major' }],
      photos: [{ blobId: ids.inspectionPhoto, caption: 'left module dark' }],
    });
    ids.inspection = inspection.body.id;
    await h.settle();
    ids.fault = (await staff().get('/api/operations/faults?siteId=ARC-01')).body.items[0].faultId;
    await staff().post(`/api/operations/faults/${ids.fault}/acknowledge`, {});
    await staff().post(`/api/operations/faults/${ids.fault}/resolve`, {
      action: 'Replaced the module',
      photos: [{ blobId: ids.inspectionPhoto }, { blobId: ids.repairPhoto }],
    });
    const expense = await h.as('chen', 'media-manager').post('/api/finance/expenses', {
      department: 'media',
      category: 'office',
      amountFen: 9_000,
      currency: 'CNY',
      purpose: 'Replacement module',
    });
    await finance().post(`/api/finance/expenses/${expense.body.id}/approve`, {});
    const receiptPdf = Buffer.from('%PDF-1.4\n% receipt for the replacement module\n%%EOF', 'latin1');
    ids.receipt = (await h.as('chen', 'media-manager').upload(receiptPdf, 'application/pdf', 'receipt.pdf')).body.blobId;
    const incurred = await h.as('chen', 'media-manager').post(`/api/finance/expenses/${expense.body.id}/incurred`, {
      amountFen: 9_000,
      currency: 'CNY',
      incurredOn: '2026-11-25',
      receipt: [{ blobId: ids.receipt }],
    });
    expect(incurred.status).toBe(200);
    ids.expense = expense.body.id;
    await h.settle();
  });
  afterAll(() => h.stop());

  it('lists every referenced piece of evidence for a reader of every category, with the facts and the upload', async () => {
    const all = await executive().get('/api/evidence-archive');
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: { blobId: string }) => i.blobId).sort()).toEqual([ids.inspectionPhoto, ids.repairPhoto, ids.receipt].sort());
    const photo = all.body.items.find((i: { blobId: string }) => i.blobId === ids.inspectionPhoto);
    expect(photo).toMatchObject({
      kind: 'photo',
      categories: ['fault', 'inspection'],
      month: '2026-11',
      referenceCount: 3,
      filename: 'dark.jpg',
      storedBy: 'li',
      storedAt: '2026-11-25T01:00:00.000Z',
      captured: { at: '2026-11-25T00:50:00.000Z', latitude: 29.6, longitude: 106.55 },
      references: [
        {
          category: 'inspection',
          entityId: ids.inspection,
          link: `/api/operations/inspections/${ids.inspection}`,
          eventType: 'InspectionRecorded',
          caption: 'left module dark',
        },
        // The fault the inspection opened carries the inspection's photo, and its resolution shows it again.
        { category: 'fault', entityId: ids.fault, link: `/api/operations/faults/${ids.fault}`, eventType: 'FaultOpened' },
        { category: 'fault', entityId: ids.fault, eventType: 'FaultResolved' },
      ].map((r) => expect.objectContaining(r)),
    });
  });

  it('filters by category, kind and month', async () => {
    const faults = await manager().get('/api/evidence-archive?category=fault');
    expect(faults.body.items.map((i: { blobId: string }) => i.blobId).sort()).toEqual([ids.inspectionPhoto, ids.repairPhoto].sort());
    const documents = await executive().get('/api/evidence-archive?kind=document');
    expect(documents.body.items).toEqual([expect.objectContaining({ blobId: ids.receipt, categories: ['expense'] })]);
    expect((await executive().get('/api/evidence-archive?month=2026-10')).body.items).toEqual([]);
    expect((await executive().get('/api/evidence-archive?month=2026-11&kind=photo&limit=1')).body).toMatchObject({
      items: [expect.anything()],
      nextCursor: expect.any(String),
    });
  });

  it('shows each role only the categories it reads, and says which', async () => {
    const whole = await manager().get('/api/evidence-archive');
    expect([whole.status, whole.body.code, whole.body.errors[0].field]).toEqual([400, 'CATEGORY_REQUIRED', 'category']);
    const receipts = await manager().get('/api/evidence-archive?category=expense');
    expect([receipts.status, receipts.body.code]).toEqual([403, 'CATEGORY_NOT_READABLE']);
    expect(receipts.body.detail).toContain('finance');
    const unknown = await executive().get('/api/evidence-archive?category=spaceship');
    expect([unknown.status, unknown.body.code, unknown.body.errors[0].field]).toEqual([422, 'UNKNOWN_CATEGORY', 'category']);
    expect((await finance().get(`/api/evidence-archive/${ids.repairPhoto}`)).status).toBe(403);
    expect((await finance().get(`/api/evidence-archive/${ids.receipt}`)).body.references).toEqual([
      expect.objectContaining({ category: 'expense', link: `/api/finance/expenses/${ids.expense}`, eventType: 'ExpenseIncurred' }),
    ]);
    expect((await staff().get('/api/evidence-archive?category=fault')).status).toBe(403);
  });

  it('reports stored evidence that no fact references', async () => {
    const report = await admin().get('/api/evidence-archive/unreferenced');
    expect(report.status).toBe(200);
    expect(report.body.items.map((i: { blobId: string }) => i.blobId)).toEqual([ids.unused]);
    expect(report.body.items[0]).toMatchObject({ storedBy: 'li', contentType: 'image/jpeg' });
    expect(report.body.examined).toBe(4);
    const paged = await admin().get('/api/evidence-archive/unreferenced?limit=2');
    expect(paged.body).toMatchObject({ examined: 2, nextCursor: expect.stringMatching(/^[a-f0-9]{64}$/) });
    expect((await manager().get('/api/evidence-archive/unreferenced')).status).toBe(403);
    expect((await admin().get(`/api/evidence-archive/${ids.unused}`)).body.code).toBe('ARCHIVED_EVIDENCE_NOT_FOUND');
  });
});
