import { newId, type EventStore } from '@ooh/eventing';
import { EVENT_STORE } from '@ooh/http-kit';
import { fakePhoto, PlatformHarness } from './testing/platform-harness';

/** One shared log holds every context's events: reactions read their own context's streams only. */
describe('events and subscriptions scoped by context', () => {
  const h = new PlatformHarness();
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');

  beforeAll(async () => {
    await h.start();
    await manager().post('/api/operations/sites', {
      siteId: 'SCO-LED-01',
      city: 'Chongqing',
      station: 'Chongqing North',
      location: 'Hall C',
      kind: 'led-screen',
      faces: ['A'],
      landlordAuthority: 'CRM Chongqing',
    });
  });
  afterAll(() => h.stop());

  it('opens no fault for an InspectionRecorded of another context, and one for its own', async () => {
    const store = h.platform.app.get<EventStore>(EVENT_STORE);
    const problem = { description: 'Screen dark', severity: 'major' };
    const data = {
      inspectionId: 'foreign-1',
      siteId: 'SCO-LED-01',
      performedAt: '2026-11-25T01:00:00.000Z',
      photos: [],
      checks: { deviceRunning: false },
      problems: [problem],
      by: { userId: 'x', role: 'ops-staff' },
    };
    const metadata = {
      correlationId: 'c',
      causationId: 'c',
      actor: { userId: 'x', role: 'ops-staff' },
      occurredAt: '2026-11-25T01:00:00.000Z',
      schemaVersion: 1,
    };
    await store.appendToStream('planning.inspection-foreign-1', [{ eventId: newId(), type: 'InspectionRecorded', data, metadata }], 'no_stream');
    await h.settle();
    expect((await manager().get('/api/operations/faults?siteId=SCO-LED-01')).body.items).toEqual([]);

    const photo = (await staff().upload(fakePhoto())).body.blobId as string;
    const own = await staff().post('/api/operations/inspections', {
      siteId: 'SCO-LED-01',
      performedAt: '2026-11-25T09:00:00+08:00',
      checks: { deviceRunning: false, adsCorrect: true, safetyHazardFound: false, clean: true },
      problems: [problem],
      photos: [{ blobId: photo }],
    });
    expect(own.status).toBe(201);
    await h.settle();
    expect((await manager().get('/api/operations/faults?siteId=SCO-LED-01')).body.items.map((f: { faultId: string }) => f.faultId)).toEqual(own.body.faultIds);
  });

  it('shows the evidence of any event in its history, wherever the event carries it', async () => {
    const requester = () => h.as('chen', 'media-manager');
    const expense = await requester().post('/api/finance/expenses', {
      department: 'operations',
      category: 'maintenance',
      amountFen: 30_000,
      currency: 'CNY',
      purpose: 'Bulbs',
    });
    await h.as('fang', 'finance').post(`/api/finance/expenses/${expense.body.id}/approve`, {});
    const receipt = (await requester().upload(fakePhoto('receipt'))).body.blobId as string;
    const incurred = await requester().post(`/api/finance/expenses/${expense.body.id}/incurred`, {
      amountFen: 28_000,
      currency: 'CNY',
      incurredOn: '2026-11-25',
      receipt: [{ blobId: receipt }],
    });
    expect(incurred.body.status).toBe('incurred');
    const history = await h.as('fang', 'finance').get(`/api/finance/expenses/${expense.body.id}/history`);
    const entry = history.body.items.find((i: { type: string }) => i.type === 'ExpenseIncurred');
    expect(entry.evidence).toEqual([expect.objectContaining({ blobId: receipt, sha256: receipt })]);
  });
});
