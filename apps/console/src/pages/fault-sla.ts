import { get } from '../api';
import { h, table } from '../dom';
import { instant } from '../format';
import { t } from '../i18n';
import { toolbar } from '../toolbar';
import { monthForm, monthOf } from '../month';

interface Counts {
  opened: number;
  resolved: number;
  resolvedWithinSla: number;
  resolvedLate: number;
  openOverdue: number;
  compliance: number;
}
interface Report {
  rows: Array<Counts & { severity: string }>;
  total: Counts;
  bySite: Array<Counts & { siteId: string }>;
  byMonth: Array<Counts & { month: string }>;
  breaches: Array<{ faultId: string; siteId: string; severity: string; openedAt: string; slaDeadline: string; overdueMinutes: number }>;
}

/** Fault SLA per severity for a month (operations' report), with every breach, worst first. */
export async function faultSlaPage(query: URLSearchParams, today: string): Promise<HTMLElement> {
  const { month, from, to } = monthOf(query, today);
  const report = await get<Report>(`/api/operations/reports/fault-sla?from=${from}&to=${to}`);
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  const counts = (c: Counts) => [
    String(c.opened),
    String(c.resolved),
    String(c.resolvedWithinSla),
    String(c.resolvedLate),
    String(c.openOverdue),
    pct(c.compliance),
  ];
  return h(
    'section',
    {},
    h('h2', {}, t('faultSla')),
    monthForm('fault-sla', month),
    toolbar(`/api/operations/reports/fault-sla?from=${from}&to=${to}`, `fault-sla-${month}`),
    table(
      [t('severity'), t('opened'), t('resolved'), t('inTime'), t('late'), t('overdueNow'), t('compliance')],
      [...report.rows.map((r) => [r.severity, ...counts(r)]), [h('strong', {}, t('total')), ...counts(report.total)]],
      { 'data-testid': 'sla-table' },
    ),
    h('h3', {}, t('bySite')),
    report.bySite.length
      ? table(
          [t('site'), t('opened'), t('resolved'), t('inTime'), t('late'), t('overdueNow'), t('compliance')],
          report.bySite.map((r) => [r.siteId, ...counts(r)]),
          { 'data-testid': 'sla-by-site' },
        )
      : h('p', { class: 'empty' }, t('empty')),
    h('h3', {}, t('breaches')),
    report.breaches.length
      ? table(
          ['Fault', t('site'), t('severity'), t('opened'), t('deadline'), t('overdueNow')],
          report.breaches.map((b) => [b.faultId.slice(0, 8), b.siteId, b.severity, instant(b.openedAt), instant(b.slaDeadline), `${b.overdueMinutes} min`]),
        )
      : h('p', { class: 'empty' }, t('empty')),
  );
}
