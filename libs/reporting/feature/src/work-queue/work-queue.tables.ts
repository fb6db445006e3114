import type { ReportTable } from '@ooh/http-kit';
import type { WorkQueueDto, WorkQueueRowDto } from './work-queue.dto';

/** One row per waiting gate, oldest first. */
export function workQueueTable(queue: WorkQueueDto): ReportTable<WorkQueueRowDto> {
  return {
    name: `Waiting ${queue.today} 待处理`,
    rows: queue.items,
    columns: [
      { key: 'since', header: 'Since 开始于', value: (r) => r.since, width: 26 },
      { key: 'deadline', header: 'Deadline 截止', value: (r) => r.deadline },
      { key: 'overdue', header: 'Overdue 逾期', value: (r) => r.overdue },
      { key: 'context', header: 'Service 部门', value: (r) => r.context },
      { key: 'kind', header: 'Kind 类型', value: (r) => r.kind },
      { key: 'title', header: 'Item 事项', value: (r) => r.title, width: 40 },
      { key: 'gate', header: 'Gate 关卡', value: (r) => r.gate },
      { key: 'waiting_for', header: 'Waiting for 等待', value: (r) => r.waitingFor, width: 40 },
      { key: 'released_by', header: 'Released by 处理角色', value: (r) => r.releasedBy },
      { key: 'assignees', header: 'Named 指定人员', value: (r) => r.assignees.join('; ') || null },
      { key: 'link', header: 'Link 链接', value: (r) => r.link, width: 48 },
    ],
  };
}
