import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { monthRange } from '@ooh/calendar';
import { readAll, type ReadModelStore } from '@ooh/eventing';
import { Aggregates, READ_MODELS, Roles, CsvExport, tableCsv, tablesWorkbook, XlsxExport, type ReportTable } from '@ooh/http-kit';
import {
  audienceDelivery,
  signedRevisionOf,
  spendByChannelMonth,
  vendorAggregate,
  vendorMetrics,
  type AudienceMeasurement,
  type MediaOrderState,
  type MeasuredLine,
  type MeasuredUnit,
  type VendorInvoiceState,
} from '@ooh/buying-domain';
import { CAMPAIGNS } from '../campaigns/campaigns.projection';
import { MEDIA_ORDERS } from '../media-orders/media-orders.projection';
import { MAKEGOODS, ORDER_UNITS } from '../media-orders/units.projection';
import { BUYING_READERS } from '../shared/readers';
import { VENDOR_INVOICES } from '../vendor-invoices/vendor-invoices.projection';
import { PLAN_ESTIMATES, type PlanLineEstimate } from '../integration/plan-estimates.consumer';
import { CommittedSpendDto, CommittedSpendQueryDto, EvaluationQueryDto, VendorEvaluationDto } from './buying-reports.dto';

/** Buying's reports: a vendor's evaluation for a month, the spend signed orders commit per campaign. */
@ApiTags('buying: reports')
@ApiBearerAuth()
@Controller('api/buying')
export class BuyingReportsController {
  private readonly vendors;

