import * as echarts from 'echarts';
import { get } from '../api';
import { h, table } from '../dom';
import { yuan } from '../format';
import { t } from '../i18n';

interface Aging {
  asOf: string;
  buckets: string[];
  clients: Array<{ client: string; currency: string; buckets: Record<string, number>; totalFen: number; receivables: number }>;
  totals: Record<string, number>;
}

/** Receivables aging (finance's report): outstanding per client by how long past due. */
export async function agingPage(): Promise<HTMLElement> {
  const aging = await get<Aging>('/api/finance/reports/receivables-aging');
  const total = Object.values(aging.totals).reduce((s, n) => s + n, 0);
  const summary = h('p', { class: 'summary' }, `${t('outstanding')}: `, h('strong', { 'data-testid': 'aging-total' }, yuan(total)), ` · ${aging.asOf}`);
  if (aging.clients.length === 0) return h('section', {}, h('h2', {}, t('aging')), summary, h('p', { class: 'empty' }, t('empty')));
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
    chart,
    table(
      [t('client'), ...aging.buckets, t('total')],
      aging.clients.map((c) => [c.client, ...aging.buckets.map((b) => yuan(c.buckets[b] ?? 0)), yuan(c.totalFen)]),
      { 'data-testid': 'aging-table' },
    ),
  );
}
