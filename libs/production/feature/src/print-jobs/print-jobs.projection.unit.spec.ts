import { fold, type Actor } from '@ooh/eventing';
import { eventsFrom, projectionSpec } from '@ooh/eventing-testing';
import { printJobBlockers, printJobDecider, type PrintJobCommand } from '@ooh/production-domain';
import { PRINT_JOBS, printJobsProjection } from './print-jobs.projection';

const am: Actor = { userId: 'wang', role: 'account-manager' };
const AT = '2026-12-01T02:00:00.000Z';
const proof = { blobId: 'a'.repeat(64), sha256: 'a'.repeat(64), contentType: 'application/pdf' };

describe('print jobs projection', () => {
  it('keeps each job as its decider folds it, with what it waits for', async () => {
    const base = { jobId: 'p-1', at: AT, by: am };
    const commands: PrintJobCommand[] = [
      {
        type: 'OpenPrintJob',
        data: {
          ...base,
          client: { clientId: 'c-1', name: 'Acme' },
          brief: null,
          title: 'Posters',
          currency: 'CNY',
          neededBy: '2026-12-20',
          today: '2026-12-01',
        },
      },
      { type: 'OutputFilmProof', data: { ...base, file: proof } },
    ];
    const events = eventsFrom(printJobDecider, commands);
    const state = fold(printJobDecider, events);
    expect(printJobBlockers(state).map((b) => b.gate)).toEqual(['proof-signature']);
    await projectionSpec(printJobsProjection)
      .given(...events.map((e) => ({ streamId: 'production.print_job-p-1', recordedAt: AT, ...e })))
      .then({ [PRINT_JOBS]: { 'p-1': { ...state, blockedBy: printJobBlockers(state), clientId: 'c-1', revision: 1, updatedAt: AT } } });
  });
});
