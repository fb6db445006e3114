import type { ReportTable } from '@ooh/http-kit';
import type { PipelineDto } from './pipeline.controller';

type Job = PipelineDto['jobs'][number];

/** One row per open job: its stage and due date, what it waits for and who releases it, and estimate vs actual. */
export function pipelineTable(report: PipelineDto): ReportTable<Job> {
  return {
    name: `Production pipeline ${report.today}`,
    rows: report.jobs,
    columns: [
      { key: 'job_kind', header: 'Kind 类型', value: (j) => j.jobKind },
      { key: 'job_id', header: 'Job 工单', value: (j) => j.jobId, width: 40 },
      { key: 'title', header: 'Title 名称', value: (j) => j.title, width: 32 },
      { key: 'client', header: 'Client 客户', value: (j) => j.client?.name ?? null, width: 24 },
      { key: 'status', header: 'Status 状态', value: (j) => j.status },
      { key: 'stage', header: 'Stage 阶段', value: (j) => j.stage },
      { key: 'due_date', header: 'Due 截止', value: (j) => j.dueDate },
      { key: 'days_overdue', header: 'Days overdue 逾期天数', value: (j) => j.daysOverdue },
      { key: 'waiting_for', header: 'Waiting for 等待', value: (j) => j.blockedBy.map((b) => b.gate).join('; ') || null, width: 28 },
      { key: 'released_by', header: 'Released by 处理角色', value: (j) => [...new Set(j.blockedBy.flatMap((b) => b.releasedByRoles))].join('; ') || null },
      { key: 'budget_fen', header: 'Budget 预算', money: true, value: (j) => j.costs.budgetFen },
      { key: 'requested_fen', header: 'Vendor costs requested 已申请', money: true, value: (j) => j.costs.requestedFen },
      { key: 'paid_fen', header: 'Paid 已支付', money: true, value: (j) => j.costs.paidFen },
      { key: 'remaining_fen', header: 'Remaining 剩余预算', money: true, value: (j) => j.costs.remainingFen },
    ],
  };
}
