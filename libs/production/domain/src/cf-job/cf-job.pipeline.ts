import { costReport } from './cf-job.costs';
import type { CfJobState, CfStage, CfStatus } from './cf-job.events';

/** The schedule stage a job in this status is working towards (null: none, before the schedule or after delivery). */
export function stageOf(status: CfStatus): CfStage | null {
  switch (status) {
    case 'preparation':
      return 'ppm';
    case 'ready-to-shoot':
    case 'shooting':
      return 'shooting';
    case 'post-production':
    case 'client-approved':
      return 'post-production';
    case 'awaiting-prepayment':
      return 'briefing';
    case 'delivered':
      return 'delivery';
    case 'none':
    case 'planning':
    case 'closed':
    case 'on-hold':
    case 'cancelled':
      return null;
  }
}

/** Where a job stands in the pipeline on a day: its stage, the stage's due date and how many days it is overdue. */
export function pipelineEntry(state: CfJobState, today: string) {
  const stage = stageOf(state.status);
  const dueDate = stage ? (state.schedule.find((s) => s.stage === stage)?.dueDate ?? null) : null;
  const daysOverdue = dueDate && today > dueDate ? Math.round((Date.parse(today) - Date.parse(dueDate)) / 86_400_000) : 0;
  return {
    jobKind: 'cf' as const,
    jobId: state.jobId,
    title: state.title,
    client: state.client,
    status: state.status,
    stage,
    dueDate,
    overdue: daysOverdue > 0,
    daysOverdue,
    costs: (({ budgetFen, requestedFen, paidFen, remainingFen }) => ({ budgetFen, requestedFen, paidFen, remainingFen }))(costReport(state)),
  };
}
