import * as echarts from 'echarts';
import { get } from '../api';
import { timesForm, timesOf } from '../times';
import { toolbar } from '../toolbar';
import { h, table } from '../dom';
import { instant, yuan } from '../format';
import { differenceLabel, measureLabel, MONEY, t } from '../i18n';

type Figures = Record<string, number>;
interface Report {
  briefId: string;
  campaign: string | null;
  figures: Figures;
  byChannel: Array<{ channel: string; figures: Figures }>;
  byMonth: Array<{ month: string; figures: Figures }>;
  differences: Array<{ code: string; label: string; differenceFen: number; attention: boolean }>;
  documents: Array<{ ledgerId: string; kind: string; documentId: string; figures: Figures }>;
}
interface Fact {
  factId: string;
  amount: number;
  businessDate: string;
  recordedAt: string;
  ledgerId: string;
  label: string;
  messageType: string;
}

const value = (m: string, n: number) => (MONEY.includes(m) ? yuan(n) : String(n));

/** Campaign 360 with its differences, a chart per channel and month (ECharts), and a drill-down to the facts behind each figure. */
export async function campaign360Page(briefId: string, query: URLSearchParams): Promise<HTMLElement> {
  const times = timesOf(query);
  const base = `/api/reporting/campaigns/${encodeURIComponent(briefId)}/360`;
  const report = await get<Report>(`${base}?${times}`);
  const drill = h('div', { 'data-testid': 'drill' });

  const showFacts = async (measure: string) => {
    drill.replaceChildren(h('p', { class: 'loading' }, t('loading')));
    const facts = await get<{ total: number; items: Fact[] }>(`${base}/facts?${new URLSearchParams([...times, ['measure', measure]])}`);
    drill.replaceChildren(
      h('h3', {}, `${t('facts')}: ${measureLabel(measure)} = `, h('span', { 'data-testid': 'drill-total' }, value(measure, facts.total))),
      table(
        [t('date'), t('amount'), t('document'), t('message'), t('recordedAt')],
        facts.items.map((f) => [f.businessDate, value(measure, f.amount), h('span', { title: f.ledgerId }, f.label), f.messageType, instant(f.recordedAt)]),
        { 'data-testid': 'facts-table' },
      ),
    );
  };

  const figures = h(
    'div',
    { class: 'cards', 'data-testid': 'figures' },
    ...Object.entries(report.figures).map(([m, n]) =>
      h(
        'button',
        { class: 'card', 'data-measure': m, onclick: () => void showFacts(m) },
        h('span', { class: 'label' }, measureLabel(m)),
        h('span', { class: 'value', 'data-testid': `figure-${m}` }, value(m, n)),
      ),
    ),
  );

  const differences = table(
    [t('differences'), t('amount'), t('attention')],
    report.differences.map((d) => [differenceLabel(d.code, d.label), yuan(d.differenceFen), d.attention ? h('span', { class: 'overdue' }, '!') : '']),
  );

  const chart = h('div', { class: 'chart', 'data-testid': 'chart' });
  const form = h('div', {}, timesForm(`campaigns/${encodeURIComponent(briefId)}`, times), toolbar(`${base}?${times}`, `campaign-360-${briefId}`));

  const section = h(
    'section',
    {},
    h(
      'p',
      {},
      h('a', { href: '#/campaigns' }, `← ${t('back')}`),
      ' · ',
      h('a', { href: `#/campaigns/${encodeURIComponent(briefId)}/reconciliation`, 'data-testid': 'reconciliation-link' }, t('reconciliation')),
      ' · ',
      h('a', { href: `#/campaigns/${encodeURIComponent(briefId)}/post-buy`, 'data-testid': 'post-buy-link' }, t('postBuy')),
    ),
    h('h2', { 'data-testid': 'campaign-title' }, report.campaign ?? briefId),
    form,
    h('h3', {}, t('figures')),
    figures,
    drill,
    h('h3', {}, t('byMonth')),
    chart,
    h('h3', {}, t('differences')),
    differences,
    h('h3', {}, t('documents')),
    table(
      [t('document'), ...['planned', 'ordered', 'billed', 'collected'].map(measureLabel)],
      report.documents.map((d) => [
        `${d.kind} ${d.documentId.slice(0, 8)}`,
        yuan(d.figures.planned),
        yuan(d.figures.ordered),
        yuan(d.figures.billed),
        yuan(d.figures.collected),
      ]),
    ),
  );
  // The chart needs its element in the page to measure it.
  queueMicrotask(() => {
    const series = ['planned', 'ordered', 'billed', 'collected'];
    const instance = echarts.init(chart);
    instance.setOption({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => yuan(Number(v) * 100) },
      legend: { data: series.map(measureLabel) },
      xAxis: { type: 'category', data: report.byMonth.map((m) => m.month) },
      yAxis: { type: 'value' },
      series: series.map((m) => ({ name: measureLabel(m), type: 'bar', data: report.byMonth.map((x) => (x.figures[m] ?? 0) / 100) })),
    });
    new ResizeObserver(() => instance.resize()).observe(chart);
  });
  return section;
}
