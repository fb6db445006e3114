/** Every label in both of the users' languages; the switch is remembered per browser. */
const LABELS = {
  title: ['Operations console', '运营控制台'],
  signIn: ['Sign in', '登录'],
  signOut: ['Sign out', '退出'],
  tokenHint: [
    'Paste a bearer token (embedded mode: npm run -s token -- --sub you --role executive)',
    '粘贴访问令牌（嵌入模式：npm run -s token -- --sub 用户 --role executive）',
  ],
  token: ['Bearer token', '访问令牌'],
  queue: ['Waiting for me', '待我处理'],
  campaigns: ['Campaigns', '广告活动'],
  pipeline: ['Production pipeline', '制作进度'],
  loading: ['Loading…', '加载中…'],
  empty: ['Nothing here.', '暂无数据。'],
  nothingWaits: ['Nothing waits for you.', '没有待您处理的事项。'],
  item: ['Item', '事项'],
  gate: ['Waiting for', '等待'],
  releasedBy: ['Released by', '处理角色'],
  since: ['Since', '开始于'],
  deadline: ['Deadline', '截止日期'],
  overdue: ['Overdue', '已逾期'],
  total: ['Total', '合计'],
  campaign: ['Campaign', '活动'],
  client: ['Client', '客户'],
  lastChange: ['Last change', '最近更新'],
  figures: ['Figures', '数据'],
  differences: ['Differences', '差异'],
  byChannel: ['By channel', '按渠道'],
  byMonth: ['By month', '按月份'],
  documents: ['Documents', '单据'],
  facts: ['Facts behind the figure', '数据明细'],
  asOf: ['As of (business day)', '业务日期截至'],
  knownAt: ['As known at', '记录时点'],
  apply: ['Apply', '应用'],
  export: ['Export', '导出'],
  attention: ['Needs attention', '需关注'],
  amount: ['Amount', '金额'],
  date: ['Date', '日期'],
  recordedAt: ['Recorded at', '记录时间'],
  document: ['Document', '单据'],
  message: ['Message', '消息'],
  job: ['Job', '项目'],
  stage: ['Stage', '阶段'],
  status: ['Status', '状态'],
  due: ['Due', '到期'],
  error: ['Something went wrong', '出错了'],
  language: ['中文', 'English'],
  back: ['Back', '返回'],
  availability: ['OOH availability', '户外销控'],
  aging: ['Receivables aging', '应收账龄'],
  outstanding: ['Outstanding', '未回款'],
  month: ['Month', '月份'],
  faces: ['Faces', '媒体面'],
  reconciliation: ['Reconciliation per order line', '订单行对账'],
  contracted: ['Contracted', '合同'],
  billed: ['Billed', '开票'],
  cutoff: ['Proof due by', '播出证明截至'],
  line: ['Order / line', '订单 / 行'],
  channel: ['Channel', '渠道'],
  aired: ['Aired', '已播'],
  faceDays: ['Face-days live / bought', '在刊面·天 / 购买面·天'],
  ordered: ['Ordered', '下单'],
  delivered: ['Delivered', '已执行'],
  invoiced: ['Invoiced', '已开票'],
  why: ['Why it does not balance', '不平原因'],
  faultSla: ['Fault SLA', '故障时效'],
  severity: ['Severity', '级别'],
  opened: ['Opened', '报修'],
  resolved: ['Resolved', '已修复'],
  inTime: ['In time', '及时'],
  late: ['Late', '超时'],
  overdueNow: ['Overdue now', '当前超时'],
  compliance: ['Compliance', '达标率'],
  breaches: ['Breaches', '超时明细'],
  site: ['Site', '点位'],
  postings: ['Posting register', '上下刊登记'],
  occupancy: ['Occupancy', '上刊率'],
  city: ['City', '城市'],
  station: ['Station', '站点'],
  takenDays: ['Face-days taken', '已占用面·天'],
  inServiceDays: ['Face-days in service', '可用面·天'],
  kind: ['Kind', '类型'],
  photos: ['Photos', '照片'],
  'state-available': ['Available', '空闲'],
  'state-held': ['Held', '预留'],
  'state-booked': ['Booked', '已订'],
  'state-live': ['Live', '在刊'],
  'state-out-of-service': ['Out of service', '停用'],
} as const;

export type Label = keyof typeof LABELS;
export type Lang = 'en' | 'zh';

let lang: Lang = (localStorage.getItem('console.lang') as Lang | null) ?? 'zh';

export const currentLang = (): Lang => lang;
export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem('console.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}
export const t = (label: Label): string => LABELS[label][lang === 'en' ? 0 : 1];

/** The figures' names, as the reports' own headings. */
export const MEASURE_LABELS: Record<string, [string, string]> = {
  planned: ['Planned', '计划'],
  authorized: ['Authorized', '授权'],
  contracted: ['Contracted', '合同'],
  ordered: ['Ordered', '下单'],
  vendorInvoiced: ['Vendor-invoiced', '媒体发票'],
  billed: ['Billed', '开票'],
  collected: ['Collected', '回款'],
  paidOut: ['Paid out', '付款'],
  unitsAired: ['Units aired', '已播'],
  unitsPreempted: ['Units preempted', '被挤占'],
  unitsMissed: ['Units missed', '漏播'],
  makegoodsAccepted: ['Makegoods', '补播'],
  oohPosted: ['OOH posted', '上刊'],
  oohRemoved: ['OOH removed', '下刊'],
};
export const measureLabel = (m: string): string => (MEASURE_LABELS[m] ? MEASURE_LABELS[m][lang === 'en' ? 0 : 1] : m);
export const MONEY = ['planned', 'authorized', 'contracted', 'ordered', 'vendorInvoiced', 'billed', 'collected', 'paidOut'];

/** The differences campaign 360 highlights, by their stable code. */
const DIFFERENCE_LABELS: Record<string, [string, string]> = {
  PLANNED_OVER_AUTHORIZED: ['Planned beyond the client’s authorization', '计划超出客户授权'],
  ORDERED_VS_PLANNED: ['Ordered against the approved plan', '下单与批准计划之差'],
  ORDERED_OVER_AUTHORIZED: ['Ordered beyond the client’s authorization', '下单超出客户授权'],
  CONTRACTED_VS_PLANNED: ['Client contract against the approved plan', '客户合同与批准计划之差'],
  BILLED_VS_CONTRACTED: ['Billed against the contract (negative: still to bill)', '开票与合同之差（负数：待开票）'],
  COLLECTED_VS_BILLED: ['Collected against billed (negative: outstanding)', '回款与开票之差（负数：未回款）'],
  INVOICED_VS_ORDERED: ['Vendor invoices against orders', '媒体发票与下单之差'],
  PAID_VS_INVOICED: ['Paid to vendors against their invoices (negative: still to pay)', '付款与媒体发票之差（负数：待付款）'],
};
export const differenceLabel = (code: string, fallback: string): string =>
  DIFFERENCE_LABELS[code] ? DIFFERENCE_LABELS[code][lang === 'en' ? 0 : 1] : fallback;
