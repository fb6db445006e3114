import { DEV_JWT_SECRET } from '@ooh/http-kit';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, type ApiReply } from '../testing/api-client';
import { readLog } from '../testing/oracle';
import { freePort } from '../testing/platform-process';
import { SERVICE_MAINS, ServiceProcess } from '../testing/service-process';

jest.setTimeout(90_000);

/** Case 10: many writers on one aggregate through two processes sharing one event store. */
describe('concurrent approvals across two processes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'concurrency-'));
  let a: ServiceProcess;
  let b: ServiceProcess;
  const viaA = new ApiClient(() => a.url, DEV_JWT_SECRET);
  const viaB = new ApiClient(() => b.url, DEV_JWT_SECRET);
  const approvers = Array.from({ length: 20 }, (_, i) => `fin-${i}`);

  beforeAll(async () => {
    a = new ServiceProcess('platform-a', SERVICE_MAINS.platform, await freePort(), { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0' });
    b = new ServiceProcess('platform-b', SERVICE_MAINS.platform, await freePort(), { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0' });
    await a.start();
    await b.start();
  });
  afterAll(async () => {
    await Promise.all([a?.stop('SIGTERM'), b?.stop('SIGTERM')]);
  });

  const requestPayable = async () => {
    const created = await viaA.as('mei', 'ops-manager').post('/api/finance/payables', {
      vendor: { vendorId: 'v-1', name: 'Bright Signs' },
      milestone: 'full',
      amountFen: 100_000,
      currency: 'CNY',
      purpose: 'Bulbs',
      dueDate: '2026-12-10',
    });
    expect(created.status).toBe(201);
    expect(created.body.revision).toBe(0);
    return created.body.id as string;
  };
  const approveAll = (id: string, headers: Record<string, string> = {}) =>
    Promise.all(approvers.map((user, i) => (i % 2 ? viaB : viaA).as(user, 'finance').post(`/api/finance/payables/${id}/approve`, {}, headers)));
  const revisionsOf = (id: string) =>
    readLog(join(dataDir, 'events.db'))
      .filter((e) => e.streamId === `finance.payable-${id}`)
      .map((e) => e.revision);
  const statuses = (replies: ApiReply[]) => replies.map((r) => r.status).sort();

  it('with a stale If-Match: one winner for the revision, every other answer 412, revisions contiguous', async () => {
    const id = await requestPayable();
    // The revision the request was answered with (a read through the other process may lag behind).
    const etag = '"0"';
    const replies = await approveAll(id, { 'if-match': etag });
    expect(statuses(replies)).toEqual([200, ...Array(19).fill(412)]);
    for (const r of replies.filter((x) => x.status === 412)) expect(r.body.code).toBe('STALE_REVISION');
    const revisions = revisionsOf(id);
    expect(revisions).toEqual(revisions.map((_, i) => i));
    expect(revisions.length).toBe(3); // requested, finance-approved, approved
  });

  it('without If-Match: every answer is a success or a clear refusal, one approval recorded, revisions contiguous', async () => {
    const id = await requestPayable();
    const replies = await approveAll(id);
    expect(replies.filter((r) => r.status >= 500)).toEqual([]);
    expect(replies.every((r) => [200, 409, 422].includes(r.status))).toBe(true);
    const log = readLog(join(dataDir, 'events.db')).filter((e) => e.streamId === `finance.payable-${id}`);
    expect(log.filter((e) => e.type === 'FinanceApproved')).toHaveLength(1);
    expect(log.filter((e) => e.type === 'PayableApproved')).toHaveLength(1);
    expect(log.map((e) => e.revision)).toEqual(log.map((_, i) => i));
  });
});
