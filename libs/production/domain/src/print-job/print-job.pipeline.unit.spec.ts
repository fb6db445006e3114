import { initialPrintJobState } from './print-job.events';
import { printPipelineEntry } from './print-job.pipeline';

describe('the print pipeline', () => {
  it('works every stage towards the day the client needs the goods, overdue after it until delivered', () => {
    const job = { ...initialPrintJobState(), jobId: 'p-1', title: 'Posters', status: 'printing' as const, neededBy: '2026-12-20' };
    expect(printPipelineEntry(job, '2026-12-20')).toMatchObject({ jobKind: 'print', stage: 'delivery', dueDate: '2026-12-20', overdue: false });
    expect(printPipelineEntry(job, '2026-12-23')).toMatchObject({ overdue: true, daysOverdue: 3 });
    expect(printPipelineEntry({ ...job, status: 'delivered' }, '2026-12-23')).toMatchObject({ stage: null, dueDate: null, overdue: false });
  });
});
