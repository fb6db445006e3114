import type { Column, ReportTable } from '@ooh/http-kit';
import type { FaultSlaBreach, FaultSlaCounts, FaultSlaResult } from '@ooh/operations-domain';

type Scoped = FaultSlaCounts & { scope: string; id: string };

const COUNTS: Array<Column<FaultSlaCounts>> = [
  { key: 'opened', header: 'Opened 报障', value: (r) => r.opened },
  { key: 'resolved', header: 'Resolved 已修复', value: (r) => r.resolved },
  { key: 'resolved_within_sla', header: 'Within SLA 按时修复', value: (r) => r.resolvedWithinSla },
  { key: 'resolved_late', header: 'Late 超时修复', value: (r) => r.resolvedLate },
  { key: 'open_within_sla', header: 'Open, in time 处理中', value: (r) => r.openWithinSla },
  { key: 'open_overdue', header: 'Open, overdue 已超时', value: (r) => r.openOverdue },
  { key: 'compliance', header: 'Compliance 达标率', value: (r) => r.compliance },
  { key: 'median_resolution_minutes', header: 'Median time to restore (min) 修复时长中位数', value: (r) => r.medianResolutionMinutes },
  { key: 'max_resolution_minutes', header: 'Longest (min) 最长修复时长', value: (r) => r.maxResolutionMinutes },
];

/** One row per severity, site and month (and the total), the SLA counts in columns. */
export function faultSlaTable(report: FaultSlaResult): ReportTable<Scoped> {
  return {
    name: 'Fault SLA 故障时效',
    rows: [
      { scope: 'total', id: 'all', ...report.total },
      ...report.rows.map(({ severity, ...r }) => ({ scope: 'severity', id: severity, ...r })),
      ...report.bySite.map(({ siteId, ...r }) => ({ scope: 'site', id: siteId, ...r })),
      ...report.byMonth.map(({ month, ...r }) => ({ scope: 'month', id: month, ...r })),
    ],
    columns: [{ key: 'scope', header: 'Scope 范围', value: (r) => r.scope }, { key: 'id', header: 'Id', value: (r) => r.id, width: 20 }, ...COUNTS],
  };
}

export function faultBreachesTable(report: FaultSlaResult): ReportTable<FaultSlaBreach> {
  return {
    name: 'Breaches 超时明细',
    rows: report.breaches,
    columns: [
      { key: 'fault_id', header: 'Fault 故障', value: (b) => b.faultId, width: 40 },
      { key: 'site_id', header: 'Site 点位', value: (b) => b.siteId },
      { key: 'severity', header: 'Severity 级别', value: (b) => b.severity },
      { key: 'opened_at', header: 'Opened 报障时间', value: (b) => b.openedAt, width: 26 },
      { key: 'sla_deadline', header: 'Deadline 时限', value: (b) => b.slaDeadline, width: 26 },
      { key: 'resolved_at', header: 'Resolved 修复时间', value: (b) => b.resolvedAt, width: 26 },
      { key: 'overdue_minutes', header: 'Overdue (min) 超时分钟', value: (b) => b.overdueMinutes },
    ],
  };
}

type Compliance = { from: string; to: string; compliance: number; missed: Array<{ siteId: string; date?: string; week?: string }> } & Record<string, unknown>;

/** The compliance figures as one row: required, done, the ratio. */
export function complianceSummary(report: Compliance, required: string, done: string): ReportTable<Compliance> {
  return {
    name: `Compliance ${report.from} to ${report.to}`.slice(0, 31),
    rows: [report],
    columns: [
      { key: 'from', header: 'From 自', value: (r) => r.from },
      { key: 'to', header: 'To 至', value: (r) => r.to },
      { key: required, header: 'Required 应完成', value: (r) => r[required] as number },
      { key: done, header: 'Done 已完成', value: (r) => r[done] as number },
      { key: 'compliance', header: 'Compliance 达标率', value: (r) => r.compliance },
    ],
  };
}

/** Every site-day (inspections) or site-week (maintenance) that was required and not done. */
export function complianceMissed(report: Compliance): ReportTable<Compliance['missed'][number]> {
  return {
    name: 'Missed 未完成',
    rows: report.missed,
    columns: [
      { key: 'site_id', header: 'Site 点位', value: (m) => m.siteId },
      { key: 'when', header: 'Day or week 日期/周', value: (m) => m.date ?? m.week ?? null },
    ],
  };
}
