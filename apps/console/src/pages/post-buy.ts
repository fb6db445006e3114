import { get } from '../api';
import { h, table } from '../dom';
import { yuan } from '../format';
import { t } from '../i18n';
import { timesForm, timesOf } from '../times';
import { toolbar } from '../toolbar';

interface Figures {
  impressions: number | null;
  grp: number | null;
  reach: number | null;
  frequency: number | null;
}
interface Costs {
  planned: number | null;
  actual: number | null;
}
interface Group {
  key: string;
  lines: number;
  measured: number;
  estimated: Figures;
  estimatedMeasured: Figures;
  delivered: Figures;
  index: { impressions: number | null; grp: number | null };
  cppFen: Costs;
  cpmFen: Costs;
}
interface PostBuy {
  objectives: string[];
  kpis: Array<{ metric: string; channel: string | null; target: number; actual: number | null; met: boolean | null; measuredLines: number; lines: number }>;
  campaign: Group;
  byChannel: Group[];
  byVendor: Group[];
  lines: Array<{
    lineId: string;
    channel: string;
    vendor: string;
    estimated: Figures;
    delivered: Figures | null;
    measuredOn: string | null;
    index: { grp: number | null; impressions: number | null; reachPoints: number | null };
    cppFen: Costs;
  }>;
}

const num = (n: number | null) => (n === null ? '—' : n.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));
const pct = (n: number | null) => (n === null ? '—' : `${n}%`);
const fen = (n: number | null) => (n === null ? '—' : yuan(n));
const COST_METRICS = ['cpm', 'cpp'];

/** Post-campaign evaluation: the brief's targets, then promised against delivered per channel, vendor and line. */
export async function postBuyPage(briefId: string, query: URLSearchParams): Promise<HTMLElement> {
  const times = timesOf(query);
  const path = `/api/reporting/campaigns/${encodeURIComponent(briefId)}/post-buy?${times}`;
  const report = await get<PostBuy>(path);
  const verdict = (met: boolean | null) =>
    met === null ? h('span', { class: 'muted' }, t('notMeasured')) : h('span', { class: met ? 'ok' : 'overdue' }, met ? t('met') : t('missed'));
  const groups = (rows: Group[]) =>
    table(
      ['', t('linesMeasured'), 'GRP ' + t('estimated'), 'GRP ' + t('deliveredAudience'), t('grpIndex'), 'CPP ' + t('asPlanned'), 'CPP ' + t('asActual')],
      rows.map((g) => [
        g.key,
        `${g.measured}/${g.lines}`,
        num(g.estimatedMeasured.grp ?? g.estimated.grp),
        num(g.delivered.grp),
        pct(g.index.grp),
        fen(g.cppFen.planned),
        fen(g.cppFen.actual),
      ]),
    );
  return h(
    'section',
    {},
    h('p', {}, h('a', { href: `#/campaigns/${encodeURIComponent(briefId)}` }, `← ${t('back')}`)),
    h('h2', {}, t('postBuy')),
    timesForm(`campaigns/${encodeURIComponent(briefId)}/post-buy`, times),
    toolbar(path, `post-buy-${briefId}`),
    report.objectives.length ? h('p', { class: 'summary' }, `${t('objectives')}: ${report.objectives.join(' · ')}`) : null,
    h('h3', {}, t('kpis')),
    report.kpis.length
      ? table(
          [t('metric'), t('channel'), t('target'), t('actual'), ''],
          report.kpis.map((k) => {
            const money = COST_METRICS.includes(k.metric);
            return [
              k.metric.toUpperCase(),
              k.channel ?? t('campaign'),
              money ? yuan(k.target) : num(k.target),
              money ? fen(k.actual) : num(k.actual),
              verdict(k.met),
            ];
          }),
          { 'data-testid': 'kpi-table' },
        )
      : h('p', { class: 'empty' }, t('empty')),
    h('h3', {}, t('byChannel')),
    groups([report.campaign, ...report.byChannel]),
    h('h3', {}, t('byVendor')),
    groups(report.byVendor),
    h('h3', {}, t('lines')),
    table(
      [
        t('planLine'),
        t('channel'),
        t('vendor'),
        'GRP ' + t('estimated'),
        'GRP ' + t('deliveredAudience'),
        t('grpIndex'),
        t('reachPoints'),
        'CPP ' + t('asActual'),
      ],
      report.lines.map((l) => [
        l.lineId,
        l.channel,
        l.vendor,
        num(l.estimated.grp),
        num(l.delivered?.grp ?? null),
        pct(l.index.grp),
        l.index.reachPoints === null ? '—' : `${l.index.reachPoints > 0 ? '+' : ''}${l.index.reachPoints}`,
        fen(l.cppFen.actual),
      ]),
      { 'data-testid': 'post-buy-lines' },
    ),
  );
}
