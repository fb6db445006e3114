import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { MEASURES, MONEY_MEASURES, type Campaign360, type CountedFact, type Measure } from '@ooh/reporting-domain';

/** Column headings in both of the users' languages; money is shown in yuan with fen precision. */
export const MEASURE_LABELS: Record<Measure, string> = {
  planned: 'Planned 计划',
  authorized: 'Authorized 授权',
  contracted: 'Contracted 合同',
  ordered: 'Ordered 下单',
  vendorInvoiced: 'Vendor-invoiced 媒体发票',
  billed: 'Billed 开票',
  collected: 'Collected 回款',
  paidOut: 'Paid out 付款',
  productionContracted: 'Production contracted 制作合同',
  productionBilled: 'Production billed 制作开票',
  productionCollected: 'Production collected 制作回款',
  productionCost: 'Production cost 制作成本',
  unitsAired: 'Units aired 已播',
  unitsPreempted: 'Units preempted 被挤占',
  unitsMissed: 'Units missed 漏播',
  makegoodsAccepted: 'Makegoods 补播',
  oohPosted: 'OOH posted 上刊',
  oohRemoved: 'OOH removed 下刊',
};

const isMoney = (m: string) => (MONEY_MEASURES as readonly string[]).includes(m);
const YUAN = '#,##0.00';

/**
 * Campaign 360 as an Excel workbook, written as a stream (rows are committed as they are added, so a
 * large fact sheet is never held whole): the figures by scope, the differences, and every fact counted.
 */
export function campaign360Workbook(briefId: string, report: Campaign360, facts: CountedFact[]): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = 'OOH agency platform';

  const figures = workbook.addWorksheet('Campaign 360');
  figures.columns = [
    { header: 'Scope 范围', key: 'scope', width: 16 },
    { header: 'Id', key: 'id', width: 40 },
    ...MEASURES.map((m) => ({ header: MEASURE_LABELS[m], key: m, width: 16, style: isMoney(m) ? { numFmt: YUAN } : {} })),
  ];
  const row = (scope: string, id: string, values: Record<Measure, number>) =>
    figures.addRow({ scope, id, ...Object.fromEntries(MEASURES.map((m) => [m, isMoney(m) ? values[m] / 100 : values[m]])) }).commit();
  row('campaign', briefId, report.figures);
  report.byChannel.forEach((c) => row('channel', c.channel, c.figures));
  report.byMonth.forEach((m) => row('month', m.month, m.figures));
  report.documents.forEach((d) => row(d.kind, d.documentId, d.figures));
  figures.commit();

  const differences = workbook.addWorksheet('Differences 差异');
  differences.columns = [
    { header: 'Code', key: 'code', width: 26 },
    { header: 'Difference 差异', key: 'label', width: 50 },
    { header: 'Amount (¥)', key: 'amount', width: 16, style: { numFmt: YUAN } },
    { header: 'Attention 需关注', key: 'attention', width: 12 },
  ];
  report.differences.forEach((d) => differences.addRow({ code: d.code, label: d.label, amount: d.differenceFen / 100, attention: d.attention }).commit());
  differences.commit();

  const sheet = workbook.addWorksheet('Facts 明细');
  sheet.columns = [
    { header: 'Measure', key: 'measure', width: 18 },
    { header: 'Amount', key: 'amount', width: 16 },
    { header: 'Business date 业务日期', key: 'businessDate', width: 14 },
    { header: 'Recorded at 记录时间', key: 'recordedAt', width: 26 },
    { header: 'Document 单据', key: 'ledgerId', width: 48 },
    { header: 'Label', key: 'label', width: 48 },
    { header: 'Message', key: 'messageType', width: 32 },
  ];
  for (const f of facts) {
    const amount = isMoney(f.measure) ? f.amount / 100 : f.amount;
    sheet.addRow({ ...f, amount, messageType: f.message.type }).commit();
  }
  sheet.commit();
  void workbook.commit();
  return out;
}
