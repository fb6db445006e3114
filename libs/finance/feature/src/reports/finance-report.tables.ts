import type { ReportTable } from '@ooh/http-kit';
import type { FinanceReports } from './finance-reports';

type Aging = Awaited<ReturnType<FinanceReports['aging']>>;
type PayablesDue = Awaited<ReturnType<FinanceReports['payablesDue']>>;

const BUCKET_LABELS: Record<string, string> = {
  current: 'Not due 未到期',
  '1-30': '1–30 days 天',
  '31-60': '31–60 days 天',
  '61-90': '61–90 days 天',
  '90+': 'Over 90 days 90天以上',
};

/** One row per client and currency: what is outstanding in each age bucket. */
export function agingTable(report: Aging): ReportTable<Aging['clients'][number]> {
  return {
    name: `Receivables aging ${report.asOf}`,
    rows: report.clients,
    columns: [
      { key: 'client', header: 'Client 客户', value: (r) => r.client, width: 32 },
      { key: 'currency', header: 'Currency 币种', value: (r) => r.currency },
      { key: 'receivables', header: 'Receivables 应收笔数', value: (r) => r.receivables },
      ...report.buckets.map((b) => ({
        key: `${b.replace(/[^0-9a-z]+/g, '_')}_fen`,
        header: BUCKET_LABELS[b] ?? b,
        money: true,
        value: (r: Aging['clients'][number]) => r.buckets[b],
      })),
      { key: 'total_fen', header: 'Outstanding 未收合计', money: true, value: (r) => r.totalFen },
    ],
  };
}

/** One row per payable due in the range, with its ISO week. */
export function payablesDueTable(report: PayablesDue) {
  const rows = report.weeks.flatMap((w) => w.payables.map((p) => ({ week: w.week, ...p })));
  const table: ReportTable<(typeof rows)[number]> = {
    name: `Payables due ${report.from} to ${report.to}`,
    rows,
    columns: [
      { key: 'week', header: 'Week 周', value: (r) => r.week },
      { key: 'due_date', header: 'Due 到期日', value: (r) => r.dueDate },
      { key: 'vendor', header: 'Vendor 供应商', value: (r) => r.vendor.name, width: 32 },
      { key: 'payable_id', header: 'Payable 应付', value: (r) => r.payableId, width: 40 },
      { key: 'status', header: 'Status 状态', value: (r) => r.status },
      { key: 'currency', header: 'Currency 币种', value: (r) => r.currency },
      { key: 'amount_fen', header: 'Amount 金额', money: true, value: (r) => r.amountFen },
    ],
  };
  return table;
}
