import type { IntegrationMessage, MessageBus } from '@ooh/eventing';
import { MESSAGE_BUS } from '@ooh/http-kit';
import { fakePhoto, PlatformHarness } from './testing/platform-harness';

describe('installation jobs (制作与安装) over HTTP', () => {
  const h = new PlatformHarness();
  const manager = () => h.as('mei', 'ops-manager');
  const staff = () => h.as('li', 'ops-staff');
  beforeAll(async () => {
    await h.start();
    await manager().post('/api/operations/sites', {
      siteId: 'CQN-BOX-09',
      city: 'Chongqing',
      station: 'Chongqing North',
      location: 'Hall B',
      kind: 'light-box',
      faces: ['A'],
      landlordAuthority: 'CRM Chongqing',
    });
  });
  afterAll(() => h.stop());

  const photo = async () => ({ blobId: (await staff().upload(fakePhoto())).body.blobId as string });
  const quote = (jobId: string, vendorId: string, amountFen: number) =>
    manager().post(`/api/operations/installation-jobs/${jobId}/quotes`, { vendor: { vendorId, name: `Vendor ${vendorId}` }, amountFen, currency: 'CNY' });

  it('compares three quotes, requests the vendor payment from Finance, and gates work on the safety agreement', async () => {
    const opened = await manager().post('/api/operations/installation-jobs', {
      siteId: 'CQN-BOX-09',
      faces: ['A'],
      description: 'Produce and install the winter light box',
    });
    expect(opened.status).toBe(201);
    const jobId = opened.body.id;
    await quote(jobId, 'v1', 720000);
    const cheapest = await quote(jobId, 'v2', 650000);
    const fewer = await manager().post(`/api/operations/installation-jobs/${jobId}/choose-vendor`, { quoteId: cheapest.body.quoteId });
    expect(fewer.status).toBe(422);
    expect(fewer.body.code).toBe('THREE_QUOTES_REQUIRED');
    await quote(jobId, 'v3', 700000);
    const chosen = await manager().post(`/api/operations/installation-jobs/${jobId}/choose-vendor`, { quoteId: cheapest.body.quoteId });
    expect(chosen.status).toBe(200);
    expect(chosen.body.events).toEqual(['VendorChosen', 'VendorPaymentRequested']);

    const early = await staff().post(`/api/operations/installation-jobs/${jobId}/start`, {});
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('SAFETY_AGREEMENT_REQUIRED');
    expect((await staff().post(`/api/operations/installation-jobs/${jobId}/safety-agreement`, { signedBy: 'Zhang San, Li Si', evidence: [] })).body.code).toBe(
      'EVIDENCE_REQUIRED',
    );
    expect(
      (await staff().post(`/api/operations/installation-jobs/${jobId}/safety-agreement`, { signedBy: 'Zhang San, Li Si', evidence: [await photo()] })).status,
    ).toBe(200);
    expect((await staff().post(`/api/operations/installation-jobs/${jobId}/start`, {})).status).toBe(200);
    expect((await staff().post(`/api/operations/installation-jobs/${jobId}/complete`, { photos: [await photo()] })).status).toBe(200);

    await h.settle();
    const view = await staff().get(`/api/operations/installation-jobs/${jobId}`);
    expect(view.body).toMatchObject({ status: 'completed', chosen: { vendor: { vendorId: 'v2' }, amountFen: 650000, quotesCompared: 3 } });
    expect(view.body.quotes).toHaveLength(3);

    const bus = h.platform.app.get<MessageBus>(MESSAGE_BUS);
    const seen: IntegrationMessage[] = [];
    const consumer = await bus.consume({ group: 'test-finance', types: ['operations.vendor-payment-requested'], handle: async (m) => void seen.push(m) });
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await consumer.stop();
    expect(seen).toEqual([
      expect.objectContaining({
        key: jobId,
        data: expect.objectContaining({
          requestId: jobId,
          amountFen: 650000,
          currency: 'CNY',
          vendor: { vendorId: 'v2', name: 'Vendor v2' },
          requestedBy: 'mei',
        }),
      }),
    ]);
  });

  it('accepts fewer than three quotes only with a recorded reason', async () => {
    const jobId = (await manager().post('/api/operations/installation-jobs', { siteId: 'CQN-BOX-09', faces: ['A'], description: 'Urgent repair' })).body.id;
    const only = await quote(jobId, 'v9', 90000);
    const res = await manager().post(`/api/operations/installation-jobs/${jobId}/choose-vendor`, {
      quoteId: only.body.quoteId,
      reasonForFewerQuotes: 'Only certified installer available tonight',
    });
    expect(res.status).toBe(200);
    expect(
      (await manager().post(`/api/operations/installation-jobs/${jobId}/quotes`, { vendor: { vendorId: 'x', name: 'X' }, amountFen: 1.5, currency: 'CNY' }))
        .body.errors[0].field,
    ).toBe('amountFen');
  });
});