  constructor(
    aggregates: Aggregates,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {
    this.vendors = aggregates.commands(vendorAggregate);
  }

  @Get('vendors/:vendorId/evaluation')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: VendorEvaluationDto })
  async evaluation(@Param('vendorId') vendorId: string, @Query() q: EvaluationQueryDto): Promise<VendorEvaluationDto> {
    const { state } = await this.vendors.require(vendorId);
    const { start, end } = monthRange(q.period);
    const [units, makegoods, invoices] = await Promise.all([
      // Missed units count against the vendor even once made good.
      readAll<MeasuredUnit>(this.readModels, ORDER_UNITS, { vendorId, date: { $gte: start, $lte: end } }),
      readAll<{ status: string; decision: { outsideRule: boolean } | null }>(this.readModels, MAKEGOODS, {
        vendorId,
        offeredAt: { $gte: start, $lte: `${end}T23:59:59.999Z` },
      }),
      readAll<VendorInvoiceState>(this.readModels, VENDOR_INVOICES, { vendorId, invoiceDate: { $gte: start, $lte: end } }),
    ]);
    const lines = invoices.reduce((n, i) => n + i.matches.length, 0);
    const discrepancies = invoices.reduce((n, i) => n + i.matches.filter((m) => m.result !== 'matched').length, 0);
    const metrics = vendorMetrics(
      units,
      makegoods.map((m) => ({ status: m.status, outsideRule: m.decision?.outsideRule ?? false })),
      { lines, discrepancies },
    );
    const manual = state.evaluations.find((e) => e.period === q.period);
    const audience = audienceDelivery(await this.measuredLines(vendorId, start, end));
    return {
      vendorId,
      name: state.profile?.name ?? '',
      period: q.period,
      metrics,
      audience,
      manual: manual ? { score: manual.score, notes: manual.notes, at: manual.at, by: manual.by } : null,
    };
  }

  /** The vendor's order lines measured in the period (the latest measurement of each), beside their plan lines' estimates. */
  private async measuredLines(vendorId: string, start: string, end: string): Promise<MeasuredLine[]> {
    const orders = await readAll<MediaOrderState>(this.readModels, MEDIA_ORDERS, { vendorId });
    const latest = orders.flatMap((o) => {
      const byLine = new Map<string, AudienceMeasurement>();
      for (const m of o.audience ?? []) byLine.set(m.planLineId, m);
      return [...byLine.values()].filter((m) => m.measuredOn >= start && m.measuredOn <= end).map((m) => ({ planId: o.plan?.planId ?? '', m }));
    });
    if (latest.length === 0) return [];
    const ids = [...new Set(latest.map(({ planId, m }) => `${planId}:${m.planLineId}`))];
    const estimates = new Map(
      (await Promise.all(ids.map((id) => this.readModels.get<PlanLineEstimate>(PLAN_ESTIMATES, id)))).flatMap((found, i) =>
        found ? [[ids[i], found.doc]] : [],
      ),
    );
    return latest.map(({ planId, m }) => {
      const estimate = estimates.get(`${planId}:${m.planLineId}`);
      return { estimated: { impressions: estimate?.impressions ?? null, grp: estimate?.grp ?? null }, delivered: { impressions: m.impressions, grp: m.grp } };
    });
  }

  @Get('reports/committed-spend')
  @Roles(...BUYING_READERS)
  @ApiOkResponse({ type: CommittedSpendDto })
  async committedSpend(@Query() q: CommittedSpendQueryDto): Promise<CommittedSpendDto> {
    const [campaign, orders] = await Promise.all([
      this.readModels.get<{ authorizedFen: number | null }>(CAMPAIGNS, q.briefId),
      readAll<MediaOrderState & { committedNetFen: number }>(this.readModels, MEDIA_ORDERS, { briefId: q.briefId }),
    ]);
    const signed = orders.filter((o) => o.committedNetFen > 0);
    const sums = new Map<string, { channel: string; month: string; netFen: number }>();
    signed
      .flatMap((o) => spendByChannelMonth(signedRevisionOf(o)?.lines ?? []))
      .forEach((row) => {
        const key = `${row.channel}|${row.month}`;
        sums.set(key, { ...row, netFen: (sums.get(key)?.netFen ?? 0) + row.netFen });
      });
    return {
      briefId: q.briefId,
      authorizedFen: campaign?.doc.authorizedFen ?? null,
      committedFen: signed.reduce((s, o) => s + o.committedNetFen, 0),
      byChannelMonth: [...sums.values()].sort((a, b) => (a.month + a.channel).localeCompare(b.month + b.channel)),
      orders: signed.map((o) => ({
        orderId: o.orderId,
        vendorId: o.vendor?.vendorId ?? '',
        vendorName: o.vendor?.name ?? '',
        revision: o.signedRevision,
        status: o.status,
        netFen: o.committedNetFen,
        billedFen: o.billedFen,
      })),
    };
  }

  @Get('reports/committed-spend.csv')
  @Roles(...BUYING_READERS)
  @CsvExport('A campaign’s committed spend: a row per signed order')
  async committedSpendCsv(@Query() q: CommittedSpendQueryDto) {
    return tableCsv(spendOrders(await this.committedSpend(q)), `committed-spend-${q.briefId}.csv`);
  }

  @Get('reports/committed-spend.xlsx')
  @Roles(...BUYING_READERS)
  @XlsxExport('A campaign’s committed spend: per channel and month, and per signed order')
  async committedSpendXlsx(@Query() q: CommittedSpendQueryDto) {
    const report = await this.committedSpend(q);
    return tablesWorkbook([spendByMonth(report), spendOrders(report)], `committed-spend-${q.briefId}.xlsx`);
  }
}

function spendByMonth(report: CommittedSpendDto): ReportTable<CommittedSpendDto['byChannelMonth'][number]> {
  return {
    name: 'By channel and month 按渠道月份',
    rows: report.byChannelMonth,
    columns: [
      { key: 'channel', header: 'Channel 渠道', value: (r) => r.channel },
      { key: 'month', header: 'Month 月份', value: (r) => r.month },
      { key: 'net_fen', header: 'Committed net 已承诺净额', money: true, value: (r) => r.netFen },
    ],
  };
}

function spendOrders(report: CommittedSpendDto): ReportTable<CommittedSpendDto['orders'][number]> {
  return {
    name: 'Orders 订单',
    rows: report.orders,
    columns: [
      { key: 'order_id', header: 'Order 订单', value: (o) => o.orderId, width: 40 },
      { key: 'vendor', header: 'Vendor 媒体', value: (o) => o.vendorName, width: 24 },
      { key: 'revision', header: 'Revision 版本', value: (o) => o.revision },
      { key: 'status', header: 'Status 状态', value: (o) => o.status },
      { key: 'net_fen', header: 'Net 净额', money: true, value: (o) => o.netFen },
      { key: 'billed_fen', header: 'Billed 已开票', money: true, value: (o) => o.billedFen },
    ],
  };
}
