import type { PlatformHarness } from './platform-harness';

/**
 * The agency's side set up over HTTP, for flows that start from it: a client, a brief, a plan the
 * client approved (with the given lines), its budget authorized and a client contract signed.
 */
export async function approvedCampaign(
  h: PlatformHarness,
  lines: object[],
  budgetFen: number,
  kpis: object[] = [],
): Promise<{ briefId: string; planId: string; contractId: string; signedPdf: string }> {
  const am = () => h.as('wang', 'account-manager');
  const mm = () => h.as('chen', 'media-manager');
  const expectOk = (res: { status: number; body: unknown }, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; status: string; blobId: string; versions: Array<{ contentHash: string }> };
  };
  const signedPdf = expectOk(await am().upload(Buffer.from('%PDF-1.4\n% signed\n%%EOF', 'latin1'), 'application/pdf', 'signed.pdf'), 'upload').blobId;
  const evidence = [{ blobId: signedPdf }];
  const clientId = expectOk(await am().post('/api/planning/clients', { name: 'Chongqing Beer Co.', industry: 'beverages', contacts: [] }), 'client').id;
  const briefId = expectOk(
    await am().post('/api/planning/briefs', {
      clientId,
      campaign: 'Winter 2027',
      objectives: ['Awareness'],
      kpis,
      audience: { ageBands: [], gender: 'all', regions: ['Chongqing'], habits: [] },
      markets: ['Chongqing'],
      budget: { amountFen: budgetFen, currency: 'CNY' },
      period: { start: '2027-01-01', end: '2027-02-28' },
      research: { competitors: [], trends: [] },
      mandatoryItems: [],
    }),
    'brief',
  ).id;
  const budget = expectOk(await am().post('/api/planning/budgets', { briefId, buckets: [{ amountFen: budgetFen }] }), 'budget').id;
  expectOk(await am().post(`/api/planning/budgets/${budget}/authorize`, { poReference: 'PO-1', evidence }), 'authorize');
  const planId = expectOk(await mm().post('/api/planning/media-plans', { briefId, name: 'Plan', lines }), 'plan').id;
  await h.settle();
  expectOk(await mm().post(`/api/planning/media-plans/${planId}/versions/1/submit`, {}), 'submit plan');
  await h.settle();
  const hash = expectOk(await mm().get(`/api/planning/media-plans/${planId}`), 'plan view').versions[0].contentHash;
  expectOk(await h.as('tan', 'media-director').post(`/api/planning/media-plans/${planId}/versions/1/approve`, { contentHash: hash }), 'approve plan');
  expectOk(await am().post(`/api/planning/media-plans/${planId}/versions/1/rehearsal`, { feedback: [] }), 'rehearsal');
  expectOk(await am().post(`/api/planning/media-plans/${planId}/versions/1/present`, {}), 'present');
  expectOk(
    await am().post(`/api/planning/media-plans/${planId}/versions/1/client-decision`, { outcome: 'approved', contentHash: hash, evidence }),
    'client decision',
  );
  await h.settle();
  await h.settle();
  const contractId = expectOk(
    await am().post('/api/buying/client-contracts', {
      planId,
      planVersion: 1,
      valueFen: budgetFen,
      milestones: [{ kind: 'full', percent: 100, dueDate: '2026-12-20' }],
      scope: 'Media buying, Winter 2027',
    }),
    'contract',
  ).id;
  expectOk(await am().post(`/api/buying/client-contracts/${contractId}/submit`, {}), 'submit contract');
  expectOk(await h.as('lee', 'account-director').post(`/api/buying/client-contracts/${contractId}/approve`, { revision: 1 }), 'approve contract');
  expectOk(
    await am().post(`/api/buying/client-contracts/${contractId}/signature`, { revision: 1, signedOn: '2026-12-01', signatory: 'Ms Liu', evidence }),
    'sign contract',
  );
  await h.settle();
  return { briefId, planId, contractId, signedPdf };
}

/** Whoever calls the APIs as a given user: the embedded harness, or a client routing to each service's processes. */
export interface Caller {
  as(user: string, role: string): { post(path: string, body?: unknown): Promise<{ status: number; body: any }> };
}

const created = (res: { status: number; body: any }, what: string): string => {
  if (res.status < 200 || res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
};

/**
 * The operator's own faces as the agency buys them: a site in Chongqing North registered in operations,
 * and the operator as a media owner in buying's vendor library with a face-day rate card from
 * `ratesFrom`. Returns the operator's vendor id.
 */
export async function operatorFaces(h: Caller, siteId: string, faces: string[], ratesFrom = '2026-12-01'): Promise<string> {
  const site = await h.as('mei', 'ops-manager').post('/api/operations/sites', {
    siteId,
    city: 'Chongqing',
    station: 'Chongqing North',
    location: 'Hall',
    kind: 'led-screen',
    faces,
    landlordAuthority: 'CRM Chongqing',
  });
  if (site.status !== 201) throw new Error(`site: ${site.status} ${JSON.stringify(site.body)}`);
  const mm = h.as('chen', 'media-manager');
  const vendorId = created(
    await mm.post('/api/buying/vendors', {
      name: 'Rail Media (operator)',
      kind: 'media-owner',
      aliases: ['Rail Media'],
      contacts: [],
      payee: { accountName: 'Rail Media Co.', bank: 'ICBC', accountNumber: '1' },
      terms: { prepaymentPercent: 0, balanceDaysAfterAiring: 30 },
    }),
    'operator',
  );
  created(
    await mm.post(`/api/buying/vendors/${vendorId}/rate-cards`, {
      property: 'Chongqing North',
      effectiveFrom: ratesFrom,
      items: [{ daypart: 'all-day', unit: 'face-day', rateFen: 10_000 }],
    }),
    'rate card',
  );
  return vendorId;
}

/** Two printers in buying's vendor library (30 % prepayment): the bidders of a print job. Returns their ids. */
export async function printers(h: Caller): Promise<string[]> {
  const ids: string[] = [];
  for (const name of ['Golden Press', 'Jade Printing']) {
    ids.push(
      created(
        await h.as('chen', 'media-manager').post('/api/buying/vendors', {
          name,
          kind: 'printer',
          contacts: [],
          payee: { accountName: name, bank: 'ICBC', accountNumber: '2' },
          terms: { prepaymentPercent: 30, balanceDaysAfterAiring: 30 },
        }),
        'printer',
      ),
    );
  }
  return ids;
}
