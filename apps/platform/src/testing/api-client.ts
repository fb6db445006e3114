import { TokenService } from '@ooh/http-kit';

export interface ApiReply {
  status: number;
  body: any;
  headers: Headers;
}

/** HTTP calls to a running service as a given user, with tokens minted for its secret. */
export class ApiClient {
  private readonly tokens: TokenService;

  constructor(
    private readonly baseUrl: () => string,
    secret: string,
  ) {
    this.tokens = new TokenService(secret);
  }

  token(sub: string, ...roles: string[]): string {
    return this.tokens.mint({ sub, roles });
  }

  as(sub: string, ...roles: string[]) {
    const authorization = `Bearer ${this.token(sub, ...roles)}`;
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiReply> => {
      const res = await fetch(this.baseUrl() + path, {
        method,
        headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    };
    return {
      get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
      post: (path: string, body: unknown = {}, headers?: Record<string, string>) => call('POST', path, body, headers),
      upload: async (content: Buffer | string, contentType = 'image/jpeg'): Promise<string> => {
        const form = new FormData();
        // A string stands for its bytes one to one ('\xff\xd8' is the JPEG signature), not for UTF-8 text.
        form.append('file', new Blob([typeof content === 'string' ? Buffer.from(content, 'latin1') : content], { type: contentType }), 'evidence.jpg');
        const res = await fetch(`${this.baseUrl()}/api/evidence`, { method: 'POST', headers: { authorization }, body: form });
        if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { blobId: string }).blobId;
      },
    };
  }
}

export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  describe: () => string = () => '',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Takes a new booking through internal and landlord review, to where it waits for the client's payment. */
export async function bookingAwaitingPayment(
  ops: ApiClient,
  siteId: string,
  face: string,
  period: { start: string; end: string },
  amountFen: number,
): Promise<string> {
  const blobId = await ops.as('xiao', 'sales').upload(`\xff\xd8 creative ${siteId}-${face}-${period.start}-${Math.random()}`);
  const created = await ops.as('xiao', 'sales').post('/api/operations/bookings', {
    advertiser: { name: `Advertiser ${face} ${period.start}` },
    faces: [{ siteId, face }],
    period,
    creative: { description: 'Spot', kind: 'video', files: [{ blobId }] },
    amountFen,
    currency: 'CNY',
  });
  if (created.status !== 201) throw new Error(`booking not created: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  await ops.as('mei', 'ops-manager').post(`/api/operations/bookings/${id}/submit-for-review`);
  await ops.as('tan', 'executive').post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
  await ops.as('lee', 'executive').post(`/api/operations/bookings/${id}/internal-review`, { decision: 'approve' });
  const landlord = await ops
    .as('li', 'ops-staff')
    .post(`/api/operations/bookings/${id}/landlord-decision`, { authority: 'CRM', decision: 'approve', reference: 'OK' });
  if (landlord.body?.status !== 'awaiting-payment') throw new Error(`booking ${id} not awaiting payment: ${JSON.stringify(landlord.body)}`);
  return id;
}
