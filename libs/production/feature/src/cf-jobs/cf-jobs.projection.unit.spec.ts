import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { cfJobBlockers, cfJobDecider, type CfJobCommand } from '@ooh/production-domain';
import { CF_JOBS, cfJobsProjection } from './cf-jobs.projection';

const am: Actor = { userId: 'wang', role: 'account-manager' };
const pm: Actor = { userId: 'zhou', role: 'production-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const script = { blobId: 'a'.repeat(64), sha256: 'a'.repeat(64), contentType: 'application/pdf' };

describe('CF jobs projection', () => {
  it('keeps each job as its decider folds it, with what it waits for', async () => {
    const commands: CfJobCommand[] = [
      {
        type: 'IssueCfTicket',
        data: {
          jobId: 'j-1',
          client: { clientId: 'c-1', name: 'Acme' },
          campaign: 'W',
          brief: null,
          title: 'TVC',
          deliverables: ['30s'],
          script: [script],
          at: AT,
          by: am,
        },
      },
      { type: 'DraftEstimate', data: { jobId: 'j-1', lines: [{ category: 'crew', amountFen: 100 }], note: '', at: AT, by: pm } },
    ];
    const events = eventsFrom(cfJobDecider, commands);
    const state = fold(cfJobDecider, events);
    await projectionSpec(cfJobsProjection)
      .given(...events.map((e) => ({ streamId: 'production.cf_job-j-1', recordedAt: AT, ...e })))
      .then({ [CF_JOBS]: { 'j-1': { ...state, blockedBy: cfJobBlockers(state), clientId: 'c-1', revision: 1, updatedAt: AT } } });
  });
});
