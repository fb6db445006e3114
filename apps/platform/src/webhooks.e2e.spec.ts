import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PlatformHarness } from './testing/platform-harness';

interface Received {
  position: number;
  deliveryId: string;
  type: string;
  name: string | undefined;
}

/**
 * Signed webhooks: a receiver on 127.0.0.1 checks each delivery's signature and timestamp (as an
 * integrator would), sees each event once, in order; a receiver that fails is retried with backoff,
 * then the message is dead-lettered and the rest delivered; a replay from a position delivers again.
 */
describe('webhooks', () => {
  const h = new PlatformHarness();
  const admin = () => h.as('root', 'admin');
  const am = () => h.as('wang', 'account-manager');
  let server: Server;
  let url: string;
  let secret: string;
  let webhookId: string;
  let failing = false;
  const received: Received[] = [];
  const refused: string[] = [];

  const verify = (req: IncomingMessage, body: string): boolean => {
    const timestamp = String(req.headers['x-ooh-timestamp']);
    const given = Buffer.from(String(req.headers['x-ooh-signature']));
    const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
    // Replay-safe: a delivery signed more than five minutes from the receiver's clock is refused.
    const fresh = Math.abs(h.clock.now().getTime() / 1000 - Number(timestamp)) <= 300;
    return fresh && given.length === expected.length && timingSafeEqual(given, expected);
  };
  const client = (name: string) => am().post('/api/planning/clients', { name, industry: 'beverages', contacts: [] });
  const deliver = async (times = 1) => {
    for (let i = 0; i < times; i++) {
      for (let j = 0; j < 3; j++) await h.settle();
      await h.runJobs();
    }
  };
  const names = () => received.map((r) => r.name);

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (!verify(req, body)) {
          refused.push(String(req.headers['x-ooh-delivery-id']));
          res.statusCode = 401;
          return res.end();
        }
        if (failing) {
          res.statusCode = 503;
          return res.end();
        }
        const message = JSON.parse(body) as { messageId: string; type: string; data: { name?: string } };
        received.push({
          position: Number(req.headers['x-ooh-position']),
          deliveryId: String(req.headers['x-ooh-delivery-id']),
          type: message.type,
          name: message.data.name,
        });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    await h.start({ rateLimitPerMinute: 0 });
    h.clock.set(new Date('2027-01-10T02:00:00Z'));
    await client('Before the subscription');
    await deliver();
  });
  afterAll(async () => {
    await h.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  it('is registered by an administrator, its secret shown once; it receives the new events of its types, signed, once, in order', async () => {
    expect((await am().post('/api/webhooks', { url, types: ['planning.client-registered'] })).status).toBe(403);
    const bad = await admin().post('/api/webhooks', { url, types: ['no.such-event'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([expect.stringMatching(/^types/)]);
    expect((await admin().post('/api/webhooks', { url: 'ftp://127.0.0.1/x', types: ['planning.client-registered'] })).body.code).toBe('URL_INVALID');
    const created = await admin().post('/api/webhooks', { url, types: ['planning.client-registered'] });
    expect(created.status).toBe(201);
    ({ id: webhookId, secret } = created.body);
    expect(secret).toMatch(/^[a-f0-9]{64}$/);
    await client('Chongqing Beer Co.');
    await client('Mountain Tea');
    await deliver(2);
    expect(names()).toEqual(['Chongqing Beer Co.', 'Mountain Tea']);
    expect(new Set(received.map((r) => r.deliveryId)).size).toBe(2);
    expect(received[0].position).toBeLessThan(received[1].position);
    expect(refused).toEqual([]);
    const [view] = (await admin().get('/api/webhooks')).body.items;
    expect(view).toMatchObject({ webhookId, url, delivered: 2, behind: 0, attempts: 0, deadLetters: 0 });
    expect(view).not.toHaveProperty('secret');
  });

  it('retries a failing receiver with backoff, then dead-letters the message and delivers the next', async () => {
    failing = true;
    await client('Jade Water');
    await deliver();
    let view = (await admin().get('/api/webhooks')).body.items[0];
    expect(view).toMatchObject({ attempts: 1, lastError: 'HTTP 503', behind: 1 });
    // Not before its backoff: nothing is tried.
    await deliver();
    expect((await admin().get('/api/webhooks')).body.items[0].attempts).toBe(1);
    for (let attempt = 2; attempt <= 6; attempt++) {
      h.clock.set(new Date(h.clock.now().getTime() + 301_000));
      await deliver();
    }
    view = (await admin().get('/api/webhooks')).body.items[0];
    expect(view).toMatchObject({ attempts: 0, deadLetters: 1, behind: 0 });
    const letters = (await admin().get(`/api/webhooks/${webhookId}/dead-letters`)).body.items;
    expect(letters).toEqual([expect.objectContaining({ type: 'planning.client-registered', error: 'HTTP 503', attempts: 6 })]);
    failing = false;
    await client('River Dairy');
    await deliver();
    expect(names()).toEqual(['Chongqing Beer Co.', 'Mountain Tea', 'River Dairy']);
    // A replay from the dead letter's position delivers it (and what followed) again.
    expect((await admin().post(`/api/webhooks/${webhookId}/replay`, { fromPosition: letters[0].position })).status).toBe(200);
    await deliver();
    expect(names()).toEqual(['Chongqing Beer Co.', 'Mountain Tea', 'River Dairy', 'Jade Water', 'River Dairy']);
    expect((await admin().post(`/api/webhooks/${webhookId}/replay`, { fromPosition: 1_000_000 })).body.code).toBe('POSITION_OUT_OF_RANGE');
  });

  it('stops delivering once removed', async () => {
    expect((await admin().post(`/api/webhooks/${webhookId}/remove`, { reason: 'The ERP moved to the HTTP feed' })).status).toBe(200);
    await client('After removal');
    await deliver();
    expect(names()).not.toContain('After removal');
  });
});
