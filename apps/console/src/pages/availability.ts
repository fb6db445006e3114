import * as echarts from 'echarts';
import { get } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { monthForm, monthOf } from '../month';

interface Run {
  from: string;
  to: string;
  state: string;
  bookingId?: string;
}
interface Face {
  siteId: string;
  face: string;
  city: string;
  station: string;
  runs: Run[];
}

const STATES = ['available', 'held', 'booked', 'live', 'out-of-service'];
const COLORS = ['#e4e7eb', '#f7c948', '#4098d7', '#3ebd93', '#ba2525'];

const daysOf = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
  return days;
};

/** The availability calendar (销控) as a heatmap: faces down, days across, each day's state. */
export async function availabilityPage(query: URLSearchParams, today: string): Promise<HTMLElement> {
  const { month, from, to } = monthOf(query, today);
  const calendar = await get<{ faces: Face[]; totals: Record<string, number> }>(`/api/operations/availability?from=${from}&to=${to}`);
  const form = monthForm('availability', month);
  const totals = h(
    'p',
    { class: 'summary' },
    `${t('faces')}: `,
    h('strong', { 'data-testid': 'availability-faces' }, String(calendar.faces.length)),
    ...STATES.map((s) => ` · ${t(`state-${s}` as Parameters<typeof t>[0])}: ${calendar.totals[s] ?? 0}`),
  );
  if (calendar.faces.length === 0) return h('section', {}, h('h2', {}, t('availability')), form, h('p', { class: 'empty' }, t('empty')));
  const days = daysOf(from, to);
  const faces = calendar.faces.map((f) => `${f.siteId}/${f.face}`);
  const data: Array<[number, number, number]> = [];
  calendar.faces.forEach((f, y) => {
    for (const run of f.runs) for (const d of daysOf(run.from, run.to)) data.push([days.indexOf(d), y, STATES.indexOf(run.state)]);
  });
  const chart = h('div', { class: 'chart', style: `height:${Math.max(240, 40 + faces.length * 28)}px`, 'data-testid': 'heatmap' });
  queueMicrotask(() => {
    const instance = echarts.init(chart);
    instance.setOption({
      tooltip: {
        formatter: (p: { value: [number, number, number] }) =>
          `${faces[p.value[1]]} ${days[p.value[0]]}: ${t(`state-${STATES[p.value[2]]}` as Parameters<typeof t>[0])}`,
      },
      grid: { left: 140, right: 20, top: 10, bottom: 60 },
      xAxis: { type: 'category', data: days.map((d) => d.slice(8)) },
      yAxis: { type: 'category', data: faces },
      visualMap: {
        type: 'piecewise',
        orient: 'horizontal',
        bottom: 0,
        pieces: STATES.map((s, i) => ({ value: i, label: t(`state-${s}` as Parameters<typeof t>[0]), color: COLORS[i] })),
      },
      series: [{ type: 'heatmap', data, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
    });
    new ResizeObserver(() => instance.resize()).observe(chart);
  });
  return h('section', {}, h('h2', {}, t('availability')), form, totals, chart);
}
