import type { PostBuy, PostBuyGroup, PostBuyLine } from '@ooh/reporting-domain';
import type { Column, ReportTable } from '@ooh/http-kit';

const figureColumns = <Row>(prefix: string, label: string, of: (r: Row) => { impressions: number | null; grp: number | null } | null): Array<Column<Row>> => [
  { key: `${prefix}_impressions`, header: `${label} impressions 曝光`, value: (r) => of(r)?.impressions ?? null },
  { key: `${prefix}_grp`, header: `${label} GRP 毛评点`, value: (r) => of(r)?.grp ?? null },
];

const costColumns = <Row extends PostBuyLine | PostBuyGroup>(): Array<Column<Row>> => [
  { key: 'planned_net_fen', header: 'Planned net 计划净额', money: true, value: (r) => r.plannedNetFen },
  { key: 'delivered_net_fen', header: 'Delivered net 已执行净额', money: true, value: (r) => r.deliveredNetFen },
  { key: 'cpm_planned_fen', header: 'CPM planned 计划千人成本', money: true, value: (r) => r.cpmFen.planned },
  { key: 'cpm_actual_fen', header: 'CPM actual 实际千人成本', money: true, value: (r) => r.cpmFen.actual },
  { key: 'cpp_planned_fen', header: 'CPP planned 计划每点成本', money: true, value: (r) => r.cppFen.planned },
  { key: 'cpp_actual_fen', header: 'CPP actual 实际每点成本', money: true, value: (r) => r.cppFen.actual },
];

/** One row per plan line: promised against delivered, and what each point and thousand cost. */
export function postBuyLines(report: PostBuy): ReportTable<PostBuyLine> {
  return {
    name: 'Post-buy lines 投放后评估',
    rows: report.lines,
    columns: [
      { key: 'line_id', header: 'Line 计划行', value: (l) => l.lineId },
      { key: 'channel', header: 'Channel 渠道', value: (l) => l.channel },
      { key: 'vendor', header: 'Vendor 媒体', value: (l) => l.vendor, width: 24 },
      { key: 'pricing', header: 'Pricing 计价', value: (l) => l.pricing },
      ...figureColumns<PostBuyLine>('estimated', 'Estimated 预估', (l) => l.estimated),
      { key: 'estimated_reach', header: 'Estimated reach % 预估到达率', value: (l) => l.estimated.reach },
      { key: 'estimated_frequency', header: 'Estimated frequency 预估频次', value: (l) => l.estimated.frequency },
      ...figureColumns<PostBuyLine>('delivered', 'Delivered 实际', (l) => l.delivered),
      { key: 'delivered_reach', header: 'Delivered reach % 实际到达率', value: (l) => l.delivered?.reach ?? null },
      { key: 'delivered_frequency', header: 'Delivered frequency 实际频次', value: (l) => l.delivered?.frequency ?? null },
      { key: 'grp_index', header: 'GRP index % 毛评点达成', value: (l) => l.index.grp },
      { key: 'impressions_index', header: 'Impressions index % 曝光达成', value: (l) => l.index.impressions },
      { key: 'reach_points', header: 'Reach ± points 到达率差', value: (l) => l.index.reachPoints },
      ...costColumns<PostBuyLine>(),
      { key: 'measured_on', header: 'Measured on 测量日', value: (l) => l.measuredOn },
      { key: 'source', header: 'Source 来源', value: (l) => l.source },
    ],
  };
}

/** The campaign, each channel and each vendor: impressions and GRP summed, indexes over the measured lines. */
export function postBuyGroups(report: PostBuy): ReportTable<PostBuyGroup & { scope: string }> {
  return {
    name: 'Post-buy totals 汇总',
    rows: [
      { scope: 'campaign', ...report.campaign },
      ...report.byChannel.map((g) => ({ scope: 'channel', ...g })),
      ...report.byVendor.map((g) => ({ scope: 'vendor', ...g })),
    ],
    columns: [
      { key: 'scope', header: 'Scope 范围', value: (g) => g.scope },
      { key: 'key', header: 'Id', value: (g) => g.key, width: 24 },
      { key: 'lines', header: 'Lines 行数', value: (g) => g.lines },
      { key: 'measured', header: 'Measured 已测量', value: (g) => g.measured },
      ...figureColumns<PostBuyGroup>('estimated', 'Estimated 预估', (g) => g.estimated),
      ...figureColumns<PostBuyGroup>('delivered', 'Delivered 实际', (g) => g.delivered),
      { key: 'grp_index', header: 'GRP index % 毛评点达成', value: (g) => g.index.grp },
      { key: 'impressions_index', header: 'Impressions index % 曝光达成', value: (g) => g.index.impressions },
      ...costColumns<PostBuyGroup>(),
    ],
  };
}

/** The brief's targets against what was delivered. */
export function postBuyKpis(report: PostBuy): ReportTable<PostBuy['kpis'][number]> {
  return {
    name: 'KPIs 目标达成',
    rows: report.kpis,
    columns: [
      { key: 'metric', header: 'Metric 指标', value: (k) => k.metric },
      { key: 'channel', header: 'Channel 渠道', value: (k) => k.channel ?? 'campaign' },
      { key: 'target', header: 'Target 目标', value: (k) => k.target },
      { key: 'actual', header: 'Actual 实际', value: (k) => k.actual },
      { key: 'met', header: 'Met 达成', value: (k) => k.met },
      { key: 'measured_lines', header: 'Lines measured 已测量行', value: (k) => `${k.measuredLines}/${k.lines}` },
    ],
  };
}
