import { receivableSettledV1 } from '@ooh/contracts';
import { newId, type MessageBus } from '@ooh/eventing';
import { MESSAGE_BUS } from '@ooh/http-kit';
import { fakePhoto, PlatformHarness } from '../testing/platform-harness';

/**
 * Fault case 18: the settlement of a booking's payment arrives before operations knows the booking
 * was approved (events of one flow out of order across partitions). The consumer waits for the
 * payment gate; nothing is paid or posted early; once the approvals land, the payment applies once.
 */
describe('a payment settlement that overtakes the booking\u2019s approval', () => {
  const h = new PlatformHarness();
  const sales = () => h.as('xiao', 'sales');
  const manager = () => h.as('mei', 'ops-manager');
  const booking = (id: string) => sales().get(`/api/operations/bookings/${id}`);
  const until = async (what: string, check: () => Promise<boolean>) => {
    const deadline = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    await h.start();
    await manager().post('/api/operations/sites', {
      siteId: 'OOO-LED-01',
      city: 'Chongqing',
      station: 'North',
      location: 'Hall',
      kind: 'led-screen',
      faces: ['A'],
      landlordAuthority: 'CRM',
    });
  });
  afterAll(() => h.stop());

  it('waits for the payment gate, never posts early, then applies the payment exactly once', async () => {
    const blobId = (await sales().upload(fakePhoto())).body.blobId as string;
    const id = (
      await sales().post('/api/operations/bookings', {
        advertiser: { name: 'Early Payer Co.' },
        faces: [{ siteId: 'OOO-LED-01', face: 'A' }],
        period: { start: '2026-12-01', end: '2026-12-31' },
        creative: { description: 'Spot', kind: 'video', files: [{ blobId }] },
        amountFen: 8_000_000,
        currency: 'CNY',
      })
    ).body.id as string;
    await manager().post(`/api/operations/bookings/${id}/submit-for-review`, {});

    const messageId = newId();
    await h.platform.app.get<MessageBus>(MESSAGE_BUS).publish([
      receivableSettledV1.message(
        {
          receivableId: `r-${id}`,
          source: { context: 'operations', kind: 'booking', id },
          milestone: 'full',
          amountFen: 8_000_000,
          currency: 'CNY',
          paymentReferences: ['EARLY-1'],
          settledAt: '2026-11-25T03:00:00.000Z',
        },
        { messageId, key: id, correlationId: messageId, causationId: messageId, occurredAt: '2026-11-25T03:00:00.000Z' },
      ),
    ]);
    // Delivered and refused "not yet" several times meanwhile: still in review, nothing paid, nothing dead-lettered.
    await new Promise((r) => setTimeout(r, 800));
    expect((await booking(id)).body.status).toBe('internal-review');
    expect((await manager().post(`/api/operations/bookings/${id}/propose-schedule`, { postingDate: '2026-12-01', production: 'video-by-design' })).status).toBe(
      422,
    );
    expect((await h.as('root', 'admin').get('/api/admin/dead-letters')).body.items).toEqual([]);

    await h.as('tan', 'executive').post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    await h.as('lee', 'executive').post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
    await h.as('li', 'ops-staff').post(`/api/operations/bookings/${id}/landlord-decision`, { authority: 'CRM', decision: 'approve', reference: 'OK' });

    await until('the waiting payment to apply', async () => (await booking(id)).body.status === 'paid');
    const history = (await sales().get(`/api/operations/bookings/${id}/history`)).body.items as Array<{ type: string; correlationId: string }>;
    const confirmed = history.filter((e) => e.type === 'PaymentConfirmed');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0].correlationId).toBe(messageId); // the settlement's conversation
    expect(history.findIndex((e) => e.type === 'PaymentRequested')).toBeLessThan(history.findIndex((e) => e.type === 'PaymentConfirmed'));
    expect((await h.as('root', 'admin').get('/api/admin/dead-letters')).body.items).toEqual([]);
  });
});
