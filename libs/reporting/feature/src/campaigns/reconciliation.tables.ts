import type { ReportTable } from '@ooh/http-kit';
import type { ReconciliationDto } from './campaign.dto';

type Order = ReconciliationDto['orders'][number];
type Line = Order['lines'][number] & { orderId: string };
type Reason = Line['reasons'][number] & { orderId: string; lineId: string };

/** One row per order line: ordered, delivered and invoiced, and whether it balances. */
export function reconciliationLines(rec: ReconciliationDto): ReportTable<Line> {
  return {
    name: `Lines ${rec.cutoff} 对账`,
    rows: rec.orders.flatMap((o) => o.lines.map((l) => ({ ...l, orderId: o.orderId }))),
    columns: [
      { key: 'order_id', header: 'Order 订单', value: (l) => l.orderId, width: 40 },
      { key: 'line_id', header: 'Line 计划行', value: (l) => l.lineId },
      { key: 'channel', header: 'Channel 渠道', value: (l) => l.channel },
      { key: 'units', header: 'Units 单元', value: (l) => l.units },
      { key: 'aired', header: 'Aired 已播', value: (l) => l.aired },
      { key: 'missed', header: 'Missed 漏播', value: (l) => l.missed },
      { key: 'unproven', header: 'Unproven 无证明', value: (l) => l.unproven },
      { key: 'pending', header: 'Pending 未到期', value: (l) => l.pending },
      { key: 'face_days_ordered', header: 'Face-days bought 购买面·天', value: (l) => l.faceDays?.ordered ?? null },
      { key: 'face_days_live', header: 'Face-days live 在刊面·天', value: (l) => l.faceDays?.live ?? null },
      { key: 'ordered_fen', header: 'Ordered 下单', money: true, value: (l) => l.orderedFen },
      { key: 'delivered_fen', header: 'Delivered 已执行', money: true, value: (l) => l.deliveredFen },
      { key: 'invoiced_fen', header: 'Vendor-invoiced 媒体发票', money: true, value: (l) => l.invoicedFen },
      { key: 'credited_fen', header: 'Credited 媒体退款', money: true, value: (l) => l.creditedFen },
      { key: 'balanced', header: 'Balanced 平账', value: (l) => l.balanced },
    ],
  };
}

/** One row per reason a line does not balance (and per invoice line for no ordered unit). */
export function reconciliationReasons(rec: ReconciliationDto): ReportTable<Reason> {
  return {
    name: 'Reasons 差异原因',
    rows: rec.orders.flatMap((o) => [
      ...o.lines.flatMap((l) => l.reasons.map((r) => ({ ...r, orderId: o.orderId, lineId: l.lineId }))),
      ...o.unmatchedInvoiceLines.map((r) => ({ ...r, orderId: o.orderId, lineId: '' })),
    ]),
    columns: [
      { key: 'order_id', header: 'Order 订单', value: (r) => r.orderId, width: 40 },
      { key: 'line_id', header: 'Line 计划行', value: (r) => r.lineId || null },
      { key: 'reason', header: 'Reason 原因', value: (r) => r.code, width: 26 },
      { key: 'unit_ids', header: 'Units 单元', value: (r) => r.unitIds.join(' '), width: 24 },
      { key: 'amount_fen', header: 'Amount 金额', money: true, value: (r) => r.amountFen },
      { key: 'note', header: 'Note 说明', value: (r) => r.note, width: 60 },
    ],
  };
}
