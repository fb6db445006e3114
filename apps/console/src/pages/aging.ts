import * as echarts from 'echarts';
import { ApiError, get } from '../api';
import { h, table } from '../dom';
import { day, yuan } from '../format';
import { t } from '../i18n';
import { toolbar } from '../toolbar';

interface Aging {
  asOf: string;
  buckets: string[];
  clients: Array<{ client: string; currency: string; buckets: Record<string, number>; totalFen: number; receivables: number }>;
  totals: Record<string, number>;
}

interface PayablesDue {
  weeks: Array<{
    week: string;
    totalFen: number;
    payables: Array<{ payableId: string; vendor: { name: string }; amountFen: number; dueDate: string; status: string }>;
  }>;
}

/** Payables due in the next 30 days (finance and executives only: the section is left out for the others). */
async function payablesDue(today: string): Promise<HTMLElement | null> {
  const to = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  const path = `/api/finance/reports/payables-due?from=${today}&to=${to}`;
  try {
    const due = await get<PayablesDue>(path);
    const rows = due.weeks.flatMap((w) => w.payables.map((p) => [w.week, day(p.dueDate), p.vendor.name, p.status, yuan(p.amountFen)]));
    return h(
      'div',
      {},
      h('h3', {}, t('payablesDue')),
      toolbar(path, `payables-due-${today}`),
      rows.length
        ? table(['ISO week', t('due'), t('vendor'), t('status'), t('amount')], rows, { 'data-testid': 'payables-due' })
        : h('p', { class: 'empty' }, t('empty')),
    );
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return null;
    throw e;
  }
}

/** Receivables aging (finance's report): outstanding per client by how long past due; payables due beside it. */
export async function agingPage(today: string): Promise<HTMLElement> {
  const aging = await get<Aging>('/api/finance/reports/receivables-aging');
  const due = await payablesDue(today);
  const total = Object.values(aging.totals).reduce((s, n) => s + n, 0);
  const summary = h('p', { class: 'summary' }, `${t('outstanding')}: `, h('strong', { 'data-testid': 'aging-total' }, yuan(total)), ` · ${aging.asOf}`);
  const exports = toolbar('/api/finance/reports/receivables-aging', `receivables-aging-${aging.asOf}`);
  if (aging.clients.length === 0) return h('section', {}, h('h2', {}, t('aging')), summary, exports, h('p', { class: 'empty' }, t('empty')), due);
  const chart = h('div', { class: 'chart', 'data-testid': 'aging-chart' });
  queueMicrotask(() => {
    const instance = echarts.init(chart);
    instance.setOption({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => yuan(Number(v) * 100) },
      legend: { data: aging.buckets },
      xAxis: { type: 'category', data: aging.clients.map((c) => c.client) },
      yAxis: { type: 'value' },
      series: aging.buckets.map((b) => ({ name: b, type: 'bar', stack: 'aging', data: aging.clients.map((c) => (c.buckets[b] ?? 0) / 100) })),
    });
    new ResizeObserver(() => instance.resize()).observe(chart);
  });
  return h(
    'section',
    {},
    h('h2', {}, t('aging')),
    summary,
    exports,
    chart,
    table(
      [t('client'), ...aging.buckets, t('total')],
      aging.clients.map((c) => [c.client, ...aging.buckets.map((b) => yuan(c.buckets[b] ?? 0)), yuan(c.totalFen)]),
      { 'data-testid': 'aging-table' },
    ),
    due,
  );
}
