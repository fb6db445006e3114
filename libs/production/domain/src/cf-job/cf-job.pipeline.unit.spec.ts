import { initialCfJobState } from './cf-job.events';
import { pipelineEntry, stageOf } from './cf-job.pipeline';

describe('the production pipeline', () => {
  it('places a job at the schedule stage its status works towards, overdue once its due date has passed', () => {
    const schedule = [
      { stage: 'briefing' as const, dueDate: '2026-12-10' },
      { stage: 'ppm' as const, dueDate: '2026-12-15' },
      { stage: 'shooting' as const, dueDate: '2026-12-20' },
    ];
    const job = { ...initialCfJobState(), jobId: 'j-1', title: 'TVC', status: 'preparation' as const, schedule };
    expect(pipelineEntry(job, '2026-12-15')).toMatchObject({ stage: 'ppm', dueDate: '2026-12-15', overdue: false, daysOverdue: 0 });
    expect(pipelineEntry(job, '2026-12-18')).toMatchObject({ stage: 'ppm', overdue: true, daysOverdue: 3 });
    expect(stageOf('planning')).toBeNull();
    expect(pipelineEntry({ ...job, status: 'on-hold' }, '2027-01-01')).toMatchObject({ stage: null, overdue: false });
  });
});
