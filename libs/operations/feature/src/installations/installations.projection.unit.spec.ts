import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { installationDecider, type InstallationCommand } from '@ooh/operations-domain';
import { INSTALLATIONS, installationsProjection } from './installations.projection';

const ops: Actor = { userId: 'mei', role: 'ops-manager' };
const tech: Actor = { userId: 'li', role: 'ops-staff' };
const AT = '2026-11-20T01:00:00.000Z';
const doc = { blobId: 'e'.repeat(64), sha256: 'e'.repeat(64), contentType: 'application/pdf' };
const quote = (quoteId: string, vendorId: string, amountFen: number): InstallationCommand => ({
  type: 'RecordQuote',
  data: { jobId: 'j1', quoteId, vendor: { vendorId, name: vendorId }, amountFen, currency: 'CNY', notes: null, evidence: [doc], at: AT, by: ops },
});

describe('installations projection', () => {
  it('is the job as its decider folds it: quotes side by side, the chosen vendor, the agreement, completion', async () => {
    const events = eventsFrom(installationDecider, [
      { type: 'OpenInstallationJob', data: { jobId: 'j1', siteId: 'S-1', faces: ['A'], bookingId: null, description: 'Light box', at: AT, by: ops } },
      quote('q1', 'v1', 700),
      quote('q2', 'v2', 650),
      quote('q3', 'v3', 690),
      quote('q4', 'v1', 640),
      { type: 'ChooseVendor', data: { jobId: 'j1', quoteId: 'q4', reasonForFewerQuotes: null, at: AT, by: ops } },
      { type: 'RecordSafetyAgreement', data: { jobId: 'j1', signedBy: 'Zhang San', evidence: [doc], at: AT, by: tech } },
      { type: 'StartWork', data: { jobId: 'j1', at: AT, by: tech } },
      { type: 'CompleteInstallation', data: { jobId: 'j1', photos: [doc], notes: 'Done', at: AT, by: tech } },
    ]);
    const documents = await projectionSpec(installationsProjection)
      .given(...events.map((e) => ({ streamId: 'operations.installation-j1', recordedAt: AT, ...e })))
      .documents();
    const job = documents[INSTALLATIONS].j1;
    expect(job).toEqual({ ...fold(installationDecider, events), revision: events.length - 1, updatedAt: AT });
    expect(job).toMatchObject({ status: 'completed', chosen: { quoteId: 'q4', quotesCompared: 3, chosenBy: ops }, completedBy: tech, completionNotes: 'Done' });
    expect((job.quotes as Array<{ quoteId: string }>).map((q) => q.quoteId)).toEqual(['q4', 'q2', 'q3']);
  });
});
